import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainEngine

/// `compare A, B, C: outputs`: one row per output, one column per scenario, and each
/// scenario's change against the first, in the output's natural unit. A by-year list gives a
/// row per contract year; a series its mean, min, max and last week, so every row has a change.
enum Compare {
    /// What the table shows when no outputs are named: the table's first questions.
    static let headline = ["headcount", "capacity", "intake_wait", "return_wait", "return_compliance",
                           "high_risk_delayed", "annual_cost", "contract_cost", "severance_cost"]

    static func table(_ workspace: Workspace, scenarios requested: [Identifier], outputs: [Expr],
                      at span: Span) throws(Diagnostic) -> Table {
        let names = try scenarioNames(workspace, requested, at: span)
        let rows = try outputRows(workspace, names[0], outputs, at: span)
        var columns = [Table.Column("output"), Table.Column("unit", dataOnly: true)]
        for (index, name) in names.enumerated() {
            columns.append(Table.Column(name))
            if index > 0 {
                columns.append(Table.Column("change"))
                columns.append(Table.Column("%"))
            }
        }
        var table = Table(columns: columns)
        for row in rows {
            var cells: [Table.Cell] = [.text(row.label), .text(row.unit.description)]
            var first: Double? = nil
            for (index, scenario) in names.enumerated() {
                switch row.value(workspace, scenario) {
                case .success(let value):
                    cells.append(cell(value, row.unit))
                    if index == 0 { first = value.scalar }
                    if index > 0 {
                        let (change, ratio) = difference(value.scalar, first, row.unit)
                        cells += [change, ratio]
                    }
                case .failure(let diagnostic):
                    cells.append(.text("error"))
                    if index > 0 { cells += [.empty, .empty] }
                    table.notes.append("\(scenario): \(row.label): \(diagnostic.message)")
                }
            }
            table.rows.append(cells)
        }
        table.notes += inheritedEdits(workspace, names)
        // Uncertain inputs show their medians here: say so, and where to see the spread.
        var uncertain: [String] = []
        for name in names {
            guard let program = workspace[scenario: name]?.program, program.definitions.values.contains(where: \.isUncertain) else { continue }
            for input in program.valueNames where program[input]?.isUncertain == true && !uncertain.contains(input) { uncertain.append(input) }
        }
        if !uncertain.isEmpty {
            let shown = uncertain.prefix(5).joined(separator: ", ") + (uncertain.count > 5 ? ", …" : "")
            table.notes.append("uncertain inputs (\(shown)) are at their medians here; `simulate N: outputs` shows the spread")
        }
        if rows.contains(where: { $0.label.contains("_wait") }), let first = workspace[scenario: names[0]],
           first.program["return_compliance"] != nil,
           case .success(let standard)? = first.result("access_standard"), let unit = first.program["access_standard"]?.unit {
            table.notes.append("waits are averages: whether returns meet the \(ValueText.format(standard, in: unit)) access standard is return_compliance, the share within it")
        }
        return table
    }

    /// A scenario built on another carries that one's edits: after `strike_days = 50 bd` at
    /// baseline, the proposals strike too. Say so, so nobody reads a proposal's column as its own.
    static func inheritedEdits(_ workspace: Workspace, _ names: [String]) -> [String] {
        names.compactMap { name in
            let carried = ScenarioSummary.carriedEdits(workspace, of: name)
            guard !carried.isEmpty else { return nil }
            return "\(name) carries edits made to \(Workspace.baselineName) since the model was loaded: \(carried.map { "\($0.name) = \($0.value)" }.joined(separator: ", "))"
        }
    }

    static func scenarioNames(_ workspace: Workspace, _ requested: [Identifier], at span: Span) throws(Diagnostic) -> [String] {
        guard !requested.isEmpty else { return workspace.scenarioOrder }
        var names: [String] = []
        for id in requested { names.append(try workspace.scenario(named: id.name, at: id.span).name) }
        return names
    }

    /// One row of the table: how to get its value in a scenario, and the unit it is shown in.
    struct Row {
        let label: String
        let unit: UnitProduct
        let value: (Workspace, String) -> Result<Value, Diagnostic>
    }

    static func outputRows(_ workspace: Workspace, _ first: String, _ outputs: [Expr], at span: Span) throws(Diagnostic) -> [Row] {
        guard let scenario = workspace[scenario: first] else { return [] }
        if outputs.isEmpty {
            let present = headline.filter { scenario.program[$0] != nil }
            guard !present.isEmpty else {
                throw Diagnostic(.unknownName, "this model has none of the headline outputs", at: span,
                                 help: "name the outputs: `compare a, b: output1, output2`")
            }
            return present.map { name in
                Row(label: name, unit: scenario.program[name]?.unit ?? .one) { workspace, scenario in
                    workspace.value(of: name, in: scenario)
                        ?? .failure(Diagnostic(.unknownName, "`\(name)` is not defined in `\(scenario)`"))
                }
            }
        }
        var rows: [Row] = []
        for expr in outputs {
            // Check the output against the first scenario now, so a typo is an error, not a column of them.
            let checked = try workspace.check(expr, in: first)
            let unit = checked.displayUnit
            let label = expr.span.text
            func value(_ workspace: Workspace, _ scenario: String) -> Result<Value, Diagnostic> {
                Result { () throws(Diagnostic) in try workspace.evaluate(expr, in: scenario).0 }
            }
            switch checked.type {
            case .list(_, let years):
                // A by-year list: a row per contract year, each with its change.
                for year in 1...Swift.max(1, years) {
                    rows.append(Row(label: "\(label), year \(year)", unit: unit) { workspace, scenario in
                        value(workspace, scenario).flatMap { v in
                            let entries = v.numbers
                            guard year <= entries.count else {
                                return .failure(Diagnostic(.indexOutOfRange, "`\(label)` has \(entries.count) years in `\(scenario)`"))
                            }
                            return .success(.number(entries[year - 1]))
                        }
                    })
                }
            case .series(_, let weeks):
                // A series: its summaries, each comparable (`mean`, `min`, `max`, its last week).
                let summaries: [(String, ([Double]) -> Double)] = [
                    ("mean", { $0.reduce(0, +) / Double(Swift.max(1, $0.count)) }),
                    ("min", { $0.min() ?? .nan }), ("max", { $0.max() ?? .nan }),
                    ("week \(weeks)", { $0.last ?? .nan }),
                ]
                for (name, summary) in summaries {
                    rows.append(Row(label: "\(label), \(name)", unit: unit) { workspace, scenario in
                        value(workspace, scenario).map { .number(summary($0.numbers)) }
                    })
                }
            default:
                rows.append(Row(label: label, unit: unit, value: value))
            }
        }
        return rows
    }

    static func cell(_ value: Value, _ unit: UnitProduct) -> Table.Cell {
        switch value {
        case .number(let x): return .quantity(x, unit)
        case .list, .series, .boolean: return .text(ValueText.format(value, in: unit))
        }
    }

    /// The change against the first scenario, absolute and relative.
    static func difference(_ value: Double?, _ first: Double?, _ unit: UnitProduct) -> (Table.Cell, Table.Cell) {
        guard let value, let first else { return (.empty, .empty) }
        if value == first { return (.change(0, unit), .ratio(0)) }
        let change = value - first
        guard change.isFinite else { return (.empty, .empty) }
        let ratio = first == 0 || !first.isFinite ? Double.nan : change / Swift.abs(first)
        return (.change(change, unit), .ratio(ratio))
    }
}
