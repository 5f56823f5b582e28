"""Vectorized (numpy) care-capacity model, and a CSV grid runner.

    python3 numpy_grid.py GRID.csv OUT.csv [--chunk ROWS] [--digits N]

GRID.csv has a header naming model inputs, normally `layoffs,indirect_hours`
(a unit suffix is allowed if it is the input's own unit: `layoffs[staff]`,
`indirect_hours[h/wk/FTE]`); values are in MODEL.md's units.  Every other
input stays at its default.  OUT.csv has the input columns first, then every
scalar output of the model, headed `name[unit]` (bare `name` for a
dimensionless output), values in the unit of cases.json's "units" map.
labor_cost_by_year (a list per row) is not written.

Numbers are written with repr() (shortest round-trip form, `inf` for
infinity) unless --digits N asks for N significant digits.

The formulas are the same as model.py, line for line, with min/max/if turned
into np.minimum/np.maximum/np.where.  Inputs may be numpy arrays or scalars;
they broadcast.  Outputs that depend on no array input come back as 0-d
values, which the CSV writer formats once per chunk instead of once per row.
"""

import io
import itertools
import math
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import DEFAULTS, INPUTS, ModelError, WK_PER_YR, WK_PER_BD, BD_PER_WK  # noqa: E402

# Output names and units, in cases.json order (labor_cost_by_year is a list).
OUTPUT_UNITS = [
    ("headcount", "staff"), ("patient_hours", "h/wk/FTE"), ("turnover", "1/yr"),
    ("vacant_fte", "FTE"), ("fte", "FTE"), ("working_share", ""), ("triage_hours", "h/wk"),
    ("slots", "visits/wk"), ("capacity", "visits/wk"), ("intake_capacity", "visits/wk"),
    ("return_capacity", "visits/wk"), ("external_capacity", "visits/wk"),
    ("external_demand", "visits/wk"), ("outsourced_visits", "visits/wk"),
    ("overflow_referrals", "patients/wk"), ("inhouse_referrals", "patients/wk"),
    ("misroute_rate", ""), ("under_triage_rate", ""), ("high_risk_delayed", "patients/wk"),
    ("intake_demand", "visits/wk"), ("return_demand", "visits/wk"),
    ("intake_utilization", ""), ("return_utilization", ""), ("cancelled_visits", "visits"),
    ("intake_backlog_end", "visits"), ("intake_weeks_to_clear", "wk"),
    ("return_backlog_end", "visits"), ("return_weeks_to_clear", "wk"),
    ("intake_wait", "bd"), ("intake_wait_end", "bd"), ("return_wait", "bd"),
    ("return_wait_end", "bd"), ("intake_compliance", ""), ("return_compliance", ""),
    ("base_payroll", "$/yr"), ("labor_cost_by_year", "$/yr"), ("labor_cost_base", "$/yr"),
    ("contract_cost", "$"), ("cost_of_1pct", "$/yr"), ("severance_weeks", "wk"),
    ("severance_cost", "$"), ("layoff_savings", "$/yr"), ("severance_payback_years", "yr"),
    ("outsourcing_cost", "$/yr"), ("ai_cost", "$/yr"), ("turnover_cost", "$/yr"),
    ("annual_cost", "$/yr"), ("first_year_cost", "$"), ("visits_delivered", "visits/yr"),
    ("cost_per_visit", "$/visit"),
]
SCALAR_OUTPUTS = [(n, u) for n, u in OUTPUT_UNITS if n != "labor_cost_by_year"]


# ---------------------------------------------------------------- vectorized pieces
def _safe_div(num, den):
    """num/den where den != 0, else 0 (the caller masks those entries out)."""
    den = np.asarray(den, dtype=float)
    return np.divide(num, np.where(den == 0, 1.0, den))


def fluid_queue(d, c, b0, H):
    """Vectorized MODEL.md fluid queue: returns (end, avg, weeks_to_clear)."""
    net = d - c                                              # visits/wk
    growing = net >= 0
    t = _safe_div(b0, -net)                                  # wk (garbage where growing)
    clears = ~growing & (t < H)
    flat_end = b0 + net * H
    flat_avg = b0 + net * H / 2
    end = np.where(clears, 0.0, flat_end)
    avg = np.where(clears, b0 * t / 2 / H, flat_avg)
    wtc = np.where(growing, np.where((b0 == 0) & (net == 0), 0.0, np.inf), t)
    return end, avg, wtc


def compliance(wait, lead, standard):
    q = wait - lead                                          # bd
    ok = q <= 0
    return np.where(ok, 1.0, 1.0 - np.exp(-np.maximum(0.0, standard - lead) / np.where(ok, 1.0, q)))


def _first_bad(mask):
    mask = np.broadcast_to(mask, np.shape(mask))
    idx = np.flatnonzero(mask)
    return (int(idx.size), int(idx[0])) if idx.size else (0, None)


# ---------------------------------------------------------------- the model
def evaluate_arrays(params):
    """params: full input dict (see model.DEFAULTS); numeric values may be arrays.

    Returns a dict of outputs (arrays or 0-d), labor_cost_by_year as a list of
    per-year arrays.  Raises ModelError if any row has a capacity <= 0.
    """
    p = params
    headcount = p["therapists"] - p["layoffs"] + p["hires"]                        # staff
    patient_hours = p["hours_per_fte"] - p["indirect_hours"] - p["meeting_hours"]  # h/wk/FTE
    n_bad, first = _first_bad(np.asarray(patient_hours) <= 0)
    if n_bad:
        raise ModelError(f"patient_hours is zero or less in {n_bad} row(s), first at row {first}: "
                         "hours_per_fte - indirect_hours - meeting_hours must be positive")
    turnover = p["turnover_base"] * (patient_hours / 30.0) ** p["burnout_elasticity"]  # 1/yr
    # 1/yr * wk: wk -> yr by / 52
    vacant_fte = headcount * p["fte_per_staff"] * turnover * (p["vacancy_weeks"] / WK_PER_YR)
    fte = headcount * p["fte_per_staff"] - vacant_fte
    working_share = 1.0 - p["leave_weeks"] / WK_PER_YR                             # (wk/yr)/(52 wk/yr)
    triage_hours = p["referrals"] * (1 - p["ai_triage_share"]) * p["clinician_triage_time"]  # h/wk
    slots = (fte * patient_hours * working_share - triage_hours) / p["visit_length"]  # visits/wk
    capacity = slots * (1 - p["no_show_rate"])
    if np.any(1 + np.asarray(p["returns_per_new"]) <= 0):
        raise ModelError("1 + returns_per_new must be positive")
    intake_capacity = capacity / (1 + p["returns_per_new"])
    return_capacity = capacity - intake_capacity
    for name, cap in (("capacity", capacity), ("intake_capacity", intake_capacity),
                      ("return_capacity", return_capacity)):
        n_bad, first = _first_bad(np.asarray(cap) <= 0)
        if n_bad:
            raise ModelError(f"{name} is zero or less in {n_bad} row(s), first at row {first} "
                             f"(patient hours, staffing, triage time or no-show rate)")

    external_capacity = p["external_network_capacity"] * p["external_acceptance"]   # visits/wk
    external_demand = p["referrals"] * p["outsourcing_share"] * p["visits_per_episode"]
    outsourced_visits = np.minimum(external_demand, external_capacity)
    excess = external_demand - outsourced_visits
    overflow_referrals = np.where(excess != 0, _safe_div(excess, p["visits_per_episode"]), 0.0)
    inhouse_referrals = p["referrals"] * (1 - p["outsourcing_share"]) + overflow_referrals

    a = p["ai_triage_share"]
    misroute_rate = a * p["misroute_ai"] + (1 - a) * p["misroute_clinician"]
    under_triage_rate = p["under_triage_clinician"] * (1 + a * (p["ai_under_triage_factor"] - 1))
    high_risk_delayed = p["referrals"] * p["high_risk_share"] * under_triage_rate

    intake_demand = inhouse_referrals * (1 + misroute_rate) * 1.0                  # visits/wk
    return_demand = inhouse_referrals * (p["visits_per_episode"] - 1.0)
    intake_utilization = intake_demand / intake_capacity
    return_utilization = return_demand / return_capacity

    cancelled_visits = (p["strike_days"] * WK_PER_BD) * capacity * p["strike_cancel_rate"]  # bd -> wk

    H = p["horizon"]
    i_end, i_avg, i_clear = fluid_queue(intake_demand, intake_capacity, p["intake_backlog"], H)
    r_end, r_avg, r_clear = fluid_queue(return_demand, return_capacity,
                                        p["return_backlog"] + cancelled_visits, H)
    lead = p["booking_lead"]
    # visits / (visits/wk) = wk; * 5 -> bd
    intake_wait = lead + (i_avg / intake_capacity) * BD_PER_WK
    intake_wait_end = lead + (i_end / intake_capacity) * BD_PER_WK
    return_wait = lead + (r_avg / return_capacity) * BD_PER_WK
    return_wait_end = lead + (r_end / return_capacity) * BD_PER_WK
    intake_compliance = compliance(intake_wait, lead, p["access_standard"])
    return_compliance = compliance(return_wait, lead, p["access_standard"])

    raises, lumps = list(p["raises"]), list(p["lump_sums"])
    if len(raises) != len(lumps):
        raise ModelError(f"raises has {len(raises)} years, lump_sums {len(lumps)}")
    if not raises:
        raise ModelError("raises is empty")
    base_payroll = fte * p["salary"]                                               # $/yr
    fixed = fte * p["fixed_benefits"]
    index = 1.0
    labor_cost_by_year = []
    for r, l in zip(raises, lumps):
        index *= (1 + r)
        labor_cost_by_year.append(base_payroll * index * (1 + l) * (1 + p["rollup"]) + fixed)
    labor_cost_base = base_payroll * (1 + p["rollup"]) + fixed
    contract_cost = sum((c - labor_cost_base) * 1.0 for c in labor_cost_by_year)   # $/yr * 1 yr
    cost_of_1pct = base_payroll * 0.01 * (1 + p["rollup"])

    severance_weeks = np.minimum(p["severance_cap"],
                                 np.maximum(p["severance_min"],
                                            p["severance_weeks_per_year"] * p["avg_tenure"]))
    # $/yr/FTE * FTE/staff * wk (wk -> yr by / 52) + month * $/month/staff
    severance_cost = p["layoffs"] * (p["salary"] * p["fte_per_staff"] * (severance_weeks / WK_PER_YR)
                                     + p["cobra_months"] * p["cobra_monthly"])
    layoff_savings = p["layoffs"] * p["fte_per_staff"] * (
        p["salary"] * (1 + p["rollup"]) + p["fixed_benefits"])
    severance_payback_years = np.where(
        np.asarray(p["layoffs"]) == 0, 0.0,
        np.where(layoff_savings == 0, np.where(severance_cost > 0, np.inf, 0.0),
                 _safe_div(severance_cost, layoff_savings)))

    # visits/wk * $/visit * 52 wk/yr = $/yr ; patients/wk * $/patient * 52 = $/yr
    outsourcing_cost = outsourced_visits * p["external_visit_price"] * (1 + p["coordination_overhead"]) * WK_PER_YR
    ai_cost = p["referrals"] * p["ai_triage_share"] * p["ai_cost_per_referral"] * WK_PER_YR
    turnover_cost = headcount * turnover * p["replacement_cost"]                   # $/yr
    annual_cost = labor_cost_by_year[0] + outsourcing_cost + ai_cost + turnover_cost
    first_year_cost = annual_cost * 1.0 + severance_cost
    visits_delivered = (np.minimum(intake_demand, intake_capacity)
                        + np.minimum(return_demand, return_capacity)
                        + outsourced_visits) * WK_PER_YR                           # visits/wk -> /yr
    if np.any(visits_delivered <= 0):
        raise ModelError("visits_delivered is zero: cost_per_visit is undefined")
    cost_per_visit = annual_cost / visits_delivered

    out = dict(locals())
    out.update(intake_backlog_end=i_end, intake_weeks_to_clear=i_clear,
               return_backlog_end=r_end, return_weeks_to_clear=r_clear)
    return {n: out[n] for n, _ in OUTPUT_UNITS}


def evaluate_scalar_via_arrays(overrides):
    """One case through the vectorized code (for check_cases.py)."""
    p = dict(DEFAULTS)
    p.update(overrides)
    p = {k: (np.asarray([v], dtype=float) if k not in ("raises", "lump_sums") else v)
         for k, v in p.items()}
    out = evaluate_arrays(p)
    res = {}
    for n, v in out.items():
        if n == "labor_cost_by_year":
            res[n] = [float(np.ravel(x)[0]) for x in v]
        else:
            res[n] = float(np.ravel(v)[0])
    return res


# ---------------------------------------------------------------- CSV runner
def _parse_header(line):
    cols = []
    for raw in line.strip().split(","):
        raw = raw.strip()
        name, unit = (raw.split("[", 1) + [None])[:2]
        name = name.strip()
        if name not in INPUTS or name in ("raises", "lump_sums"):
            raise SystemExit(f"grid column {raw!r} is not a scalar model input")
        if unit is not None:
            unit = unit.rstrip("]").strip()
            if unit != INPUTS[name][1]:
                raise SystemExit(f"grid column {raw!r}: unit must be {INPUTS[name][1]!r} "
                                 "(no conversion is done)")
        cols.append(name)
    return cols


def _col_head(name, unit):
    return f"{name}[{unit}]" if unit else name


def run_grid(grid_path, out_path, chunk=100_000, digits=None):
    fmt1 = "%r" if digits is None else f"%.{int(digits)}g"
    fmt_value = (lambda x: repr(float(x))) if digits is None else (lambda x: fmt1 % float(x))
    n_rows = 0
    with open(grid_path, "r", newline="") as fin, open(out_path, "w", newline="") as fout:
        in_cols = _parse_header(fin.readline())
        heads = [_col_head(c, INPUTS[c][1]) for c in in_cols] + \
                [_col_head(n, u) for n, u in SCALAR_OUTPUTS]
        fout.write(",".join(heads) + "\n")
        while True:
            lines = list(itertools.islice(fin, chunk))
            if not lines:
                break
            data = np.loadtxt(lines, delimiter=",", ndmin=2, dtype=float)
            if data.shape[1] != len(in_cols):
                raise SystemExit(f"rows {n_rows + 1}..: expected {len(in_cols)} columns")
            p = dict(DEFAULTS)
            for j, c in enumerate(in_cols):
                p[c] = data[:, j]
            try:
                out = evaluate_arrays(p)
            except ModelError as e:
                raise SystemExit(f"{grid_path}, rows {n_rows + 1}..{n_rows + len(lines)}: {e}")
            # Row template: varying columns get a format slot, constants are literal text.
            parts, varying = [], []
            for j in range(len(in_cols)):
                parts.append(fmt1)
                varying.append(data[:, j])
            for n, _ in SCALAR_OUTPUTS:
                v = np.asarray(out[n], dtype=float)
                if v.ndim == 0:
                    parts.append(fmt_value(v).replace("%", "%%"))
                else:
                    parts.append(fmt1)
                    varying.append(np.broadcast_to(v, (len(lines),)))
            row_fmt = ",".join(parts) + "\n"
            block = np.column_stack(varying)                    # rows x varying columns
            fout.write((row_fmt * len(lines)) % tuple(block.ravel().tolist()))
            n_rows += len(lines)
    return n_rows


def main(argv):
    args = [a for a in argv]
    chunk, digits = 100_000, None
    if "--chunk" in args:
        i = args.index("--chunk"); chunk = int(args[i + 1]); del args[i:i + 2]
    if "--digits" in args:
        i = args.index("--digits"); digits = int(args[i + 1]); del args[i:i + 2]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 64
    t0 = time.perf_counter()
    n = run_grid(args[0], args[1], chunk=chunk, digits=digits)
    dt = time.perf_counter() - t0
    print(f"{n} rows in {dt:.2f} s ({n / dt:,.0f} rows/s) -> {args[1]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
