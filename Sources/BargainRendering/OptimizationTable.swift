import BargainUnits
import BargainAnalysis

/// `optimize`'s answer as tables, for documents: the levers (value, range, what the range's end
/// costs) and the constraints (value, slack, whether each binds and what loosening it gains),
/// with the search's sureness as notes.
package enum OptimizationTable {
    package static func headline(_ o: Optimization) -> String {
        "\(o.goal.rawValue) \(o.objective) = \(QuantityFormat.format(o.objectiveValue, in: o.objectiveUnit))"
    }

    package static func tables(_ o: Optimization) -> [Table] {
        func quantity(_ x: Double, _ unit: UnitProduct) -> String { QuantityFormat.format(x, in: unit) }
        var levers = Table(columns: [Table.Column("lever"), Table.Column("value"), Table.Column("range"), Table.Column("note")])
        for lever in o.levers {
            var note = lever.step.map { "in steps of \(quantity($0, lever.unit))" } ?? ""
            if let beyond = lever.beyond {
                let end = beyond.value < lever.low ? "low" : "high"
                note += (note.isEmpty ? "" : "; ") + "held by the \(end) end: at \(quantity(beyond.value, lever.unit)) it would \(o.goal == .minimize ? "lower" : "raise") \(o.objective) by \(quantity(beyond.gain, o.objectiveUnit))"
            }
            levers.rows.append([.text(lever.name), .quantity(lever.value, lever.unit),
                                .text("\(quantity(lever.low, lever.unit))..\(quantity(lever.high, lever.unit))"), .text(note)])
        }
        levers.title = "the package"
        var tables = [levers]
        if !o.constraints.isEmpty {
            var constraints = Table(columns: [Table.Column("constraint"), Table.Column("value"), Table.Column("slack"),
                                              Table.Column("binds"), Table.Column("loosened one step")])
            for state in o.constraints {
                let slack = Swift.abs(state.slack) <= 1e-6 * Swift.max(Swift.abs(state.bound), state.unit.factor) ? 0 : state.slack
                var loosened = ""
                if state.binds, let relaxed = state.relaxedBound, let gain = state.gain {
                    loosened = "at \(quantity(relaxed, state.unit)): \(o.goal == .minimize ? "−" : "+")\(quantity(gain, o.objectiveUnit))"
                }
                constraints.rows.append([.text(state.text), .quantity(state.value, state.unit), .change(slack, state.unit),
                                         .text(state.gain == nil ? "?" : state.binds ? "yes" : "no"), .text(loosened)])
            }
            constraints.title = "such that"
            tables.append(constraints)
        }
        tables[tables.count - 1].notes = OptimizationText.sureness(o)
        return tables
    }
}
