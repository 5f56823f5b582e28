import BargainDiagnostics

/// A value in its unit, as text: `1,965 FTE`, `[5%, 4%, 4%, 4%]`, `true`.
package enum ValueText {
    package static func format(_ value: Value, in unit: UnitProduct) -> String {
        switch value {
        case .number(let x): return QuantityFormat.format(x, in: unit)
        case .list(let xs): return QuantityFormat.format(list: xs, in: unit)
        case .boolean(let b): return b ? "true" : "false"
        }
    }

    /// The value expressed in its display unit, at full precision, for JSON and CSV.
    package static func numbers(_ value: Value, in unit: UnitProduct) -> [Double] {
        let factor = unit.factor
        return value.numbers.map { $0 / factor }
    }
}
