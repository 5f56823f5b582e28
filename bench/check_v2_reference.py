# Install: pip install --break-system-packages numpy   (numba too, for --numba)
"""Runs every case of shared/reference/cases.json through model_v2.py and compares every output.

    python3 bench/check_v2_reference.py [CASES.json] [--numba] [--verbose]

Each output is compared element by element (series and by-year lists too) with cases.json's
tolerance: |got - want| <= absolute or <= relative * |want|; "inf" must be infinite on both sides.
Prints the largest relative error per case and exits 1 on any mismatch, or on an output the
model does not give / the case does not list. --numba also checks model_v2_numba.py's outputs.
"""

import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import model_v2  # noqa: E402

DEFAULT_CASES = os.path.join(os.path.dirname(HERE), "..", "shared", "reference", "cases.json")
if not os.path.exists(DEFAULT_CASES):
    DEFAULT_CASES = "/work/shared/reference/cases.json"


def as_number(x):
    if isinstance(x, str):
        if x in ("inf", "+inf", "infinity"):
            return math.inf
        if x in ("-inf", "-infinity"):
            return -math.inf
        raise ValueError(f"not a number: {x!r}")
    return float(x)


def compare(want, got, rel_tol, abs_tol):
    """(ok, worst relative error) over all elements."""
    if isinstance(want, list) != isinstance(got, list):
        return False, math.inf
    if isinstance(want, list):
        if len(want) != len(got):
            return False, math.inf
        pairs = zip(want, got)
    else:
        pairs = [(want, got)]
    ok, worst = True, 0.0
    for w, g in pairs:
        w = as_number(w)
        g = float(g)
        if math.isinf(w) or math.isinf(g) or math.isnan(g):
            if not (w == g):
                ok, worst = False, math.inf
            continue
        diff = abs(g - w)
        rel = diff / abs(w) if w != 0 else (0.0 if diff == 0 else math.inf)
        if not (diff <= abs_tol or diff <= rel_tol * abs(w)):
            ok = False
        # the reported error: relative, except where the absolute tolerance is what applies
        worst = max(worst, rel if diff > abs_tol else min(rel, diff))
    return ok, worst


def check(cases_path, evaluators, verbose=False):
    data = json.load(open(cases_path))
    tol = data["tolerance"]
    rel_tol, abs_tol = float(tol["relative"]), float(tol["absolute"])
    units = data["units"]
    missing_in_model = sorted(set(units) - set(model_v2.OUTPUT_UNITS))
    bad_units = sorted(k for k in units if k in model_v2.OUTPUT_UNITS and model_v2.OUTPUT_UNITS[k] != units[k])
    failures = 0
    if missing_in_model or bad_units:
        print(f"units map: not in model_v2 {missing_in_model}, unit differs {bad_units}")
        failures += 1
    print(f"{data.get('model', '?')}: {len(data['cases'])} cases, tolerance relative {rel_tol:g}, absolute {abs_tol:g}")
    header = f"{'case':<18} {'tool':<6} {'outputs':>7} {'values':>7} {'max rel err':>12}  worst output / result"
    print(header)
    print("-" * len(header))
    for case in data["cases"]:
        for tool, evaluate in evaluators:
            got = evaluate(case["overrides"])
            want = case["outputs"]
            bad, worst, worst_name, n_values = [], 0.0, "", 0
            for name in sorted(set(want) | set(got)):
                if name not in got or name not in want:
                    if name in want or tool == "numpy":
                        bad.append(f"{name} (missing {'in model' if name not in got else 'in case'})")
                    continue
                ok, err = compare(want[name], got[name], rel_tol, abs_tol)
                n_values += len(want[name]) if isinstance(want[name], list) else 1
                if err >= worst:
                    worst, worst_name = err, name
                if not ok:
                    bad.append(name)
                    if verbose:
                        print(f"    {name}: want {want[name]!s:.120}\n    {' ' * len(name)}  got  {got[name]!s:.120}")
            status = "ok" if not bad else "MISMATCH: " + ", ".join(bad)
            print(f"{case['name']:<18} {tool:<6} {len(want):>7} {n_values:>7} {worst:>12.2e}  {worst_name}  {status}")
            failures += bool(bad)
    print(f"{'all cases match' if not failures else f'{failures} failure(s)'}")
    return failures


def main(argv):
    verbose = "--verbose" in argv
    use_numba = "--numba" in argv
    args = [a for a in argv if not a.startswith("--")]
    path = args[0] if args else DEFAULT_CASES
    evaluators = [("numpy", model_v2.evaluate_case)]
    if use_numba:
        import model_v2_numba
        evaluators.append(("numba", model_v2_numba.evaluate_case))
    return 1 if check(path, evaluators, verbose) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
