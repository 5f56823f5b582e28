import Glibc

/// A unit as a product of named units with powers, in the order they were written: `$/yr/FTE`.
///
/// Values are computed in base units; this is only how a value is shown (its "natural unit"),
/// carried beside each checked expression and converted to when rendering.
package struct UnitProduct: Hashable, Sendable, CustomStringConvertible {
    package struct Factor: Hashable, Sendable {
        package let unit: UnitID
        package var exponent: Int
    }

    package private(set) var factors: [Factor]

    /// No unit: a plain number.
    package static let one = UnitProduct(factors: [])
    package static let percent = UnitProduct(Units.percent)
    package static let dollars = UnitProduct(Units.dollar)
    package static let weeks = UnitProduct(Units.week)

    package init(_ unit: UnitID, exponent: Int = 1) {
        factors = exponent == 0 ? [] : [Factor(unit: unit, exponent: exponent)]
    }

    init(factors: [Factor]) {
        self.factors = factors
    }

    package var isOne: Bool { factors.isEmpty }

    package var dimension: Dimension {
        var d = Dimension.none
        for f in factors {
            d = d * (Units[f.unit].dimension.power(f.exponent) ?? .none)
        }
        return d
    }

    /// How many base units one of this unit is: `h/wk` is 1/168.
    package var factor: Double {
        var x = 1.0
        for f in factors {
            let unit = Units[f.unit].factor
            x *= f.exponent >= 0 ? pow(unit, Double(f.exponent)) : 1 / pow(unit, Double(-f.exponent))
        }
        return x
    }

    /// Symbolic product: equal units merge, and units that cancel disappear (`staff * FTE/staff` is `FTE`).
    package static func * (a: UnitProduct, b: UnitProduct) -> UnitProduct {
        var factors = a.factors
        for f in b.factors {
            if let i = factors.firstIndex(where: { $0.unit == f.unit }) {
                factors[i].exponent += f.exponent
            } else {
                factors.append(f)
            }
        }
        return UnitProduct(factors: factors.filter { $0.exponent != 0 })
    }

    /// The unit of a product or quotient of two values: as `*`, and units of one dimension with
    /// opposite powers cancel too, whatever their names (`day/wk * $/h` is `$/wk`, `shift/wk *
    /// $/h` is `$/wk`). Values are in base units, so only how the result is shown changes. A unit
    /// as written (`6 wk/yr`) keeps its names: that is `*` itself.
    package func combined(with other: UnitProduct) -> UnitProduct {
        var factors = self.factors
        var rest: [Factor] = []
        for var f in other.factors {
            // A factor of the other side against one of this side's with the opposite power.
            while f.exponent != 0, !factors.contains(where: { $0.unit == f.unit }),
                  let i = factors.firstIndex(where: { Self.cancel($0, f) }) {
                let cancelled = Swift.min(Swift.abs(factors[i].exponent), Swift.abs(f.exponent))
                factors[i].exponent += factors[i].exponent > 0 ? -cancelled : cancelled
                f.exponent += f.exponent > 0 ? -cancelled : cancelled
                factors = factors.filter { $0.exponent != 0 }
            }
            if f.exponent != 0 { rest.append(f) }
        }
        return UnitProduct(factors: factors) * UnitProduct(factors: rest)
    }

    /// Whether `combined(with:)` would cancel anything: a factor of each side, of one dimension,
    /// with opposite powers (and different names: the same unit cancels in `*` anyway).
    package func cancels(with other: UnitProduct) -> Bool {
        factors.contains { f in other.factors.contains { g in g.unit != f.unit && Self.cancel(f, g) } }
    }

    /// Two factors of one (non-plain) dimension with opposite powers, `%` aside.
    static func cancel(_ a: Factor, _ b: Factor) -> Bool {
        guard (a.exponent > 0) != (b.exponent > 0), a.unit != Units.percent, b.unit != Units.percent else { return false }
        let d = Units[a.unit].dimension
        return !d.isDimensionless && d == Units[b.unit].dimension
    }

    package static func / (a: UnitProduct, b: UnitProduct) -> UnitProduct {
        a * b.power(-1)
    }

    package func power(_ n: Int) -> UnitProduct {
        UnitProduct(factors: factors.compactMap { f in
            let e = f.exponent * n
            return e == 0 ? nil : Factor(unit: f.unit, exponent: e)
        })
    }

    /// The n-th root when every power divides evenly.
    package func root(_ n: Int) -> UnitProduct? {
        guard factors.allSatisfy({ $0.exponent % n == 0 }) else { return nil }
        return UnitProduct(factors: factors.map { Factor(unit: $0.unit, exponent: $0.exponent / n) })
    }

    /// The unit of a product or quotient: `%` stays only as the whole numerator (`12%/yr`); in
    /// any other product it is just a number (`patients/wk * 5%` is `patients/wk`).
    package func droppingPercent() -> UnitProduct {
        let others = factors.filter { $0.unit != Units.percent }
        guard others.count < factors.count else { return self }
        let percentAlone = others.allSatisfy { $0.exponent < 0 }
            && factors.contains(Factor(unit: Units.percent, exponent: 1))
        return percentAlone ? self : UnitProduct(factors: others)
    }

    /// How a computed value is shown: one whose dimensions cancel is a plain number (`6 wk/yr`
    /// shows as 0.1154), unless it is a share in `%`.
    package func displayed() -> UnitProduct {
        guard dimension.isDimensionless else { return self }
        return factors == [Factor(unit: Units.percent, exponent: 1)] ? self : .one
    }

    /// `h/wk/FTE`, `visits/wk`, `$/visit`, `1/yr`. Counting units take their plural in a numerator.
    package var description: String { spelled(singular: false) }

    func spelled(singular: Bool) -> String {
        let up = factors.filter { $0.exponent > 0 }
        let down = factors.filter { $0.exponent < 0 }
        func name(_ f: Factor, numerator: Bool) -> String {
            let unit = Units[f.unit]
            let base = numerator && !singular ? unit.plural : unit.symbol
            let e = abs(f.exponent)
            return e == 1 ? base : "\(base)^\(e)"
        }
        var text = up.map { name($0, numerator: true) }.joined(separator: "*")
        if text.isEmpty && !down.isEmpty { text = "1" }
        for f in down { text += "/" + name(f, numerator: false) }
        return text
    }
}
