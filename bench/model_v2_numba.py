# Install: pip install --break-system-packages numpy numba
"""The care-capacity model v2 (shared/MODEL.md) with numba: a prange loop over scenarios, an inner
loop over weeks, every value a scalar in registers -- the fastest thing an economist would write.

Same inputs, units and outputs as model_v2.py (the numpy version), written again here rather than
shared, so that the two can check each other. Inputs in MODEL.md's units; outputs in cases.json's.

    evaluate(params, by_year=True, series=True, threads=None) -> {name: array}
    evaluate_case(overrides) -> {name: float or list}   (one scenario, for check_v2_reference.py)

Shapes as in model_v2.py. by_year=False / series=False skip storing those outputs (the 1e6-row
grid needs neither); single values are always computed. compliance=False skips the two
exponentials a week behind the *_compliance outputs (NaN then), as in model_v2.py. Errors (no patient hours, layoffs >=
therapists, capacity <= 0 in a week) are found per row inside the kernel and raised afterwards as
model_v2.ModelError, naming the first row and, for capacity, the week.
"""

import math
import os
import sys

import numpy as np
from numba import get_num_threads, njit, prange, set_num_threads

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model_v2 import (DEFAULTS, INPUTS, LIST_INPUTS, OUTPUT_UNITS, ModelError,  # noqa: E402
                      _hires_by_year)

SCALARS = [k for k in INPUTS if k not in LIST_INPUTS and k != "hires"]
IX = {k: j for j, k in enumerate(SCALARS)}
(THER, LAY, LWEEK, FPS, HPF, IND, MEET, LEAVE, VLEN, RPN, NOSHOW, TB, BE, VW, REPL, REF, VPE, OS, ENC,
 EA, AI, CTT, MC, MA, HRS, UTC, AUF, IB0, RB0, AB, LEAD, STD, SAL, ROLL, FIX, SWPY, SMIN, SCAP, TEN,
 CM, CMO, EVP, CO, AICPR, SD, SS, SCR, MWG, PE) = range(len(SCALARS))
assert SCALARS[PE] == "pay_elasticity" and SCALARS[SCR] == "strike_cancel_rate" and SCALARS[THER] == "therapists"

# Outputs in the order the kernel writes them.
SINGLE = ["headcount", "patient_hours", "turnover", "staff_end", "vacant_fte", "fte", "working_share",
          "triage_hours", "slots", "capacity", "intake_capacity", "return_capacity", "external_capacity",
          "external_demand", "outsourced_visits", "overflow_referrals", "inhouse_referrals",
          "misroute_rate", "under_triage_rate", "high_risk_delayed", "intake_demand", "return_demand",
          "intake_utilization", "return_utilization", "cancelled_visits", "intake_backlog_end",
          "intake_weeks_to_clear", "return_backlog_end", "return_weeks_to_clear", "intake_wait",
          "intake_wait_end", "intake_wait_peak", "return_wait", "return_wait_end", "return_wait_peak",
          "intake_compliance", "return_compliance", "intake_abandoned", "return_abandoned",
          "base_payroll", "labor_cost_base", "contract_cost", "cost_of_1pct", "severance_weeks",
          "severance_cost", "layoff_savings", "severance_payback_years", "outsourcing_cost", "ai_cost",
          "turnover_cost", "annual_cost", "first_year_cost", "contract_total_cost", "visits_delivered",
          "cost_per_visit"]
BY_YEAR = ["turnover_by_year", "staff_by_year", "intake_wait_by_year", "return_wait_by_year",
           "return_compliance_by_year", "labor_cost_by_year", "turnover_cost_by_year",
           "annual_cost_by_year", "abandoned_by_year"]
SERIES = ["staff_by_week", "vacancies_by_week", "capacity_by_week", "intake_backlog_by_week",
          "return_backlog_by_week", "intake_wait_by_week", "return_wait_by_week", "return_compliance_by_week"]
assert set(SINGLE) | set(BY_YEAR) | set(SERIES) == set(OUTPUT_UNITS)

ERR_PATIENT_HOURS, ERR_LAYOFFS, ERR_CAPACITY, ERR_RETURNS_PER_NEW = 1, 2, 3, 4


@njit(parallel=True, fastmath=False, cache=True)
def kernel(vals, off, step, raises, rstep, lumps, lstep, hires, hstep, n,
           single, by_year, keep_by_year, series, keep_series, want_compliance, err, err_week):
    rows = single.shape[0]
    INF = np.inf
    for i in prange(rows):
        # v(j): input j for row i (step 0: one value for every row)
        ther = vals[off[THER] + i * step[THER]]
        lay = vals[off[LAY] + i * step[LAY]]
        lweek = vals[off[LWEEK] + i * step[LWEEK]]
        fps = vals[off[FPS] + i * step[FPS]]
        ph = (vals[off[HPF] + i * step[HPF]] - vals[off[IND] + i * step[IND]]
              - vals[off[MEET] + i * step[MEET]])                              # h/wk/FTE
        if ph <= 0.0:
            err[i] = ERR_PATIENT_HOURS
            continue
        if lay >= ther:
            err[i] = ERR_LAYOFFS
            continue
        rpn1 = 1.0 + vals[off[RPN] + i * step[RPN]]
        if rpn1 <= 0.0:
            err[i] = ERR_RETURNS_PER_NEW
            continue
        tb = vals[off[TB] + i * step[TB]]                                      # 1/yr
        turnover = tb * (ph / 30.0) ** vals[off[BE] + i * step[BE]]            # 1/yr
        working_share = 1.0 - vals[off[LEAVE] + i * step[LEAVE]] / 52.0       # wk/yr / 52
        ref = vals[off[REF] + i * step[REF]]
        ai = vals[off[AI] + i * step[AI]]
        triage_hours = ref * (1.0 - ai) * vals[off[CTT] + i * step[CTT]]       # h/wk
        ext_cap = vals[off[ENC] + i * step[ENC]] * vals[off[EA] + i * step[EA]]
        os_ = vals[off[OS] + i * step[OS]]
        vpe = vals[off[VPE] + i * step[VPE]]
        ext_dem = ref * os_ * vpe
        outsourced = min(ext_dem, ext_cap)
        excess = ext_dem - outsourced
        overflow = excess / vpe if excess != 0.0 else 0.0                      # patients/wk
        inhouse = ref * (1.0 - os_) + overflow
        misroute = ai * vals[off[MA] + i * step[MA]] + (1.0 - ai) * vals[off[MC] + i * step[MC]]
        under = vals[off[UTC] + i * step[UTC]] * (1.0 + ai * (vals[off[AUF] + i * step[AUF]] - 1.0))
        hrd = ref * vals[off[HRS] + i * step[HRS]] * under
        idem = inhouse * (1.0 + misroute) * 1.0                                # visits/wk
        rdem = inhouse * (vpe - 1.0)

        vw = vals[off[VW] + i * step[VW]]
        inv_vw = 1.0 / vw              # divisions hoisted out of the week loop: 20% faster, ~1e-15 apart
        a0 = tb * vw / 52.0                                                    # 1/yr * wk
        staff = ther / (1.0 + a0)
        k = max(1.0, math.ceil(lweek))
        D = vals[off[SD] + i * step[SD]] / 5.0                                 # bd -> wk
        ss = vals[off[SS] + i * step[SS]]
        scr = vals[off[SCR] + i * step[SCR]]
        ph_ws = ph * working_share
        vlen = vals[off[VLEN] + i * step[VLEN]]
        keep = (1.0 - vals[off[NOSHOW] + i * step[NOSHOW]]) / vlen
        inv_rpn1 = 1.0 / rpn1
        ab = vals[off[AB] + i * step[AB]] * 1.0                                # 1/wk * 1 wk
        lead = vals[off[LEAD] + i * step[LEAD]]
        allowed = max(0.0, vals[off[STD] + i * step[STD]] - lead)
        Bi = vals[off[IB0] + i * step[IB0]]
        Br = vals[off[RB0] + i * step[RB0]]
        sal = vals[off[SAL] + i * step[SAL]]
        roll = vals[off[ROLL] + i * step[ROLL]]
        fix = vals[off[FIX] + i * step[FIX]]
        base_rate = sal * (1.0 + roll) + fix                                   # $/yr/FTE
        repl = vals[off[REPL] + i * step[REPL]]
        g = vals[off[MWG] + i * step[MWG]] * 1.0                               # 1/yr * 1 yr
        pe = vals[off[PE] + i * step[PE]]
        outsourcing_cost = outsourced * vals[off[EVP] + i * step[EVP]] * (1.0 + vals[off[CO] + i * step[CO]]) * 52.0
        ai_cost = ref * ai * vals[off[AICPR] + i * step[AICPR]] * 52.0

        index = 1.0
        cum_h = 0.0
        cancelled_total = 0.0
        i_clear = INF
        r_clear = INF
        i_peak = -INF
        r_peak = -INF
        i_wait = 0.0
        r_wait = 0.0
        contract_cost = 0.0
        total_annual = 0.0
        y1_fte = y1_vac = y1_slots = y1_cap = y1_iw = y1_rw = y1_ic = y1_rc = 0.0
        y1_iab = y1_rab = y1_isv = y1_rsv = y1_lbase = y1_tcost = y1_annual = 0.0
        for y in range(n):
            index *= 1.0 + raises[i * rstep, y]
            cum_h += hires[i * hstep, y]
            tby = turnover * ((1.0 + g) ** (y + 1) / index) ** pe              # 1/yr
            qshare = tby / 52.0                                                # per week
            pay = sal * index * (1.0 + lumps[i * lstep, y]) * (1.0 + roll) + fix
            s_staff = s_fte = s_vac = s_slots = s_cap = s_iw = s_rw = s_ic = s_rc = 0.0
            s_tcost = s_iab = s_rab = s_isv = s_rsv = 0.0
            positions_y = ther + cum_h
            for w in range(52):
                t = y * 52 + w + 1
                positions = positions_y - (lay if t >= k else 0.0)
                s1 = staff - (lay if t == k else 0.0)
                quits = s1 * qshare
                fills = max(0.0, positions - s1) * inv_vw
                staff = s1 - quits + fills
                vac = positions - staff
                fte = staff * fps
                sigma = 0.0
                if t >= ss:
                    sigma = min(1.0, max(0.0, D - (t - ss)))
                slots_vl = fte * ph_ws - triage_hours
                slots = slots_vl / vlen
                full = slots_vl * keep
                cancelled = full * sigma * scr
                cap = full - cancelled
                if cap <= 0.0:
                    err[i] = ERR_CAPACITY
                    err_week[i] = t
                    break
                icap = cap * inv_rpn1
                rcap = cap - icap
                inv_icap = 5.0 / icap
                inv_rcap = 5.0 / rcap
                iab = Bi * ab
                Bi_new = max(0.0, Bi - iab + (idem - icap))
                s_isv += Bi - iab + idem - Bi_new
                rab = Br * ab
                Br_new = max(0.0, Br - rab + (rdem - rcap))
                s_rsv += Br - rab + rdem - Br_new
                Bi = Bi_new
                Br = Br_new
                i_wait = lead + Bi * inv_icap
                r_wait = lead + Br * inv_rcap
                qi = i_wait - lead
                qr = r_wait - lead
                if want_compliance:
                    ic = 1.0 if qi <= 0.0 else 1.0 - math.exp(-allowed / qi)
                    rc = 1.0 if qr <= 0.0 else 1.0 - math.exp(-allowed / qr)
                else:
                    ic = rc = np.nan
                s_staff += staff
                s_fte += fte
                s_vac += vac
                s_slots += slots
                s_cap += cap
                s_iw += i_wait
                s_rw += r_wait
                s_ic += ic
                s_rc += rc
                s_tcost += quits * repl * 52.0                                 # $/wk -> $/yr
                s_iab += iab
                s_rab += rab
                cancelled_total += cancelled
                if i_clear == INF and Bi == 0.0:
                    i_clear = t
                if r_clear == INF and Br == 0.0:
                    r_clear = t
                if i_wait > i_peak:
                    i_peak = i_wait
                if r_wait > r_peak:
                    r_peak = r_wait
                if keep_series:
                    series[i, 0, t - 1] = staff
                    series[i, 1, t - 1] = vac
                    series[i, 2, t - 1] = cap
                    series[i, 3, t - 1] = Bi
                    series[i, 4, t - 1] = Br
                    series[i, 5, t - 1] = i_wait
                    series[i, 6, t - 1] = r_wait
                    series[i, 7, t - 1] = rc
            if err[i] != 0:
                break
            # this year's means (over 52 weeks) and totals
            m_fte = s_fte / 52.0
            m_labor = m_fte * pay                                              # fte[t] * rate, rate constant in the year
            m_lbase = m_fte * base_rate
            m_tcost = s_tcost / 52.0
            annual = m_labor + outsourcing_cost + ai_cost + m_tcost
            contract_cost += (m_labor - m_lbase) * 1.0
            total_annual += annual * 1.0
            if y == 0:
                y1_fte = m_fte
                y1_vac = s_vac / 52.0
                y1_slots = s_slots / 52.0
                y1_cap = s_cap / 52.0
                y1_iw = s_iw / 52.0
                y1_rw = s_rw / 52.0
                y1_ic = s_ic / 52.0
                y1_rc = s_rc / 52.0
                y1_iab = s_iab
                y1_rab = s_rab
                y1_isv = s_isv
                y1_rsv = s_rsv
                y1_lbase = m_lbase
                y1_tcost = m_tcost
                y1_annual = annual
            if keep_by_year:
                by_year[i, 0, y] = tby
                by_year[i, 1, y] = s_staff / 52.0
                by_year[i, 2, y] = s_iw / 52.0
                by_year[i, 3, y] = s_rw / 52.0
                by_year[i, 4, y] = s_rc / 52.0
                by_year[i, 5, y] = m_labor
                by_year[i, 6, y] = m_tcost
                by_year[i, 7, y] = annual
                by_year[i, 8, y] = s_iab + s_rab
        if err[i] != 0:
            continue

        sev_weeks = min(vals[off[SCAP] + i * step[SCAP]],
                        max(vals[off[SMIN] + i * step[SMIN]],
                            vals[off[SWPY] + i * step[SWPY]] * vals[off[TEN] + i * step[TEN]]))   # wk
        sev_cost = lay * (sal * fps * sev_weeks / 52.0
                          + vals[off[CM] + i * step[CM]] * vals[off[CMO] + i * step[CMO]])      # $
        savings = lay * fps * base_rate
        if lay == 0.0:
            payback = 0.0
        elif savings == 0.0:
            payback = INF if sev_cost > 0.0 else 0.0
        else:
            payback = sev_cost / savings
        y1_icap = y1_cap / rpn1
        y1_rcap = y1_cap - y1_icap
        visits = y1_isv + y1_rsv + outsourced * 52.0
        o = single[i]
        o[0] = ther - lay + cum_h
        o[1] = ph
        o[2] = turnover
        o[3] = staff
        o[4] = y1_vac * fps
        o[5] = y1_fte
        o[6] = working_share
        o[7] = triage_hours
        o[8] = y1_slots
        o[9] = y1_cap
        o[10] = y1_icap
        o[11] = y1_rcap
        o[12] = ext_cap
        o[13] = ext_dem
        o[14] = outsourced
        o[15] = overflow
        o[16] = inhouse
        o[17] = misroute
        o[18] = under
        o[19] = hrd
        o[20] = idem
        o[21] = rdem
        o[22] = idem / y1_icap
        o[23] = rdem / y1_rcap
        o[24] = cancelled_total
        o[25] = Bi
        o[26] = i_clear
        o[27] = Br
        o[28] = r_clear
        o[29] = y1_iw
        o[30] = i_wait
        o[31] = i_peak
        o[32] = y1_rw
        o[33] = r_wait
        o[34] = r_peak
        o[35] = y1_ic
        o[36] = y1_rc
        o[37] = y1_iab
        o[38] = y1_rab
        o[39] = y1_fte * sal
        o[40] = y1_lbase
        o[41] = contract_cost
        o[42] = y1_fte * sal * 0.01 * (1.0 + roll)
        o[43] = sev_weeks
        o[44] = sev_cost
        o[45] = savings
        o[46] = payback
        o[47] = outsourcing_cost
        o[48] = ai_cost
        o[49] = y1_tcost
        o[50] = y1_annual
        o[51] = y1_annual * 1.0 + sev_cost
        o[52] = total_annual + sev_cost
        o[53] = visits
        o[54] = y1_annual / visits if visits != 0.0 else (INF if y1_annual > 0.0 else np.nan)


def _pack(p, rows):
    """Scalar inputs into one flat buffer: input j of row i is vals[off[j] + i * step[j]]."""
    parts, off, step, at = [], np.zeros(len(SCALARS), np.int64), np.zeros(len(SCALARS), np.int64), 0
    for j, k in enumerate(SCALARS):
        a = np.ravel(np.asarray(p[k], dtype=float))
        if a.size not in (1, rows):
            raise ModelError(f"{k} has {a.size} values for {rows} rows")
        off[j], step[j] = at, (1 if a.size == rows and rows > 1 else 0)
        parts.append(a)
        at += a.size
    return np.ascontiguousarray(np.concatenate(parts)), off, step


def _two_d(a, n, name):
    a = np.asarray(a, dtype=float)
    if a.ndim == 1:
        a = a[None, :]
    if a.shape[1] != n:
        raise ModelError(f"{name} has {a.shape[1]} contract years, raises has {n}; they must be the same length")
    return np.ascontiguousarray(a), (1 if a.shape[0] > 1 else 0)


def _rows(p):
    rows = 1
    for k in SCALARS:
        a = np.asarray(p[k])
        if a.ndim == 1:
            rows = max(rows, a.shape[0])
    for k in LIST_INPUTS + ("hires",):
        a = np.asarray(p[k])
        if a.ndim == 2:
            rows = max(rows, a.shape[0])
    return rows


def evaluate(params=None, by_year=True, series=True, hires_by_year=False, threads=None, compliance=True):
    p = dict(DEFAULTS)
    p.update(params or {})
    unknown = set(p) - set(INPUTS)
    if unknown:
        raise ModelError(f"unknown input(s): {', '.join(sorted(unknown))}")
    n = np.asarray(p["raises"]).shape[-1]
    if n == 0:
        raise ModelError("raises is empty: the contract needs at least one year")
    T = 52 * n
    rows = _rows(p)
    vals, off, step = _pack(p, rows)
    raises, rstep = _two_d(p["raises"], n, "raises")
    lumps, lstep = _two_d(p["lump_sums"], n, "lump_sums")
    h = _hires_by_year(p["hires"], rows, n, hires_by_year)
    hires, hstep = np.ascontiguousarray(h[:1] if h.strides[0] == 0 or rows == 1 else h), (0 if h.strides[0] == 0 or rows == 1 else 1)
    single = np.zeros((rows, len(SINGLE)))
    by_year_a = np.zeros((rows, len(BY_YEAR), n) if by_year else (1, len(BY_YEAR), n))
    series_a = np.zeros((rows, len(SERIES), T) if series else (1, len(SERIES), T))
    err = np.zeros(rows, np.int64)
    err_week = np.zeros(rows, np.int64)
    before = get_num_threads()
    if threads:
        set_num_threads(threads)
    try:
        kernel(vals, off, step, raises, rstep, lumps, lstep, hires, hstep, n,
               single, by_year_a, by_year, series_a, series, compliance, err, err_week)
    finally:
        set_num_threads(before)
    if err.any():
        r = int(np.flatnonzero(err)[0])
        code = int(err[r])
        count = int(np.count_nonzero(err))
        msg = {ERR_PATIENT_HOURS: "patient_hours = hours_per_fte - indirect_hours - meeting_hours is zero or less",
               ERR_LAYOFFS: "layoffs must be fewer than therapists",
               ERR_RETURNS_PER_NEW: "1 + returns_per_new must be positive",
               ERR_CAPACITY: f"capacity is zero or less in week {int(err_week[r])}"}[code]
        raise ModelError(f"{msg} (in {count} row(s), first row {r + 1})")
    out = {name: single[:, j] for j, name in enumerate(SINGLE)}
    if by_year:
        out.update({name: by_year_a[:, j, :] for j, name in enumerate(BY_YEAR)})
    if series:
        out.update({name: series_a[:, j, :] for j, name in enumerate(SERIES)})
    return out


def evaluate_case(overrides=None):
    out = evaluate(dict(overrides or {}))
    return {name: (v[0].tolist() if v.ndim == 2 else float(v[0])) for name, v in out.items()}
