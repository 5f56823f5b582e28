# Install: pip install --break-system-packages numpy
"""Which reference cases pin down each reading of MODEL.md v2 where the text allows another.

    python3 bench/v2_ambiguities.py [CASES.json]

For each plausible misreading, model_v2.py's source is changed by one text substitution, the
changed model is run on every case, and the cases that then fail are listed. A reading that no
case rejects is flagged: the reference cases do not settle it (MODEL.md's text must). The
unchanged model must pass every case first. Feeds bench/MODEL_V2_NOTES.md.
"""

import io
import json
import os
import sys
import types
from contextlib import redirect_stdout

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_v2_reference as chk  # noqa: E402

SOURCE = open(os.path.join(HERE, "model_v2.py")).read()

# (what the misreading is, text in model_v2.py, replacement)
VARIANTS = [
    ("layoff week k = floor(layoff_week) (not ceil)",
     "np.ceil(f(\"layoff_week\"))", "np.floor(f(\"layoff_week\"))"),
    ("layoff week k = ceil(layoff_week) + 1 (layoffs felt the week after)",
     "np.maximum(1.0, np.ceil(f(\"layoff_week\")))", "np.maximum(1.0, np.ceil(f(\"layoff_week\"))) + 1"),
    ("positions drop only after week k (t > k, not t >= k)",
     "laid_off = t >= k", "laid_off = t > k"),
    ("a single hires value opens positions every contract year (not [h, 0, ..])",
     "h[:, 0] = a", "h[:, :] = a[..., None] / np.ones(n) if a.ndim else a"),
    ("fills computed from staff[t-1], before the layoff (not s')",
     "fills = np.maximum(0.0, positions - s1)", "fills = np.maximum(0.0, positions - staff_prev)"),
    ("quits computed from staff[t-1], before the layoff (not s')",
     "quits = s1 * quit_share[y]", "quits = staff_prev * quit_share[y]"),
    ("staff[0] = therapists (no steady-state vacancy at the start)",
     "staff_prev = therapists / (1.0 + a0)", "staff_prev = therapists * 1.0"),
    ("a0 without the wk->yr conversion (0.12 * 16 = 1.92)",
     "a0 = f(\"turnover_base\") * vacancy_weeks / WK_PER_YR", "a0 = f(\"turnover_base\") * vacancy_weeks"),
    ("market[y] = (1 + g)^(y-1): no drift in year 1",
     "** years[None, :]", "** (years[None, :] - 1)"),
    ("turnover_by_year ignores the burnout factor (turnover_base, not turnover)",
     "turnover_by_year = turnover[:, None]", "turnover_by_year = f(\"turnover_base\")[:, None]"),
    ("strike sigma: D - (t - strike_start) + 1 (a fractional strike week counted from the start of t)",
     "D - (t - strike_start)", "D - (t - strike_start) + 1"),
    ("strike sigma: t > strike_start (strike starts the week after)",
     "np.where(t >= strike_start,", "np.where(t > strike_start,"),
    ("strike_days taken in weeks without the bd->wk conversion",
     "D = f(\"strike_days\") / BD_PER_WK", "D = f(\"strike_days\") * 1.0"),
    ("abandonment on the new backlog (B[t] * rate), not B[t-1]",
     "i_ab = Bi * abandon", "i_ab = np.maximum(0.0, Bi + intake_demand - icap) * abandon"),
    ("wait uses the previous backlog B[t-1]",
     "i_wait = lead + Bi / icap * BD_PER_WK", "i_wait = lead + Bi_prev_for_wait / icap * BD_PER_WK"),
    ("wait in weeks, not converted to bd",
     "r_wait = lead + Br / rcap * BD_PER_WK", "r_wait = lead + Br / rcap"),
    ("compliance q = wait (not wait - booking_lead)",
     "r_comp = compliance(r_wait - lead)", "r_comp = compliance(r_wait)"),
    ("compliance exponent uses access_standard, not access_standard - booking_lead",
     "allowed = np.maximum(0.0, f(\"access_standard\") - lead)", "allowed = f(\"access_standard\")"),
    ("weeks_to_clear counted from 0 (t - 1)",
     "(Br == 0), float(t)", "(Br == 0), float(t - 1)"),
    ("abandoned totals as yearly means (/52) instead of totals",
     "o[\"abandoned_by_year\"] = acc[\"intake_abandoned\"] + acc[\"return_abandoned\"]",
     "o[\"abandoned_by_year\"] = (acc[\"intake_abandoned\"] + acc[\"return_abandoned\"]) / 52"),
    ("intake_abandoned as a weekly mean",
     "o[\"intake_abandoned\"] = acc[\"intake_abandoned\"][:, 0]", "o[\"intake_abandoned\"] = mean[\"intake_abandoned\"][:, 0]"),
    ("contract_cost against the constant labor_cost_base (year 1's), not each year's labor_base mean",
     "(mean[\"labor\"] - mean[\"labor_base\"]).sum(axis=1)",
     "(mean[\"labor\"] - mean[\"labor_base\"][:, :1]).sum(axis=1)"),
    ("lump sum compounds into the index",
     "index = np.cumprod(1.0 + raises, axis=1)", "index = np.cumprod((1.0 + raises) * (1.0 + lumps), axis=1)"),
    ("turnover_cost_by_year as a yearly total of weekly $ (not the mean of a $/yr flow)",
     "tcost = quits * replacement_cost * WK_PER_YR", "tcost = quits * replacement_cost"),
    ("visits_delivered counts capacity (min(demand, capacity)), not served",
     "acc[\"intake_served\"][:, 0] + acc[\"return_served\"][:, 0]",
     "(np.minimum(intake_demand, mean['capacity'][:, 0] / rpn1) + np.minimum(return_demand, mean['capacity'][:, 0] - mean['capacity'][:, 0] / rpn1)) * 52"),
    ("headcount without the hires",
     "o[\"headcount\"] = therapists - layoffs + h.sum(axis=1)", "o[\"headcount\"] = therapists - layoffs"),
    ("peak wait includes the week-0 wait",
     "i_peak = np.full(rows, -INF)", "i_peak = lead + f('intake_backlog') / (((therapists / (1 + a0)) * fte_per_staff * ph_ws - triage_hours) / visit_length * (1 - no_show) / rpn1) * BD_PER_WK"),
    ("by-year means over each year's weeks replaced by the value at the year's last week",
     "mean = {name: a / 52.0 for name, a in acc.items()}",
     "mean = {name: a / 52.0 for name, a in acc.items()}\n    mean['staff'] = ser['staff_by_week'][:, 51::52]"),
    ("severance weeks taken as years of pay (no wk->yr conversion)",
     "salary * fte_per_staff * sev_weeks / WK_PER_YR", "salary * fte_per_staff * sev_weeks"),
]


def load_variant(old, new):
    if SOURCE.count(old) < 1:
        raise SystemExit(f"variant text not found in model_v2.py: {old!r}")
    src = SOURCE.replace(old, new)
    if "Bi_prev_for_wait" in src:  # keep B[t-1] around for the wait variant
        src = src.replace("Bi, Br = Bi_new, Br_new", "Bi_prev_for_wait = Bi\n        Bi, Br = Bi_new, Br_new")
    mod = types.ModuleType("model_v2_variant")
    exec(compile(src, "model_v2_variant", "exec"), mod.__dict__)
    return mod


def failing_cases(mod, path):
    chk.model_v2 = mod
    buf = io.StringIO()
    try:
        with redirect_stdout(buf):
            chk.check(path, [("numpy", mod.evaluate_case)])
    except Exception as e:  # a variant may break the model outright
        return None, f"error: {type(e).__name__}: {e}"
    lines = [l for l in buf.getvalue().splitlines() if "MISMATCH" in l]
    names = [l.split()[0] for l in lines]
    outputs = sorted({o.strip() for l in lines for o in l.split("MISMATCH: ")[1].split(",")})
    return names, outputs


def main(argv):
    path = argv[0] if argv else chk.DEFAULT_CASES
    base, _ = failing_cases(load_variant("", ""), path) if False else (None, None)
    import model_v2
    base, _ = failing_cases(model_v2, path)
    if base:
        print(f"the unchanged model fails {base}: fix it first")
        return 1
    unsettled = 0
    for what, old, new in VARIANTS:
        names, outputs = failing_cases(load_variant(old, new), path)
        if names is None:
            print(f"- {what}: {outputs}")
        elif not names:
            unsettled += 1
            print(f"- {what}: NOT SETTLED by any case")
        else:
            shown = outputs if len(outputs) <= 6 else outputs[:6] + [f"... {len(outputs) - 6} more"]
            print(f"- {what}: rejected by {len(names)} case(s) {', '.join(names)}; outputs {', '.join(shown)}")
    print(f"{len(VARIANTS)} misreadings tried, {unsettled} not settled by the cases")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
