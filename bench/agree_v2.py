# Install: pip install --break-system-packages numpy
"""Checks a `bargain batch` v2 output CSV against model_v2.py, every row and every column it knows.

    python3 bench/agree_v2.py OUTPUT.csv [--tolerance 1e-9] [--show 5] [--skip a,b]
    python3 bench/agree_v2.py --random-grid N GRID.csv [--seed S]   (a grid that varies many levers)

OUTPUT.csv is what `bargain batch --grid G --outputs ... ` wrote: input columns then outputs, each
headed name[unit]. Input columns are the model inputs (in their MODEL.md unit); each output column
named in MODEL.md (by-year ones as name.Y when batch expands them) is compared with model_v2.py
recomputed from the row's inputs: relative 1e-9, absolute 1e-6 near zero, infinities equal.
A unit starting with `%` (`%`, `%/yr`) is a share shown in percent: divided by 100 first.
Exit 0 when every compared value agrees.
"""

import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model_v2  # noqa: E402


def cell(text):
    t = text.strip().strip('"')
    if t in ("∞", "+∞"):
        return math.inf
    if t == "-∞":
        return -math.inf
    try:
        return float(t)
    except ValueError:
        return math.nan  # an error cell (--keep-going) compares as a mismatch


def random_grid(n, path, seed):
    """Rows that move the levers the reference cases hold fixed, fractional weeks included."""
    rng = np.random.default_rng(seed)
    cols = {
        "layoffs": rng.integers(0, 800, n).astype(float),
        "layoff_week": np.round(rng.uniform(0.0, 60.0, n), 2),         # fractional: k = max(1, ceil)
        "hires": rng.integers(0, 400, n).astype(float),
        "indirect_hours": rng.uniform(2.0, 10.0, n),
        "strike_days": rng.choice([0.0, 1.0, 2.5, 15.0, 50.0, 73.0], n),
        "strike_start": np.round(rng.uniform(0.0, 200.0, n), 1),       # fractional start weeks
        "referrals": rng.uniform(6000.0, 12000.0, n),
        "outsourcing_share": rng.uniform(0.0, 0.9, n),
        "ai_triage_share": rng.uniform(0.0, 1.0, n),
        "burnout_elasticity": rng.uniform(0.0, 6.0, n),
        "vacancy_weeks": rng.uniform(4.0, 30.0, n),
        "abandon_rate": rng.uniform(0.0, 0.05, n),
        "pay_elasticity": rng.uniform(0.0, 3.0, n),
    }
    names = list(cols)
    # bargain reads a bare number in the input's own unit, and a share's own unit is `%`:
    # shares and rates go out in percent, with the unit in the header
    percent = {"outsourcing_share": "%", "ai_triage_share": "%", "abandon_rate": "%/wk"}
    for k in percent:
        cols[k] = cols[k] * 100.0
    with open(path, "w") as f:
        f.write(",".join(f"{k}[{percent[k]}]" if k in percent else f"{k}[{model_v2.INPUTS[k][1]}]" if model_v2.INPUTS[k][1] else k
                         for k in names) + "\n")
        block = np.column_stack([cols[k] for k in names])
        f.write(("%r" + ",%r" * (len(names) - 1) + "\n") * n % tuple(block.ravel().tolist()))


def main(argv):
    if "--random-grid" in argv:
        i = argv.index("--random-grid")
        n, path = int(argv[i + 1]), argv[i + 2]
        seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 1
        random_grid(n, path, seed)
        print(f"{n} rows -> {path}")
        return 0
    tol = float(argv[argv.index("--tolerance") + 1]) if "--tolerance" in argv else 1e-9
    show = int(argv[argv.index("--show") + 1]) if "--show" in argv else 5
    skip = set(argv[argv.index("--skip") + 1].split(",")) if "--skip" in argv else set()
    values = {argv[i + 1] for i, a in enumerate(argv[:-1]) if a in ("--tolerance", "--show", "--skip")}
    path = [a for a in argv if not a.startswith("--") and a not in values][0]
    with open(path) as f:
        header = f.readline().rstrip("\n").split(",")
        rows = [line.rstrip("\n").split(",") for line in f if line.strip()]
    heads = []
    for h in header:
        name, _, unit = h.partition("[")
        heads.append((name.strip(), unit.rstrip("]")))
    inputs = [(j, n) for j, (n, _) in enumerate(heads) if n in model_v2.INPUTS]
    # an input column in percent (`%`, `%/wk`) is a share: / 100; a hires column is one value
    # per row, which MODEL.md reads as [h, 0, ..., 0]
    params = {n: np.array([cell(r[j]) for r in rows]) * (0.01 if heads[j][1].startswith("%") else 1.0)
              for j, n in inputs}
    got = model_v2.evaluate(params, series=False)
    compared = unknown = bad = 0
    worst, worst_at = 0.0, ""
    shown = 0
    bad_columns = {}
    for j, (name, unit) in enumerate(heads):
        if any(j == k for k, _ in inputs):
            continue
        base, _, year = name.partition(".")
        if base not in got or base in skip or (year and not year.isdigit()):
            unknown += 1
            continue
        ref = got[base] if not year else got[base][:, int(year) - 1]
        if ref.ndim != 1:
            unknown += 1
            continue
        scale = 0.01 if unit.startswith("%") else 1.0
        for i, r in enumerate(rows):
            x, y = cell(r[j]) * scale, float(ref[i])
            compared += 1
            if math.isinf(x) or math.isinf(y) or math.isnan(x) or math.isnan(y):
                ok, err = (x == y), (0.0 if x == y else math.inf)
            else:
                d = abs(x - y)
                err = d / abs(y) if y != 0 else (0.0 if d == 0 else math.inf)
                ok = d <= 1e-6 or d <= tol * abs(y)
                err = err if d > 1e-6 else min(err, d)
            if err > worst:
                worst, worst_at = err, f"{name} row {i + 1}"
            if not ok:
                bad += 1
                bad_columns[name] = bad_columns.get(name, 0) + 1
                if shown < show:
                    shown += 1
                    ins = ", ".join(f"{n} = {r[k]}" for k, n in inputs)
                    print(f"MISMATCH row {i + 1} ({ins}): {name}[{unit}] bargain {r[j]} model_v2 {y!r}")
    print(f"{len(rows)} rows, {compared} values compared ({unknown} columns not in model_v2), "
          f"max rel err {worst:.2e} at {worst_at}; {'all agree' if not bad else f'{bad} MISMATCH(ES)'}")
    if bad_columns:
        print("mismatching columns: " + ", ".join(f"{k} ({v} rows)" for k, v in bad_columns.items()))
    return 1 if bad or not compared else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
