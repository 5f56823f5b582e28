import Glibc
import BargainSemantics

/// Medians and inverse distribution functions of the uncertain values the language offers.
///
/// Draws use the inverse CDF of one uniform number each, so a value's draws depend only on its
/// random stream and the draw's index: the same seed gives the same numbers on any thread count.
enum Distributions {
    /// The z-score of the 95th percentile: `a to b` is a 90% interval, 1.645 standard deviations each side.
    static let z95 = 1.6448536269514722

    /// The median (when `uniform` is nil) or the draw at `uniform`. NaN for impossible parameters.
    @inline(__always)
    static func value(_ kind: DistributionKind, _ p0: Double, _ p1: Double, _ p2: Double, uniform u: Double?) -> Double {
        switch kind {
        case .interval:
            guard p0 <= p1, p0.isFinite, p1.isFinite else { return .nan }
            if p0 > 0 {
                let mu = (log(p0) + log(p1)) / 2
                guard let u else { return exp(mu) }
                let sigma = (log(p1) - log(p0)) / (2 * z95)
                return exp(mu + sigma * inverseNormal(u))
            }
            let mean = (p0 + p1) / 2
            guard let u else { return mean }
            return mean + (p1 - p0) / (2 * z95) * inverseNormal(u)
        case .normal:
            guard p1 >= 0, p0.isFinite, p1.isFinite else { return .nan }
            guard let u else { return p0 }
            return p0 + p1 * inverseNormal(u)
        case .uniform:
            guard p0 <= p1, p0.isFinite, p1.isFinite else { return .nan }
            return p0 + (p1 - p0) * (u ?? 0.5)
        case .triangular:
            guard p0 <= p1, p1 <= p2, p0 < p2, p0.isFinite, p2.isFinite else { return .nan }
            let q = u ?? 0.5
            let split = (p1 - p0) / (p2 - p0)
            if q < split { return p0 + ((p2 - p0) * (p1 - p0) * q).squareRoot() }
            return p2 - ((p2 - p0) * (p2 - p1) * (1 - q)).squareRoot()
        }
    }

    /// Why a distribution's parameters are impossible, for the error message.
    static func problem(_ kind: DistributionKind, _ p: [Double]) -> String? {
        switch kind {
        case .interval where !(p[0] <= p[1]): return "the low end of `a to b` is above the high end"
        case .normal where !(p[1] >= 0): return "a standard deviation cannot be negative"
        case .uniform where !(p[0] <= p[1]): return "`uniform(a, b)` needs a ≤ b"
        case .triangular where !(p[0] <= p[1] && p[1] <= p[2] && p[0] < p[2]): return "`triangular(a, mode, b)` needs a ≤ mode ≤ b and a < b"
        default: return p.allSatisfy(\.isFinite) ? nil : "an uncertain value needs finite parameters"
        }
    }

    /// The standard normal quantile: Acklam's rational approximation, then one Halley step
    /// against `erfc`, which brings it to full double precision.
    static func inverseNormal(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return p == 0 ? -.infinity : p == 1 ? .infinity : .nan }
        let a = (-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00)
        let b = (-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01)
        let c = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00)
        let d = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00)
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            x = (((((c.0 * q + c.1) * q + c.2) * q + c.3) * q + c.4) * q + c.5)
                / ((((d.0 * q + d.1) * q + d.2) * q + d.3) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5
            let r = q * q
            x = (((((a.0 * r + a.1) * r + a.2) * r + a.3) * r + a.4) * r + a.5) * q
                / (((((b.0 * r + b.1) * r + b.2) * r + b.3) * r + b.4) * r + 1)
        } else {
            let q = (-2 * log(1 - p)).squareRoot()
            x = -(((((c.0 * q + c.1) * q + c.2) * q + c.3) * q + c.4) * q + c.5)
                / ((((d.0 * q + d.1) * q + d.2) * q + d.3) * q + 1)
        }
        let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }
}
