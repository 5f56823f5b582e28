import BargainDiagnostics
import BargainUnits
import BargainSyntax

/// The functions built into the language. Each one's unit rule lives in `Checker+Builtins`.
package enum Builtin: String, CaseIterable, Sendable {
    case min, max, abs, exp, ln, sqrt, round, floor, ceil, clamp
    case len, sum, product, cumprod
    case normal, uniform, triangular

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
        }
    }

    var isDistribution: Bool { self == .normal || self == .uniform || self == .triangular }
}
