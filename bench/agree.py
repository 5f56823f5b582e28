"""Checks `bargain batch` output against the independent Python model (model.py).

    python3 agree.py OUTPUT.csv [--every K] [--tolerance 1e-9]

OUTPUT.csv is what `bargain batch --grid … --outputs …` wrote: input columns first, then
outputs, each headed `name[unit]`. Each checked row is recomputed with model.py from its input
columns and every output compared, relative error at most the tolerance (1e-9; absolute 1e-6
near zero; infinities must match). Shares bargain shows in `%` are plain numbers in model.py.
It also reads the file with numpy, to show it loads without cleaning. Exit 0 when all agree.
"""

import csv
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import ModelError, evaluate  # noqa: E402


def split(header):
    name, _, unit = header.partition("[")
    return name, unit.rstrip("]")


def main(argv):
    every, tolerance = 1, 1e-9
    if "--every" in argv:
        i = argv.index("--every"); every = int(argv[i + 1]); del argv[i:i + 2]
    if "--tolerance" in argv:
        i = argv.index("--tolerance"); tolerance = float(argv[i + 1]); del argv[i:i + 2]
    path = argv[0]
    checked = mismatches = 0
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        names = [split(h) for h in header]
        inputs = [i for i, (n, _) in enumerate(names) if n in ("layoffs", "indirect_hours", "hires", "strike_days",
                                                                 "outsourcing_share", "ai_triage_share", "referrals")]
        for number, row in enumerate(reader):
            if number % every:
                continue
            overrides = {names[i][0]: float(row[i]) for i in inputs}
            try:
                expected = evaluate(overrides)
            except ModelError:
                continue
            for i, (name, unit) in enumerate(names):
                if i in inputs or name not in expected:
                    continue
                got = float(row[i])
                if "%" in unit:
                    got /= 100  # model.py keeps shares as plain numbers
                want = expected[name]
                if isinstance(want, list):
                    continue
                ok = (got == want) if math.isinf(want) else abs(got - want) <= max(1e-6, tolerance * abs(want))
                if not ok:
                    mismatches += 1
                    if mismatches <= 10:
                        print(f"row {number + 1}: {name} = {got!r}, model.py says {want!r}", file=sys.stderr)
            checked += 1
    try:
        import numpy as np
        data = np.genfromtxt(path, delimiter=",", names=True, max_rows=1000)
        print(f"numpy reads it: {len(data)} rows, {len(data.dtype.names)} columns (first 1000 rows)")
    except ImportError:
        print("numpy is not installed: skipped reading the file with numpy")
    print(f"{checked} rows checked against model.py, {mismatches} mismatches")
    return 1 if mismatches or not checked else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
