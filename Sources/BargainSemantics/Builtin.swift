
/// The functions built into the language. Each one's unit rule lives in `Checker+Builtins`.
package enum Builtin: String, CaseIterable, Sendable {
    case min, max, abs, exp, ln, sqrt, round, floor, ceil, clamp
    case len, sum, product, cumprod, cumsum
    case normal, uniform, triangular
    /// Time: the timeline, last week's value, and reductions over weeks.
    case timeline, previous, mean, first, last, mean_by_year, sum_by_year, first_week, by_year

    /// One line for `:help functions`.
    package var summary: String {
        switch self {
        case .min: return "min(a, b, …) or min(list): the smallest; arguments share a unit"
        case .max: return "max(a, b, …) or max(list): the largest"
        case .abs: return "abs(x): the magnitude, in x's unit"
        case .exp: return "exp(x): e to the power x; x is a plain number"
        case .ln: return "ln(x): natural logarithm; x is a plain positive number"
        case .sqrt: return "sqrt(x): square root; the unit's powers must be even"
        case .round: return "round(x): to the nearest whole number in the unit x is shown in"
        case .floor: return "floor(x): down to a whole number in x's unit"
        case .ceil: return "ceil(x): up to a whole number in x's unit"
        case .clamp: return "clamp(x, lo, hi): x held between lo and hi"
        case .len: return "len(list): how many entries"
        case .sum: return "sum(list): the total"
        case .product: return "product(list): all entries multiplied"
        case .cumprod: return "cumprod(list): running products, [a, a*b, a*b*c, …]; plain numbers"
        case .normal: return "normal(mean, sd): an uncertain input, normally distributed"
        case .uniform: return "uniform(a, b): an uncertain input, equally likely anywhere from a to b"
        case .triangular: return "triangular(a, mode, b): an uncertain input peaking at mode"
        case .cumsum: return "cumsum(list): running totals, [a, a+b, a+b+c, …]"
        case .by_year: return "by_year(x): x as a by-year list: a single value is year 1's (the rest 0); a list needs one entry per contract year"
        case .timeline: return "timeline(T): the weeks 1 wk … T wk, a series; the model names it `week`"
        case .previous: return "previous(x, start): last week's x (start in week 1); x may be the series being defined"
        case .mean: return "mean(series or list): the average over every week or entry"
        case .first: return "first(series or list): the first week's value"
        case .last: return "last(series or list): the last week's value"
        case .mean_by_year: return "mean_by_year(series): a list with the mean over each contract year's 52 weeks"
        case .sum_by_year: return "sum_by_year(series): a list with each contract year's total (a weekly flow times 1 wk)"
        case .first_week: return "first_week(condition): the first week it holds, as t wk; inf if it never does"
        }
    }

    var isDistribution: Bool { self == .normal || self == .uniform || self == .triangular }
}
