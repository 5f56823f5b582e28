import BargainUnits
import BargainAnalysis

/// `optimize`'s answer as tables, for documents: the levers (value, range, what the range's end
/// costs) and the constraints (value, slack, whether each binds and what loosening it gains),
/// with the search's sureness as notes.
enum OptimizationTable {
    static func headline(_ o: Optimization) -> String {
        "\(o.goal.rawValue) \(o.objective) = \(QuantityFormat.format(o.objectiveValue, in: o.objectiveUnit))"
    }

    static func tables(_ o: Optimization) -> [Table] {
        var levers = Table(columns: [Table.Column("lever"), Table.Column("value"), Table.Column("range"), Table.Column("note")])
        for lever in o.levers {
            let note = [lever.step.map { "in steps of \(OptimizationText.quantity($0, lever.unit))" }, OptimizationText.heldByRange(lever, o)]
                .compactMap { $0 }.joined(separator: "; ")
            levers.rows.append([.text(lever.name), .quantity(lever.value, lever.unit),
                                .text("\(OptimizationText.quantity(lever.low, lever.unit))..\(OptimizationText.quantity(lever.high, lever.unit))"), .text(note)])
        }
        levers.title = "the package"
        var tables = [levers]
        if !o.constraints.isEmpty {
            var constraints = Table(columns: [Table.Column("constraint"), Table.Column("value"), Table.Column("slack"),
                                              Table.Column("binds"), Table.Column("loosened one step")])
            for state in o.constraints {
                constraints.rows.append([.text(state.text), .quantity(state.value, state.unit), .change(OptimizationText.shownSlack(state), state.unit),
                                         .text(state.gain == nil ? "?" : state.binds ? "yes" : "no"), .text(OptimizationText.loosening(state, o) ?? "")])
            }
            constraints.title = "such that"
            tables.append(constraints)
        }
        tables[tables.count - 1].notes = OptimizationText.sureness(o)
        return tables
    }
}
