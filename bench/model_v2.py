# Install: pip install --break-system-packages numpy
"""Independent numpy implementation of the care-capacity model v2 (shared/MODEL.md).

Written apart from the Swift project, to cross-check shared/reference/cases.json and
`bargain batch`.  Vectorised over scenarios (every input an array of shape [rows], or a
plain number that broadcasts), with a Python loop over the weeks t = 1..T, T = 52 x n,
n = len(raises).

Numbers carry no units here, so every conversion MODEL.md leaves to the unit system is
written out by hand.  Internal base units: time in weeks, money in dollars, counts plain.

    1 yr = 52 wk        1 bd = 1/5 wk        1 month = 1/12 yr (not needed: cobra is $/month * month)
    a percentage is a plain number (12% == 0.12)

Each input is taken in the unit of MODEL.md's input table (the plain numbers in cases.json
"overrides"); each output is returned in the unit cases.json's "units" map gives it.

Shapes (rows = number of scenarios):
    single-value inputs : scalar or [rows]
    raises, lump_sums   : [n] or [rows, n]   (n is the same for every row: T is static)
    hires               : scalar or [rows] (= [h, 0, ..., 0]) or [n] or [rows, n]; a 1-d array
                          of length n is read as a by-year list only when passed as a Python list
                          or with hires_by_year=True (a [rows] array is one value per row)
    outputs             : single values [rows], by-year [rows, n], series [rows, T]

Entry points: evaluate(params, series=True) -> dict of arrays;  evaluate_case(overrides) -> dict
of floats / lists (one scenario).
"""

import math

import numpy as np

# ---------------------------------------------------------------- unit constants
WK_PER_YR = 52.0    # 1 yr = 52 wk
BD_PER_WK = 5.0     # 1 wk = 5 bd  (1 bd = 1/5 wk)
INF = math.inf


class ModelError(ValueError):
    """An input combination the model rejects (MODEL.md names it an error)."""


# ---------------------------------------------------------------- inputs
# name: (default, unit as in MODEL.md, basis)
INPUTS = {
    "therapists":                (2400.0,   "staff",          "S"),
    "layoffs":                   (0.0,      "staff",          "lever"),
    "layoff_week":               (1.0,      "wk",             "lever"),
    "hires":                     (0.0,      "staff",          "lever"),
    "fte_per_staff":             (0.85,     "FTE/staff",      "A"),
    "hours_per_fte":             (40.0,     "h/wk/FTE",       "S"),
    "indirect_hours":            (7.5,      "h/wk/FTE",       "S"),
    "meeting_hours":             (2.5,      "h/wk/FTE",       "S"),
    "leave_weeks":               (6.0,      "wk/yr",          "A"),
    "visit_length":              (1.0,      "h/visit",        "S"),
    "returns_per_new":           (6.0,      "",               "lever/A"),
    "no_show_rate":              (0.10,     "",               "A"),
    "turnover_base":             (0.12,     "1/yr",           "A"),
    "burnout_elasticity":        (2.0,      "",               "A"),
    "vacancy_weeks":             (16.0,     "wk",             "A"),
    "replacement_cost":          (25000.0,  "$/staff",        "A"),
    "referrals":                 (9950.0,   "patients/wk",    "A"),
    "visits_per_episode":        (8.0,      "visits/patient", "A"),
    "outsourcing_share":         (0.40,     "",               "S/A"),
    "external_network_capacity": (70000.0,  "visits/wk",      "A"),
    "external_acceptance":       (0.50,     "",               "S/A"),
    "ai_triage_share":           (0.85,     "",               "S/A"),
    "clinician_triage_time":     (0.5,      "h/patient",      "A"),
    "misroute_clinician":        (0.05,     "",               "A"),
    "misroute_ai":               (0.15,     "",               "A"),
    "high_risk_share":           (0.05,     "",               "A"),
    "under_triage_clinician":    (0.11,     "",               "S"),
    "ai_under_triage_factor":    (1.5,      "",               "A"),
    "intake_backlog":            (8000.0,   "visits",         "A"),
    "return_backlog":            (103000.0, "visits",         "A"),
    "abandon_rate":              (0.02,     "1/wk",           "A"),
    "booking_lead":              (2.0,      "bd",             "A"),
    "access_standard":           (10.0,     "bd",             "S"),
    "salary":                    (150000.0, "$/yr/FTE",       "A"),
    "rollup":                    (0.12,     "",               "S/A"),
    "fixed_benefits":            (34500.0,  "$/yr/FTE",       "D"),
    "raises":                    ([0.0, 0.0, 0.0, 0.0], "list", "lever"),
    "lump_sums":                 ([0.0, 0.0, 0.0, 0.0], "list", "lever"),
    "severance_weeks_per_year":  (1.0,      "wk/yr",          "S"),
    "severance_min":             (4.0,      "wk",             "S"),
    "severance_cap":             (26.0,     "wk",             "S"),
    "avg_tenure":                (8.0,      "yr",             "A"),
    "cobra_months":              (3.0,      "month",          "A"),
    "cobra_monthly":             (1000.0,   "$/month/staff",  "A"),
    "external_visit_price":      (145.0,    "$/visit",        "S/A"),
    "coordination_overhead":     (0.15,     "",               "A"),
    "ai_cost_per_referral":      (15.0,     "$/patient",      "A"),
    "strike_days":               (0.0,      "bd",             "lever"),
    "strike_start":              (1.0,      "wk",             "lever"),
    "strike_cancel_rate":        (0.242,    "",               "D"),
    "market_wage_growth":        (0.03,     "1/yr",           "A"),
    "pay_elasticity":            (2.0,      "",               "A"),
}
DEFAULTS = {k: v[0] for k, v in INPUTS.items()}
LIST_INPUTS = ("raises", "lump_sums")          # always by-year
SCALAR_INPUTS = [k for k in INPUTS if k not in LIST_INPUTS and k != "hires"]

# Output name -> unit (the same map as cases.json "units").
OUTPUT_UNITS = {
    "headcount": "staff", "patient_hours": "h/wk/FTE", "turnover": "1/yr", "staff_end": "staff",
    "vacant_fte": "FTE", "fte": "FTE", "working_share": "", "triage_hours": "h/wk",
    "slots": "visits/wk", "capacity": "visits/wk", "intake_capacity": "visits/wk",
    "return_capacity": "visits/wk", "external_capacity": "visits/wk", "external_demand": "visits/wk",
    "outsourced_visits": "visits/wk", "overflow_referrals": "patients/wk",
    "inhouse_referrals": "patients/wk", "misroute_rate": "", "under_triage_rate": "",
    "high_risk_delayed": "patients/wk", "intake_demand": "visits/wk", "return_demand": "visits/wk",
    "intake_utilization": "", "return_utilization": "", "cancelled_visits": "visits",
    "intake_backlog_end": "visits", "intake_weeks_to_clear": "wk", "return_backlog_end": "visits",
    "return_weeks_to_clear": "wk", "intake_wait": "bd", "intake_wait_end": "bd",
    "intake_wait_peak": "bd", "return_wait": "bd", "return_wait_end": "bd", "return_wait_peak": "bd",
    "intake_compliance": "", "return_compliance": "", "intake_abandoned": "visits/yr",
    "return_abandoned": "visits/yr", "abandoned_by_year": "visits/yr", "intake_wait_by_year": "bd",
    "return_wait_by_year": "bd", "return_compliance_by_year": "", "staff_by_year": "staff",
    "turnover_by_year": "1/yr", "base_payroll": "$/yr", "labor_cost_by_year": "$/yr",
    "labor_cost_base": "$/yr", "contract_cost": "$", "cost_of_1pct": "$/yr", "severance_weeks": "wk",
    "severance_cost": "$", "layoff_savings": "$/yr", "severance_payback_years": "yr",
    "outsourcing_cost": "$/yr", "ai_cost": "$/yr", "turnover_cost_by_year": "$/yr",
    "turnover_cost": "$/yr", "annual_cost_by_year": "$/yr", "annual_cost": "$/yr",
    "first_year_cost": "$", "contract_total_cost": "$", "visits_delivered": "visits/yr",
    "cost_per_visit": "$/visit", "staff_by_week": "staff", "vacancies_by_week": "staff",
    "capacity_by_week": "visits/wk", "intake_backlog_by_week": "visits",
    "return_backlog_by_week": "visits", "intake_wait_by_week": "bd", "return_wait_by_week": "bd",
    "return_compliance_by_week": "",
}
SERIES_OUTPUTS = [k for k in OUTPUT_UNITS if k.endswith("_by_week")]
BY_YEAR_OUTPUTS = [k for k in OUTPUT_UNITS if k.endswith("_by_year")]
SINGLE_OUTPUTS = [k for k in OUTPUT_UNITS if k not in SERIES_OUTPUTS and k not in BY_YEAR_OUTPUTS]


# ---------------------------------------------------------------- helpers
def _rows_of(params):
    """The number of scenarios: the longest 1-d input (1 when all are plain numbers)."""
    rows = 1
    for k in SCALAR_INPUTS:
        a = np.asarray(params[k])
        if a.ndim == 1:
            rows = max(rows, a.shape[0])
    for k in LIST_INPUTS + ("hires",):
        a = np.asarray(params[k])
        if a.ndim == 2:
            rows = max(rows, a.shape[0])
    return rows


def _by_year(value, rows, n, name):
    """A by-year list as [rows, n]."""
    a = np.asarray(value, dtype=float)
    if a.ndim == 1:
        a = a[None, :]
    if a.ndim != 2 or a.shape[1] != n:
        raise ModelError(f"{name} has {a.shape[-1]} contract years, raises has {n}; they must be the same length")
    return np.broadcast_to(a, (rows, n))


def _hires_by_year(value, rows, n, by_year):
    """MODEL.md: a single value h means [h, 0, ..., 0]; a list must have n entries."""
    if isinstance(value, (list, tuple)):
        by_year = True
    a = np.asarray(value, dtype=float)
    if a.ndim == 0 or (a.ndim == 1 and not by_year):
        h = np.zeros((rows, n))
        h[:, 0] = a
        return h
    if a.shape[-1] != n:
        raise ModelError(f"hires has {a.shape[-1]} contract years, raises has {n}: "
                         "give a single value or one value per contract year")
    return np.broadcast_to(a if a.ndim == 2 else a[None, :], (rows, n))


def _first_bad_row(mask):
    return int(np.flatnonzero(np.ravel(mask))[0]) + 1


def _check(mask, message):
    mask = np.asarray(mask)
    if np.any(mask):
        raise ModelError(f"{message} (in {int(np.count_nonzero(mask))} row(s), first row {_first_bad_row(mask)})")


# ---------------------------------------------------------------- the model
def evaluate(params=None, series=True, hires_by_year=False, compliance=True):
    """Evaluate the model; `params` overrides DEFAULTS (values per the shapes in the module doc).

    series=False skips the [rows, T] outputs (the grid benchmark: 1e6 x 208 x 8 floats is 13 GB);
    every other output is still computed, from running sums. compliance=False skips the two
    exponentials a week behind the *_compliance outputs (they come out NaN): the grid benchmark's
    five outputs do not need them.
    Returns {name: array}, single values [rows], by-year [rows, n], series [rows, T].
    """
    p = dict(DEFAULTS)
    p.update(params or {})
    unknown = set(p) - set(INPUTS)
    if unknown:
        raise ModelError(f"unknown input(s): {', '.join(sorted(unknown))}")
    raises0 = np.asarray(p["raises"], dtype=float)
    n = raises0.shape[-1]
    if n == 0:
        raise ModelError("raises is empty: the contract needs at least one year")
    T = 52 * n
    rows = _rows_of(p)
    f = lambda k: np.broadcast_to(np.asarray(p[k], dtype=float), (rows,))   # noqa: E731
    raises = _by_year(p["raises"], rows, n, "raises")
    lumps = _by_year(p["lump_sums"], rows, n, "lump_sums")
    h = _hires_by_year(p["hires"], rows, n, hires_by_year)

    therapists, layoffs = f("therapists"), f("layoffs")
    fte_per_staff = f("fte_per_staff")

    # ---- constant over the contract -----------------------------------------
    patient_hours = f("hours_per_fte") - f("indirect_hours") - f("meeting_hours")     # h/wk/FTE
    _check(patient_hours <= 0, "patient_hours = hours_per_fte - indirect_hours - meeting_hours is zero or less")
    _check(layoffs >= therapists, "layoffs must be fewer than therapists")
    # (patient_hours / 30 h/wk/FTE) is a plain ratio; turnover keeps turnover_base's 1/yr
    turnover = f("turnover_base") * (patient_hours / 30.0) ** f("burnout_elasticity")  # 1/yr
    index = np.cumprod(1.0 + raises, axis=1)                                          # [rows, n]
    years = np.arange(1, n + 1, dtype=float)
    # market_wage_growth [1/yr] * 1 yr = plain number
    market = (1.0 + f("market_wage_growth")[:, None] * 1.0) ** years[None, :]         # [rows, n]
    turnover_by_year = turnover[:, None] * (market / index) ** f("pay_elasticity")[:, None]  # 1/yr
    # leave_weeks [wk/yr] -> plain share: / (52 wk/yr)
    working_share = 1.0 - f("leave_weeks") / WK_PER_YR
    # patients/wk * share * h/patient = h/wk
    ai_share = f("ai_triage_share")
    triage_hours = f("referrals") * (1 - ai_share) * f("clinician_triage_time")
    external_capacity = f("external_network_capacity") * f("external_acceptance")   # visits/wk
    external_demand = f("referrals") * f("outsourcing_share") * f("visits_per_episode")
    outsourced_visits = np.minimum(external_demand, external_capacity)
    excess = external_demand - outsourced_visits
    vpe = f("visits_per_episode")
    # visits/wk / (visits/patient) = patients/wk; nothing in excess -> 0 even when vpe = 0
    with np.errstate(divide="ignore", invalid="ignore"):
        overflow_referrals = np.where(excess != 0, excess / np.where(vpe != 0, vpe, 1.0), 0.0)
    inhouse_referrals = f("referrals") * (1 - f("outsourcing_share")) + overflow_referrals
    misroute_rate = ai_share * f("misroute_ai") + (1 - ai_share) * f("misroute_clinician")
    under_triage_rate = f("under_triage_clinician") * (1 + ai_share * (f("ai_under_triage_factor") - 1))
    high_risk_delayed = f("referrals") * f("high_risk_share") * under_triage_rate
    intake_demand = inhouse_referrals * (1 + misroute_rate) * 1.0                     # visits/wk
    return_demand = inhouse_referrals * (vpe - 1.0)                                   # visits/wk

    # ---- workforce ------------------------------------------------------------
    vacancy_weeks = f("vacancy_weeks")
    # turnover_base [1/yr] * vacancy_weeks [wk]: wk -> yr by / 52 (0.12/yr * 16 wk = 0.0369)
    a0 = f("turnover_base") * vacancy_weeks / WK_PER_YR
    staff_prev = therapists / (1.0 + a0)
    # k = max(1, ceil(layoff_week / 1 wk))
    k = np.maximum(1.0, np.ceil(f("layoff_week")))
    positions_by_year = np.ascontiguousarray((therapists[:, None] + np.cumsum(h, axis=1)).T)  # [n, rows], before layoffs
    # turnover_by_year [1/yr] * 1 wk: / 52 -> share per week
    quit_share = np.ascontiguousarray((turnover_by_year / WK_PER_YR).T)               # [n, rows]

    # ---- capacity and strike --------------------------------------------------
    D = f("strike_days") / BD_PER_WK                                                  # bd -> wk
    strike_start = f("strike_start")
    ph_ws = patient_hours * working_share
    visit_length = f("visit_length")
    no_show = f("no_show_rate")
    cancel_rate = f("strike_cancel_rate")
    rpn1 = 1.0 + f("returns_per_new")
    _check(rpn1 <= 0, "1 + returns_per_new must be positive")

    # ---- queues ---------------------------------------------------------------
    abandon = f("abandon_rate") * 1.0                                                 # 1/wk * 1 wk
    lead = f("booking_lead")                                                          # bd
    allowed = np.maximum(0.0, f("access_standard") - lead)                            # bd
    Bi, Br = f("intake_backlog").copy(), f("return_backlog").copy()

    # ---- costing per week ------------------------------------------------------
    salary, rollup, fixed = f("salary"), f("rollup"), f("fixed_benefits")
    pay_rate = np.ascontiguousarray(
        (salary[:, None] * index * (1 + lumps) * (1 + rollup[:, None]) + fixed[:, None]).T)   # [n, rows] $/yr/FTE
    base_rate = salary * (1 + rollup) + fixed                                         # $/yr/FTE
    replacement_cost = f("replacement_cost")

    # ---- accumulators -----------------------------------------------------------
    zeros_ny = lambda: np.zeros((n, rows))           # year-major: acc[y] is contiguous  # noqa: E731
    acc = {name: zeros_ny() for name in (
        "staff", "fte", "vacancies", "slots", "capacity", "intake_wait", "return_wait",
        "intake_compliance", "return_compliance", "labor", "labor_base", "turnover_cost",
        "intake_abandoned", "return_abandoned", "intake_served", "return_served")}
    cancelled_total = np.zeros(rows)
    i_clear = np.full(rows, INF)
    r_clear = np.full(rows, INF)
    i_peak = np.full(rows, -INF)
    r_peak = np.full(rows, -INF)
    ser = {name: np.empty((rows, T)) for name in SERIES_OUTPUTS} if series else None

    want_compliance = compliance
    nan_rows = np.full(rows, np.nan)

    def compliance(q):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(q <= 0, 1.0, 1.0 - np.exp(-allowed / np.where(q > 0, q, 1.0)))

    for t in range(1, T + 1):
        y = (t - 1) // 52                                                             # 0-based contract year
        laid_off = t >= k
        positions = positions_by_year[y] - np.where(laid_off, layoffs, 0.0)
        s1 = staff_prev - np.where(t == k, layoffs, 0.0)
        quits = s1 * quit_share[y]                                                 # staff
        fills = np.maximum(0.0, positions - s1) / vacancy_weeks                       # staff (1 wk / vacancy_weeks)
        staff = s1 - quits + fills
        vacancies = positions - staff
        fte = staff * fte_per_staff

        sigma = np.where(t >= strike_start, np.minimum(1.0, np.maximum(0.0, D - (t - strike_start))), 0.0)
        slots = (fte * ph_ws - triage_hours) / visit_length
        full = slots * (1 - no_show)
        cancelled = full * sigma * cancel_rate
        capacity = full - cancelled
        if np.any(capacity <= 0):
            raise ModelError(f"capacity is zero or less in week {t} (first row {_first_bad_row(capacity <= 0)}); "
                             "it depends on therapists, layoffs, fte_per_staff, patient hours, leave_weeks, "
                             "triage_hours, visit_length, no_show_rate and the strike")
        icap = capacity / rpn1
        rcap = capacity - icap

        i_ab = Bi * abandon
        Bi_new = np.maximum(0.0, Bi - i_ab + (intake_demand - icap))
        i_served = Bi - i_ab + intake_demand - Bi_new
        r_ab = Br * abandon
        Br_new = np.maximum(0.0, Br - r_ab + (return_demand - rcap))
        r_served = Br - r_ab + return_demand - Br_new
        Bi, Br = Bi_new, Br_new
        # visits / (visits/wk) = wk; * 5 -> bd
        i_wait = lead + Bi / icap * BD_PER_WK
        r_wait = lead + Br / rcap * BD_PER_WK
        if want_compliance:
            i_comp = compliance(i_wait - lead)
            r_comp = compliance(r_wait - lead)
        else:
            i_comp = r_comp = nan_rows

        labor = fte * pay_rate[y]                                                   # $/yr
        labor_base = fte * base_rate
        # quits [staff] * $/staff / 1 wk = $/wk; * 52 -> $/yr
        tcost = quits * replacement_cost * WK_PER_YR

        for name, v in (("staff", staff), ("fte", fte), ("vacancies", vacancies), ("slots", slots),
                        ("capacity", capacity), ("intake_wait", i_wait), ("return_wait", r_wait),
                        ("intake_compliance", i_comp), ("return_compliance", r_comp),
                        ("labor", labor), ("labor_base", labor_base), ("turnover_cost", tcost),
                        ("intake_abandoned", i_ab), ("return_abandoned", r_ab),
                        ("intake_served", i_served), ("return_served", r_served)):
            acc[name][y] += v
        cancelled_total += cancelled
        i_clear = np.where((i_clear == INF) & (Bi == 0), float(t), i_clear)
        r_clear = np.where((r_clear == INF) & (Br == 0), float(t), r_clear)
        i_peak = np.maximum(i_peak, i_wait)
        r_peak = np.maximum(r_peak, r_wait)
        if series:
            c = t - 1
            ser["staff_by_week"][:, c] = staff
            ser["vacancies_by_week"][:, c] = vacancies
            ser["capacity_by_week"][:, c] = capacity
            ser["intake_backlog_by_week"][:, c] = Bi
            ser["return_backlog_by_week"][:, c] = Br
            ser["intake_wait_by_week"][:, c] = i_wait
            ser["return_wait_by_week"][:, c] = r_wait
            ser["return_compliance_by_week"][:, c] = r_comp
        staff_prev = staff

    acc = {name: a.T for name, a in acc.items()}           # back to [rows, n]
    mean = {name: a / 52.0 for name, a in acc.items()}     # mean over each year's 52 weeks
    o = {}
    o["headcount"] = therapists - layoffs + h.sum(axis=1)
    o["patient_hours"] = patient_hours
    o["turnover"] = turnover
    o["staff_end"] = staff_prev
    o["vacant_fte"] = mean["vacancies"][:, 0] * fte_per_staff
    o["fte"] = mean["fte"][:, 0]
    o["working_share"] = working_share
    o["triage_hours"] = triage_hours
    o["slots"] = mean["slots"][:, 0]
    o["capacity"] = mean["capacity"][:, 0]
    # year-1 means of intake/return capacity: capacity / (1 + rpn) is linear, so the mean passes through
    o["intake_capacity"] = o["capacity"] / rpn1
    o["return_capacity"] = o["capacity"] - o["intake_capacity"]
    o.update(external_capacity=external_capacity, external_demand=external_demand,
             outsourced_visits=outsourced_visits, overflow_referrals=overflow_referrals,
             inhouse_referrals=inhouse_referrals, misroute_rate=misroute_rate,
             under_triage_rate=under_triage_rate, high_risk_delayed=high_risk_delayed,
             intake_demand=intake_demand, return_demand=return_demand)
    o["intake_utilization"] = intake_demand / o["intake_capacity"]
    o["return_utilization"] = return_demand / o["return_capacity"]
    o["cancelled_visits"] = cancelled_total
    o["intake_backlog_end"] = Bi
    o["intake_weeks_to_clear"] = i_clear
    o["return_backlog_end"] = Br
    o["return_weeks_to_clear"] = r_clear
    o["intake_wait"] = mean["intake_wait"][:, 0]
    o["intake_wait_end"] = i_wait
    o["intake_wait_peak"] = i_peak
    o["return_wait"] = mean["return_wait"][:, 0]
    o["return_wait_end"] = r_wait
    o["return_wait_peak"] = r_peak
    o["intake_compliance"] = mean["intake_compliance"][:, 0]
    o["return_compliance"] = mean["return_compliance"][:, 0]
    o["intake_abandoned"] = acc["intake_abandoned"][:, 0]            # total over year 1 [visits/yr]
    o["return_abandoned"] = acc["return_abandoned"][:, 0]
    o["abandoned_by_year"] = acc["intake_abandoned"] + acc["return_abandoned"]
    o["intake_wait_by_year"] = mean["intake_wait"]
    o["return_wait_by_year"] = mean["return_wait"]
    o["return_compliance_by_year"] = mean["return_compliance"]
    o["staff_by_year"] = mean["staff"]
    o["turnover_by_year"] = turnover_by_year
    o["base_payroll"] = o["fte"] * salary
    o["labor_cost_by_year"] = mean["labor"]
    o["labor_cost_base"] = mean["labor_base"][:, 0]
    # ($/yr) * 1 yr = $ (the factor is 1 when money per year meets years)
    o["contract_cost"] = (mean["labor"] - mean["labor_base"]).sum(axis=1) * 1.0
    o["cost_of_1pct"] = o["base_payroll"] * 0.01 * (1 + rollup)
    # wk/yr * yr = wk
    sev_weeks = np.minimum(f("severance_cap"), np.maximum(f("severance_min"),
                                                          f("severance_weeks_per_year") * f("avg_tenure")))
    o["severance_weeks"] = sev_weeks
    # $/yr/FTE * FTE/staff * wk (wk -> yr: / 52) + month * $/month/staff
    o["severance_cost"] = layoffs * (salary * fte_per_staff * sev_weeks / WK_PER_YR
                                     + f("cobra_months") * f("cobra_monthly"))
    o["layoff_savings"] = layoffs * fte_per_staff * base_rate
    with np.errstate(divide="ignore", invalid="ignore"):
        o["severance_payback_years"] = np.where(
            layoffs == 0, 0.0,
            np.where(o["layoff_savings"] == 0, np.where(o["severance_cost"] > 0, INF, 0.0),
                     o["severance_cost"] / np.where(o["layoff_savings"] != 0, o["layoff_savings"], 1.0)))
    # visits/wk * $/visit = $/wk; * 52 -> $/yr.  patients/wk * $/patient likewise.
    o["outsourcing_cost"] = outsourced_visits * f("external_visit_price") * (1 + f("coordination_overhead")) * WK_PER_YR
    o["ai_cost"] = f("referrals") * ai_share * f("ai_cost_per_referral") * WK_PER_YR
    o["turnover_cost_by_year"] = mean["turnover_cost"]
    o["turnover_cost"] = mean["turnover_cost"][:, 0]
    o["annual_cost_by_year"] = (mean["labor"] + o["outsourcing_cost"][:, None] + o["ai_cost"][:, None]
                                + mean["turnover_cost"])
    o["annual_cost"] = o["annual_cost_by_year"][:, 0]
    o["first_year_cost"] = o["annual_cost"] * 1.0 + o["severance_cost"]
    o["contract_total_cost"] = o["annual_cost_by_year"].sum(axis=1) * 1.0 + o["severance_cost"]
    # served is visits per week of year 1, summed: visits/yr; outsourced visits/wk * 52 wk
    o["visits_delivered"] = acc["intake_served"][:, 0] + acc["return_served"][:, 0] + outsourced_visits * WK_PER_YR
    with np.errstate(divide="ignore", invalid="ignore"):
        o["cost_per_visit"] = o["annual_cost"] / o["visits_delivered"]
    if series:
        o.update(ser)
    # every output as its own contiguous float array of the documented shape
    return {name: np.array(np.broadcast_to(o[name], _shape(name, rows, n, T)), dtype=float)
            for name in OUTPUT_UNITS if name in o}


def _shape(name, rows, n, T):
    if name in SERIES_OUTPUTS:
        return (rows, T)
    if name in BY_YEAR_OUTPUTS:
        return (rows, n)
    return (rows,)


def evaluate_case(overrides=None):
    """One scenario (cases.json style overrides: plain numbers and lists) -> floats and lists."""
    out = evaluate(dict(overrides or {}), series=True)
    res = {}
    for name, v in out.items():
        res[name] = v[0].tolist() if v.ndim == 2 else float(v[0])
    return res


if __name__ == "__main__":
    import json
    import sys
    ov = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    r = evaluate_case(ov)
    print(json.dumps({k: v for k, v in r.items() if not k.endswith("_by_week")}, indent=1, default=str))
