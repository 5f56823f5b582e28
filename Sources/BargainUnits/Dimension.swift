import BargainDiagnostics

/// The base dimensions the language knows. Each quantity's dimension is a product of powers of these.
package enum BaseDimension: Int, CaseIterable, Sendable {
    case money, time, staff, fte, patient, visit

    /// How the dimension reads in an error message.
    var name: String {
        switch self {
        case .money: return "money"
        case .time: return "time"
        case .staff: return "staff"
        case .fte: return "FTE"
        case .patient: return "patients"
        case .visit: return "visits"
        }
    }
}

/// A product of powers of base dimensions, such as money / (time · FTE).
///
/// Dimensions are checked once, when a program is checked; evaluation then works on bare numbers
/// in base units, which is what lets a plan run millions of times a second.
package struct Dimension: Hashable, Sendable, CustomStringConvertible {
    var exponents: SIMD8<Int8>

    package static let none = Dimension(exponents: .zero)

    package init(_ base: BaseDimension) {
        var e = SIMD8<Int8>.zero
        e[base.rawValue] = 1
        exponents = e
    }

    init(exponents: SIMD8<Int8>) {
        self.exponents = exponents
    }

    package var isDimensionless: Bool { exponents == .zero }

    package static func * (a: Dimension, b: Dimension) -> Dimension {
        Dimension(exponents: a.exponents &+ b.exponents)
    }

    package static func / (a: Dimension, b: Dimension) -> Dimension {
        Dimension(exponents: a.exponents &- b.exponents)
    }

    /// Raising to a power multiplies every exponent; nil when an exponent would overflow.
    package func power(_ n: Int) -> Dimension? {
        var e = SIMD8<Int8>.zero
        for i in 0..<8 {
            let value = Int(exponents[i]) * n
            guard value >= -100, value <= 100 else { return nil }
            e[i] = Int8(value)
        }
        return Dimension(exponents: e)
    }

    /// The n-th root, when every exponent divides evenly.
    package func root(_ n: Int) -> Dimension? {
        var e = SIMD8<Int8>.zero
        for i in 0..<8 {
            guard Int(exponents[i]) % n == 0 else { return nil }
            e[i] = exponents[i] / Int8(n)
        }
        return Dimension(exponents: e)
    }

    func exponent(_ base: BaseDimension) -> Int { Int(exponents[base.rawValue]) }

    /// `money / time / FTE`; used when no unit spelling is at hand.
    package var description: String {
        if isDimensionless { return "a plain number" }
        var up: [String] = [], down: [String] = []
        for base in BaseDimension.allCases {
            let e = exponent(base)
            if e > 0 { up.append(e == 1 ? base.name : "\(base.name)^\(e)") }
            if e < 0 { down.append(e == -1 ? base.name : "\(base.name)^\(-e)") }
        }
        let top = up.isEmpty ? "1" : up.joined(separator: " · ")
        return down.isEmpty ? top : top + " / " + down.joined(separator: " / ")
    }
}
