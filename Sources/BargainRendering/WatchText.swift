import BargainUnits
import BargainAnalysis

/// A watched value's line after an edit: its value, or how it changed.
enum WatchText {
    /// `return_wait 14.72 → 16.05 bd (+1.33)`, `annual_cost = $674.9M/yr (unchanged)`.
    static func line(_ row: WatchRow) -> String {
        let label = row.label, unit = row.unit, before = row.before, after = row.after
        guard case .success(let now) = after else {
            if case .failure(let diagnostic) = after { return "\(label): error: \(diagnostic.message)" }
            return label
        }
        guard let before, case .success(let then) = before else {
            return "\(label) = \(ValueText.format(now, in: unit))"
        }
        if then == now { return "\(label) = \(ValueText.format(now, in: unit)) (unchanged)" }
        guard let x = then.scalar, let y = now.scalar else {
            return "\(label) \(ValueText.format(then, in: unit)) → \(ValueText.format(now, in: unit))"
        }
        let change = Table.Cell.change(y - x, unit).text
        let plainSuffix = !unit.isOne && unit.factors.allSatisfy { $0.unit != Units.dollar && $0.unit != Units.percent }
        if plainSuffix {
            let number = { (v: Double) in QuantityFormat.number(v / unit.factor) }
            let delta = y - x
            return "\(label) \(number(x)) → \(number(y)) \(unit) (\(delta > 0 ? "+" : "-")\(number(Swift.abs(delta))))"
        }
        return "\(label) \(QuantityFormat.format(x, in: unit)) → \(QuantityFormat.format(y, in: unit)) (\(change))"
    }
}
