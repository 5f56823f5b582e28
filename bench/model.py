"""Reference implementation of the care-capacity model (v1), shared/MODEL.md.

Plain Python, written apart from the Swift project, to cross-check
shared/reference/cases.json (copied to Tests/BargainKitTests/Resources/reference-cases.json).

Numbers carry no units here, so every conversion MODEL.md leaves to the unit
system is written out by hand and commented.  Internal base units:

    time  : weeks (wk)      -- "flows are per week"
    money : US dollars ($)
    counts: staff, FTE, visits, patients, hours (h) as plain numbers

Unit conventions (MODEL.md / DESIGN.md):
    1 yr    = 52 wk
    1 bd    = 1/5 wk
    1 month = 1/12 yr
    a percentage is a plain number (12% == 0.12)

Each input is taken in the unit MODEL.md's input table gives it (the same
numbers as cases.json "defaults"), and each output is returned in the unit
cases.json's "units" map gives it.

Entry point: evaluate(overrides) -> dict.
"""

import math

# ---------------------------------------------------------------- unit constants
WK_PER_YR = 52.0          # 1 yr = 52 wk
WK_PER_BD = 1.0 / 5.0     # 1 bd = 1/5 wk
BD_PER_WK = 5.0           # so 1 wk = 5 bd
YR_PER_MONTH = 1.0 / 12.0  # 1 month = 1/12 yr (not needed by v1's equations; kept for completeness)
INF = math.inf


class ModelError(ValueError):
    """An input combination the model rejects (MODEL.md: errors, not crashes)."""


# ---------------------------------------------------------------- inputs
# name: (default, unit as in MODEL.md, basis)
INPUTS = {
    "therapists":                (2400.0,   "staff",         "S"),
    "layoffs":                   (0.0,      "staff",         "lever"),
    "hires":                     (0.0,      "staff",         "lever"),
    "fte_per_staff":             (0.85,     "FTE/staff",     "A"),
    "hours_per_fte":             (40.0,     "h/wk/FTE",      "S"),
    "indirect_hours":            (7.5,      "h/wk/FTE",      "S"),
    "meeting_hours":             (2.5,      "h/wk/FTE",      "S"),
    "leave_weeks":               (6.0,      "wk/yr",         "A"),
    "visit_length":              (1.0,      "h/visit",       "S"),
    "returns_per_new":           (6.0,      "",              "A"),
    "no_show_rate":              (0.10,     "",              "A"),
    "turnover_base":             (0.12,     "1/yr",          "A"),
    "burnout_elasticity":        (2.0,      "",              "A"),
    "vacancy_weeks":             (16.0,     "wk",            "A"),
    "replacement_cost":          (25000.0,  "$/staff",       "A"),
    "referrals":                 (9500.0,   "patients/wk",   "A"),
    "visits_per_episode":        (8.0,      "visits/patient", "A"),
    "outsourcing_share":         (0.40,     "",              "S/A"),
    "external_network_capacity": (70000.0,  "visits/wk",     "A"),
    "external_acceptance":       (0.50,     "",              "S/A"),
    "ai_triage_share":           (0.85,     "",              "S/A"),
    "clinician_triage_time":     (0.5,      "h/patient",     "A"),
    "misroute_clinician":        (0.05,     "",              "A"),
    "misroute_ai":               (0.15,     "",              "A"),
    "high_risk_share":           (0.05,     "",              "A"),
    "under_triage_clinician":    (0.11,     "",              "S"),
    "ai_under_triage_factor":    (1.5,      "",              "A"),
    "intake_backlog":            (12000.0,  "visits",        "A"),
    "return_backlog":            (95000.0,  "visits",        "A"),
    "booking_lead":              (2.0,      "bd",            "A"),
    "access_standard":           (10.0,     "bd",            "S"),
    "horizon":                   (52.0,     "wk",            ""),
    "salary":                    (150000.0, "$/yr/FTE",      "A"),
    "rollup":                    (0.12,     "",              "S/A"),
    "fixed_benefits":            (34500.0,  "$/yr/FTE",      "D"),
    "raises":                    ([0.0, 0.0, 0.0, 0.0], "list", "lever"),
    "lump_sums":                 ([0.0, 0.0, 0.0, 0.0], "list", "lever"),
    "severance_weeks_per_year":  (1.0,      "wk/yr",         "S"),
    "severance_min":             (4.0,      "wk",            "S"),
    "severance_cap":             (26.0,     "wk",            "S"),
    "avg_tenure":                (8.0,      "yr",            "A"),
    "cobra_months":              (3.0,      "month",         "A"),
    "cobra_monthly":             (1000.0,   "$/month/staff", "A"),
    "external_visit_price":      (145.0,    "$/visit",       "S/A"),
    "coordination_overhead":     (0.15,     "",              "A"),
    "ai_cost_per_referral":      (15.0,     "$/patient",     "A"),
    "strike_days":               (0.0,      "bd",            "lever"),
    "strike_cancel_rate":        (0.275,    "",              "D"),
}

DEFAULTS = {k: v[0] for k, v in INPUTS.items()}

# Inputs each capacity depends on (for the "capacity <= 0" diagnostic).
_CAPACITY_INPUTS = [
    "therapists", "layoffs", "hires", "fte_per_staff", "hours_per_fte",
    "indirect_hours", "meeting_hours", "turnover_base", "burnout_elasticity",
    "vacancy_weeks", "leave_weeks", "referrals", "ai_triage_share",
    "clinician_triage_time", "visit_length", "no_show_rate",
]


# ---------------------------------------------------------------- pieces
def fluid_queue(demand, capacity, backlog0, horizon):
    """One waiting list as a fluid queue over `horizon` weeks.

    demand, capacity in visits/wk; backlog0 in visits; horizon in wk.
    Returns (end backlog [visits], average backlog [visits], weeks_to_clear [wk]).
    """
    net = demand - capacity                        # visits/wk
    if net >= 0:
        end = backlog0 + net * horizon             # visits/wk * wk = visits
        avg = backlog0 + net * horizon / 2
        weeks_to_clear = 0.0 if (backlog0 == 0 and net == 0) else INF
    else:
        t = backlog0 / (-net)                      # visits / (visits/wk) = wk
        if t >= horizon:
            end = backlog0 + net * horizon
            avg = backlog0 + net * horizon / 2
        else:
            end = 0.0
            avg = backlog0 * t / 2 / horizon       # area of the triangle, averaged over H
        weeks_to_clear = t
    return end, avg, weeks_to_clear


def compliance(wait_bd, booking_lead_bd, access_standard_bd):
    """Share of waits within the access standard; all arguments in bd.

    The wait beyond the booking lead is exponential with mean q (bd).
    """
    q = wait_bd - booking_lead_bd
    if q <= 0:
        return 1.0
    return 1.0 - math.exp(-max(0.0, access_standard_bd - booking_lead_bd) / q)


def _check_capacity(name, value, p, overrides):
    if value <= 0:
        changed = [k for k in _CAPACITY_INPUTS if k in overrides]
        extra = [k for k in ("returns_per_new",) if k in overrides and name != "capacity"]
        culprits = changed + extra
        raise ModelError(
            f"{name} = {value!r} visits/wk is zero or less; it depends on "
            + (f"the changed inputs {', '.join(culprits)}" if culprits else "the default inputs")
            + f" (patient hours {p['hours_per_fte'] - p['indirect_hours'] - p['meeting_hours']!r} h/wk/FTE)"
        )


# ---------------------------------------------------------------- the model
def evaluate(overrides=None):
    """Evaluate the model with `overrides` on top of the defaults.

    Inputs are given in MODEL.md's units; returns every output of cases.json's
    "units" map, each in the unit that map gives.
    """
    overrides = dict(overrides or {})
    unknown = set(overrides) - set(INPUTS)
    if unknown:
        raise ModelError(f"unknown input(s): {', '.join(sorted(unknown))}")
    p = dict(DEFAULTS)
    p.update(overrides)
    o = {}

    # ---- workforce and schedule --------------------------------------------
    headcount = p["therapists"] - p["layoffs"] + p["hires"]                      # staff
    patient_hours = p["hours_per_fte"] - p["indirect_hours"] - p["meeting_hours"]  # h/wk/FTE
    if patient_hours <= 0:
        # Caught here, before turnover: a negative base to a fractional power is not real.
        raise ModelError(f"patient_hours = {patient_hours!r} h/wk/FTE is zero or less, so capacity is too: "
                         "hours_per_fte - indirect_hours - meeting_hours must be positive")
    # (patient_hours / 30 h/wk/FTE) is dimensionless; turnover keeps turnover_base's 1/yr
    turnover = p["turnover_base"] * (patient_hours / 30.0) ** p["burnout_elasticity"]  # 1/yr
    # turnover [1/yr] * vacancy_weeks [wk]: convert wk -> yr by / 52 to get a plain share
    vacant_fte = (headcount * p["fte_per_staff"] * turnover
                  * (p["vacancy_weeks"] / WK_PER_YR))                           # FTE
    fte = headcount * p["fte_per_staff"] - vacant_fte                             # FTE
    # leave_weeks [wk/yr] -> plain share: (wk/yr) / (52 wk/yr)
    working_share = 1.0 - p["leave_weeks"] / WK_PER_YR                            # -
    # patients/wk * share * h/patient = h/wk
    triage_hours = p["referrals"] * (1 - p["ai_triage_share"]) * p["clinician_triage_time"]
    # FTE * h/wk/FTE = h/wk; (h/wk) / (h/visit) = visits/wk
    slots = (fte * patient_hours * working_share - triage_hours) / p["visit_length"]
    capacity = slots * (1 - p["no_show_rate"])                                   # visits/wk
    _check_capacity("capacity", capacity, p, overrides)
    if 1 + p["returns_per_new"] <= 0:
        raise ModelError(f"returns_per_new = {p['returns_per_new']!r}: 1 + returns_per_new must be positive")
    intake_capacity = capacity / (1 + p["returns_per_new"])                      # visits/wk
    return_capacity = capacity - intake_capacity                                 # visits/wk
    _check_capacity("intake_capacity", intake_capacity, p, overrides)
    _check_capacity("return_capacity", return_capacity, p, overrides)

    # ---- routing to the external network -----------------------------------
    external_capacity = p["external_network_capacity"] * p["external_acceptance"]  # visits/wk
    # patients/wk * share * visits/patient = visits/wk
    external_demand = p["referrals"] * p["outsourcing_share"] * p["visits_per_episode"]
    outsourced_visits = min(external_demand, external_capacity)                  # visits/wk
    # (visits/wk) / (visits/patient) = patients/wk.  Ambiguity: with
    # visits_per_episode = 0 this is 0/0; nothing is sent out, so overflow is 0.
    excess = external_demand - outsourced_visits
    overflow_referrals = excess / p["visits_per_episode"] if excess != 0 else 0.0
    inhouse_referrals = p["referrals"] * (1 - p["outsourcing_share"]) + overflow_referrals  # patients/wk

    # ---- triage quality ----------------------------------------------------
    a = p["ai_triage_share"]
    misroute_rate = a * p["misroute_ai"] + (1 - a) * p["misroute_clinician"]
    under_triage_rate = p["under_triage_clinician"] * (1 + a * (p["ai_under_triage_factor"] - 1))
    high_risk_delayed = p["referrals"] * p["high_risk_share"] * under_triage_rate  # patients/wk

    # ---- demand on in-house slots ------------------------------------------
    # patients/wk * 1 visit/patient = visits/wk
    intake_demand = inhouse_referrals * (1 + misroute_rate) * 1.0
    return_demand = inhouse_referrals * (p["visits_per_episode"] - 1.0)          # visits/wk
    intake_utilization = intake_demand / intake_capacity
    return_utilization = return_demand / return_capacity

    # ---- strike ------------------------------------------------------------
    # strike_days [bd] -> wk (* 1/5), times capacity [visits/wk] = visits
    cancelled_visits = (p["strike_days"] * WK_PER_BD) * capacity * p["strike_cancel_rate"]

    # ---- waiting lists -----------------------------------------------------
    H = p["horizon"]                                                              # wk
    i_end, i_avg, i_clear = fluid_queue(intake_demand, intake_capacity, p["intake_backlog"], H)
    r_end, r_avg, r_clear = fluid_queue(return_demand, return_capacity,
                                        p["return_backlog"] + cancelled_visits, H)
    # backlog [visits] / capacity [visits/wk] = wk; wk -> bd is * 5
    lead = p["booking_lead"]                                                      # bd
    intake_wait = lead + (i_avg / intake_capacity) * BD_PER_WK
    intake_wait_end = lead + (i_end / intake_capacity) * BD_PER_WK
    return_wait = lead + (r_avg / return_capacity) * BD_PER_WK
    return_wait_end = lead + (r_end / return_capacity) * BD_PER_WK

    # ---- compliance (all in bd) ---------------------------------------------
    intake_compliance = compliance(intake_wait, lead, p["access_standard"])
    return_compliance = compliance(return_wait, lead, p["access_standard"])

    # ---- contract costing --------------------------------------------------
    raises, lumps = list(p["raises"]), list(p["lump_sums"])
    if len(raises) != len(lumps):
        raise ModelError(f"raises has {len(raises)} contract years but lump_sums has {len(lumps)}; "
                         "they must be the same length")
    if len(raises) == 0:
        raise ModelError("raises is empty: the contract needs at least one year "
                         "(annual_cost uses labor_cost_by_year[1])")
    base_payroll = fte * p["salary"]                                              # FTE * $/yr/FTE = $/yr
    fixed = fte * p["fixed_benefits"]                                             # $/yr
    labor_cost_by_year = []                                                       # $/yr each
    index = 1.0
    for r, l in zip(raises, lumps):
        index *= (1 + r)                                                          # compounds
        labor_cost_by_year.append(base_payroll * index * (1 + l) * (1 + p["rollup"]) + fixed)
    labor_cost_base = base_payroll * (1 + p["rollup"]) + fixed                    # $/yr
    # each term is $/yr, times 1 yr -> $ (factor 1 in yr; explicit for the reader)
    contract_cost = sum((c - labor_cost_base) * 1.0 for c in labor_cost_by_year)  # $
    cost_of_1pct = base_payroll * 0.01 * (1 + p["rollup"])                        # $/yr

    # ---- severance and layoffs ---------------------------------------------
    # wk/yr * yr = wk
    severance_weeks = min(p["severance_cap"],
                          max(p["severance_min"], p["severance_weeks_per_year"] * p["avg_tenure"]))
    # salary [$/yr/FTE] * fte_per_staff [FTE/staff] * severance_weeks [wk]: wk -> yr by / 52
    # cobra_months [month] * cobra_monthly [$/month/staff] = $/staff
    severance_cost = p["layoffs"] * (p["salary"] * p["fte_per_staff"] * (severance_weeks / WK_PER_YR)
                                     + p["cobra_months"] * p["cobra_monthly"])   # $
    layoff_savings = p["layoffs"] * p["fte_per_staff"] * (
        p["salary"] * (1 + p["rollup"]) + p["fixed_benefits"])                    # $/yr
    if p["layoffs"] == 0:
        severance_payback_years = 0.0
    elif layoff_savings == 0:
        # Ambiguity: layoffs with no savings (e.g. fte_per_staff = 0) never pay back.
        severance_payback_years = INF if severance_cost > 0 else 0.0
    else:
        severance_payback_years = severance_cost / layoff_savings                 # $ / ($/yr) = yr

    # ---- annual cost and output --------------------------------------------
    # visits/wk * $/visit = $/wk; * 52 wk/yr -> $/yr
    outsourcing_cost = (outsourced_visits * p["external_visit_price"]
                        * (1 + p["coordination_overhead"]) * WK_PER_YR)
    # patients/wk * $/patient = $/wk; * 52 -> $/yr
    ai_cost = p["referrals"] * p["ai_triage_share"] * p["ai_cost_per_referral"] * WK_PER_YR
    # staff * 1/yr * $/staff = $/yr (no conversion)
    turnover_cost = headcount * turnover * p["replacement_cost"]
    annual_cost = labor_cost_by_year[0] + outsourcing_cost + ai_cost + turnover_cost  # $/yr
    first_year_cost = annual_cost * 1.0 + severance_cost                         # $/yr * 1 yr + $
    # visits/wk -> visits/yr: * 52
    visits_delivered = (min(intake_demand, intake_capacity) + min(return_demand, return_capacity)
                        + outsourced_visits) * WK_PER_YR
    if visits_delivered <= 0:
        raise ModelError("visits_delivered is zero: cost_per_visit is undefined (no referrals?)")
    cost_per_visit = annual_cost / visits_delivered                              # $/yr / (visits/yr)

    o.update(
        headcount=headcount, patient_hours=patient_hours, turnover=turnover,
        vacant_fte=vacant_fte, fte=fte, working_share=working_share,
        triage_hours=triage_hours, slots=slots, capacity=capacity,
        intake_capacity=intake_capacity, return_capacity=return_capacity,
        external_capacity=external_capacity, external_demand=external_demand,
        outsourced_visits=outsourced_visits, overflow_referrals=overflow_referrals,
        inhouse_referrals=inhouse_referrals, misroute_rate=misroute_rate,
        under_triage_rate=under_triage_rate, high_risk_delayed=high_risk_delayed,
        intake_demand=intake_demand, return_demand=return_demand,
        intake_utilization=intake_utilization, return_utilization=return_utilization,
        cancelled_visits=cancelled_visits,
        intake_backlog_end=i_end, intake_weeks_to_clear=i_clear,
        return_backlog_end=r_end, return_weeks_to_clear=r_clear,
        intake_wait=intake_wait, intake_wait_end=intake_wait_end,
        return_wait=return_wait, return_wait_end=return_wait_end,
        intake_compliance=intake_compliance, return_compliance=return_compliance,
        base_payroll=base_payroll, labor_cost_by_year=labor_cost_by_year,
        labor_cost_base=labor_cost_base, contract_cost=contract_cost,
        cost_of_1pct=cost_of_1pct, severance_weeks=severance_weeks,
        severance_cost=severance_cost, layoff_savings=layoff_savings,
        severance_payback_years=severance_payback_years,
        outsourcing_cost=outsourcing_cost, ai_cost=ai_cost, turnover_cost=turnover_cost,
        annual_cost=annual_cost, first_year_cost=first_year_cost,
        visits_delivered=visits_delivered, cost_per_visit=cost_per_visit,
    )
    return o


if __name__ == "__main__":
    import json, sys
    ov = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    print(json.dumps({k: (v if not (isinstance(v, float) and math.isinf(v)) else "inf")
                      for k, v in evaluate(ov).items()}, indent=1))
