import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainEngine

/// One watched value before and after an entry, as data; `WatchText` writes the line.
package struct WatchRow: Sendable {
    package let label: String
    package let unit: UnitProduct
    /// Nil when the value was just added to the watch list.
    package let before: Result<Value, Diagnostic>?
    package let after: Result<Value, Diagnostic>
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
