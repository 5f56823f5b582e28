
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
    /// The powers of the built-in base dimensions, indexed by `BaseDimension.rawValue`.
    var exponents: SIMD8<Int8>
    /// The powers of base dimensions a model declares (`unit bed`), by name, sorted by name,
    /// none zero. Empty for every built-in quantity, so those cost nothing more.
    var declared: [Power] = []

    /// A declared base dimension and its power.
    struct Power: Hashable, Sendable {
        let name: String
        var exponent: Int
    }

    package static let none = Dimension(exponents: .zero)

    package init(_ base: BaseDimension) {
        var e = SIMD8<Int8>.zero
        e[base.rawValue] = 1
        exponents = e
    }

    /// A base dimension of a model's own (`unit bed`): unlike every other, as staff is unlike money.
    package init(declaring name: String) {
        exponents = .zero
        declared = [Power(name: name, exponent: 1)]
    }

    init(exponents: SIMD8<Int8>, declared: [Power] = []) {
        self.exponents = exponents
        self.declared = declared
    }

    package var isDimensionless: Bool { exponents == .zero && declared.isEmpty }

    package static func * (a: Dimension, b: Dimension) -> Dimension {
        Dimension(exponents: a.exponents &+ b.exponents, declared: merge(a.declared, b.declared, sign: 1))
    }

    package static func / (a: Dimension, b: Dimension) -> Dimension {
        Dimension(exponents: a.exponents &- b.exponents, declared: merge(a.declared, b.declared, sign: -1))
    }

    /// `a` times `b` raised to `sign`, kept sorted and without zero powers.
    static func merge(_ a: [Power], _ b: [Power], sign: Int) -> [Power] {
        if b.isEmpty { return a }
        var out = a
        for p in b {
            if let i = out.firstIndex(where: { $0.name == p.name }) {
                out[i].exponent += sign * p.exponent
            } else {
                out.append(Power(name: p.name, exponent: sign * p.exponent))
            }
        }
        return out.filter { $0.exponent != 0 }.sorted { $0.name < $1.name }
    }

    /// Raising to a power multiplies every exponent; nil when an exponent would overflow.
    package func power(_ n: Int) -> Dimension? {
        var e = SIMD8<Int8>.zero
        for i in 0..<8 {
            let value = Int(exponents[i]) * n
            guard value >= -100, value <= 100 else { return nil }
            e[i] = Int8(value)
        }
        var powers: [Power] = []
        for p in declared where n != 0 {
            guard Swift.abs(p.exponent * n) <= 100 else { return nil }
            powers.append(Power(name: p.name, exponent: p.exponent * n))
        }
        return Dimension(exponents: e, declared: powers)
    }

    /// The n-th root, when every exponent divides evenly.
    package func root(_ n: Int) -> Dimension? {
        var e = SIMD8<Int8>.zero
        for i in 0..<8 {
            guard Int(exponents[i]) % n == 0 else { return nil }
            e[i] = exponents[i] / Int8(n)
        }
        guard declared.allSatisfy({ $0.exponent % n == 0 }) else { return nil }
        return Dimension(exponents: e, declared: declared.map { Power(name: $0.name, exponent: $0.exponent / n) })
    }

    func exponent(_ base: BaseDimension) -> Int { Int(exponents[base.rawValue]) }

    /// `money / time / FTE`; used when no unit spelling is at hand.
    package var description: String {
        if isDimensionless { return "a plain number" }
        var up: [String] = [], down: [String] = []
        let powers = BaseDimension.allCases.map { ($0.name, exponent($0)) } + declared.map { ($0.name, $0.exponent) }
        for (name, e) in powers {
            if e > 0 { up.append(e == 1 ? name : "\(name)^\(e)") }
            if e < 0 { down.append(e == -1 ? name : "\(name)^\(-e)") }
        }
        let top = up.isEmpty ? "1" : up.joined(separator: " · ")
        return down.isEmpty ? top : top + " / " + down.joined(separator: " / ")
    }
}
