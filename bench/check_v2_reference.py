# Install: pip install --break-system-packages numpy   (numba too, for --numba)
"""Runs every case of shared/reference/cases.json through model_v2.py and compares every output.

    python3 bench/check_v2_reference.py [CASES.json] [--numba] [--verbose] [--random N]

Each output is compared element by element (series and by-year lists too) with cases.json's
tolerance: |got - want| <= absolute or <= relative * |want|; "inf" must be infinite on both sides.
Prints the largest relative error per case and exits 1 on any mismatch, or on an output the
model does not give / the case does not list. --numba also checks model_v2_numba.py's outputs.
--random N then compares numpy and numba with each other on N random scenarios (the grid of
agree_v2.py --random-grid, with by-year hires and raises too), every output, series included.
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


def numpy_vs_numba(n, seed=7):
    """Both implementations on n random scenarios; (values compared, mismatches, worst rel err)."""
    import numpy as np
    import model_v2_numba
    rng = np.random.default_rng(seed)
    p = {
        "layoffs": rng.integers(0, 800, n).astype(float), "layoff_week": rng.uniform(0, 60, n),
        "hires": rng.integers(0, 200, (n, 3)).astype(float), "indirect_hours": rng.uniform(2, 10, n),
        "strike_days": rng.choice([0.0, 1.0, 2.5, 15.0, 50.0], n), "strike_start": rng.uniform(0, 150, n),
        "referrals": rng.uniform(6000, 12000, n), "outsourcing_share": rng.uniform(0, 0.9, n),
        "ai_triage_share": rng.uniform(0, 1, n), "burnout_elasticity": rng.uniform(0, 6, n),
        "vacancy_weeks": rng.uniform(4, 30, n), "abandon_rate": rng.uniform(0, 0.05, n),
        "pay_elasticity": rng.uniform(0, 3, n), "raises": rng.uniform(0, 0.06, (n, 3)),
        "lump_sums": rng.uniform(0, 0.02, (n, 3)), "avg_tenure": rng.uniform(1, 30, n),
    }
    a = model_v2.evaluate(p)
    b = model_v2_numba.evaluate(p)
    compared = bad = 0
    worst = 0.0
    for name in model_v2.OUTPUT_UNITS:
        x, y = a[name].ravel(), b[name].ravel()
        both_inf = np.isinf(x) & np.isinf(y) & (x == y)
        with np.errstate(invalid="ignore"):
            d = np.where(both_inf, 0.0, np.abs(x - y))
        ok = both_inf | (d <= 1e-6) | (d <= 1e-9 * np.abs(x))
        # plain relative error, so that even differences under the absolute tolerance show
        rel = np.where(d == 0, 0.0, d / np.where(x != 0, np.abs(x), 1.0))
        compared += x.size
        bad += int(np.count_nonzero(~ok))
        worst = max(worst, float(np.nanmax(rel)) if rel.size else 0.0)
        if not ok.all():
            print(f"  numpy vs numba: {name} differs in {int(np.count_nonzero(~ok))} value(s)")
    return compared, bad, worst


def main(argv):
    verbose = "--verbose" in argv
    use_numba = "--numba" in argv
    n_random = int(argv[argv.index("--random") + 1]) if "--random" in argv else 0
    args = [a for a in argv if not a.startswith("--") and not (n_random and a == str(n_random))]
    path = args[0] if args else DEFAULT_CASES
    evaluators = [("numpy", model_v2.evaluate_case)]
    if use_numba or n_random:
        import model_v2_numba
        evaluators.append(("numba", model_v2_numba.evaluate_case))
    failures = check(path, evaluators, verbose)
    if n_random:
        compared, bad, worst = numpy_vs_numba(n_random)
        print(f"numpy vs numba on {n_random} random 3-year scenarios: {compared:,} values, "
              f"max rel err {worst:.2e}, {'all agree' if not bad else f'{bad} MISMATCH(ES)'}")
        failures += bool(bad)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
