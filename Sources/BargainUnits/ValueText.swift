
/// A value in its unit, as text: `1,965 FTE`, `[5%, 4%, 4%, 4%]`, `true`.
package enum ValueText {
    package static func format(_ value: Value, in unit: UnitProduct) -> String {
        switch value {
        case .number(let x): return QuantityFormat.format(x, in: unit)
        case .list(let xs): return QuantityFormat.format(list: xs, in: unit)
        case .series(let xs): return seriesSummary(xs, in: unit)
        case .boolean(let b): return b ? "true" : "false"
        }
    }

    /// A series never prints every week: `2,311 → 2,294 staff (min 2,290, max 2,311) ▇▇▆▅▄▄▃▃`,
    /// its first and last week, its range and a sparkline of its shape.
    static func seriesSummary(_ xs: [Double], in unit: UnitProduct) -> String {
        guard let first = xs.first, let last = xs.last else { return "(no weeks)" }
        let low = xs.min() ?? first, high = xs.max() ?? first
        func shown(_ x: Double) -> String { QuantityFormat.format(x, in: unit) }
        let plainUnit = unit.isOne
        func bare(_ x: Double) -> String {
            let text = shown(x)
            guard !plainUnit, let space = text.lastIndex(of: " ") else { return text }
            return String(text[..<space])
        }
        return "\(bare(first)) → \(shown(last)) (min \(bare(low)), max \(bare(high)), \(xs.count) wk) "
            + Sparkline.draw(xs)
    }

    /// The value expressed in its display unit, at full precision, for JSON and CSV.
    package static func numbers(_ value: Value, in unit: UnitProduct) -> [Double] {
        let factor = unit.factor
        return value.numbers.map { $0 / factor }
    }
}
