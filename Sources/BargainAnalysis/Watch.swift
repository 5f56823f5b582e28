import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainSemantics
import BargainEngine

/// One watched value before and after an entry.
package struct WatchRow: Sendable {
    package let label: String
    package let unit: UnitProduct
    /// Nil when the value was just added to the watch list.
    package let before: Result<Value, Diagnostic>?
    package let after: Result<Value, Diagnostic>

    /// `return_wait 14.72 → 16.05 bd (+1.33)`, `annual_cost = $674.9M/yr (unchanged)`.
    package var text: String {
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

extension Workspace {
    /// Adds to the watch list (or, with nothing named, shows it).
    mutating func watch(_ exprs: [Expr]) throws(Diagnostic) -> Outcome {
        for expr in exprs {
            _ = try check(expr)  // a typo is an error now, not on every later edit
            let label = expr.span.text
            if !watches.contains(where: { $0.label == label }) { watches.append(Watch(label: label, expr: expr)) }
        }
        return .watched(watchValues().map { WatchRow(label: $0.label, unit: $0.unit, before: nil, after: $0.value) })
    }

    mutating func unwatch(_ exprs: [Expr]) throws(Diagnostic) -> Outcome {
        if exprs.isEmpty {
            watches.removeAll()
        } else {
            for expr in exprs {
                guard let index = watches.firstIndex(where: { $0.label == expr.span.text }) else {
                    throw Diagnostic(.unknownName, "`\(expr.span.text)` is not watched", at: expr.span,
                                     help: Suggestions.hint(for: expr.span.text, in: watches.map(\.label)))
                }
                watches.remove(at: index)
            }
        }
        return .watched(watchValues().map { WatchRow(label: $0.label, unit: $0.unit, before: nil, after: $0.value) })
    }

    /// The watched values now, in the current scenario.
    func watchValues() -> [(label: String, unit: UnitProduct, value: Result<Value, Diagnostic>)] {
        watches.map { watch in
            let result = Result { () throws(Diagnostic) in try evaluate(watch.expr) }
            switch result {
            case .success(let (value, unit)): return (watch.label, unit, .success(value))
            case .failure(let error): return (watch.label, .one, .failure(error))
            }
        }
    }
}
