import BargainUnits
import BargainEngine
import BargainAnalysis

/// `:names` and `:scenarios`: what is defined, with values and units.
package enum NamesListing {
    package static func render(_ scenario: Scenario, matching filter: String? = nil) -> String {
        let program = scenario.program
        var lines: [String] = []
        for name in program.valueNames where filter.map({ name.contains($0) }) ?? true {
            let marker = scenario.overrides[name] != nil ? "  (set in \(scenario.name))" : ""
            switch scenario.result(name) {
            case .success(let value)?:
                lines.append("\(name) = \(ValueText.format(value, in: program[name]?.unit ?? .one))\(marker)")
            case .failure(let diagnostic)?:
                lines.append("\(name) = (error: \(diagnostic.message))\(marker)")
            case nil:
                lines.append("\(name) = (not computed)")
            }
        }
        for name in program.functionNames where filter.map({ name.contains($0) }) ?? true {
            if case .function(let f)? = program[name]?.kind {
                lines.append("fn \(name)(\(f.parameters.map(\.name).joined(separator: ", ")))")
            }
        }
        if lines.isEmpty {
            return filter.map { "no names contain `\($0)`" } ?? "nothing is defined yet"
        }
        return lines.joined(separator: "\n")
    }

    /// `:inputs`: every input with its value and basis; ★ marks those the scenario sets itself.
    package static func inputs(_ scenario: Scenario, matching filter: String? = nil) -> Table {
        let program = scenario.program
        var table = Table(columns: [Table.Column("input"), Table.Column("value"), Table.Column("basis")])
        for name in program.valueNames where program[name]?.isInput ?? false && (filter.map { name.contains($0) } ?? true) {
            let mark = scenario.overrides[name] != nil || scenario.runtime.overridden.contains(name) ? " ★" : ""
            table.rows.append([.text(name + mark), .text(valueText(scenario, name)), .text(program[name]?.comment ?? "")])
        }
        if scenario.name != Workspace.baselineName { table.title = "inputs of \(scenario.name) (★ set here)" }
        return table
    }

    /// `:outputs`: every value computed from others, with its value.
    package static func outputs(_ scenario: Scenario, matching filter: String? = nil) -> Table {
        let program = scenario.program
        var table = Table(columns: [Table.Column("output"), Table.Column("value")])
        for name in program.valueNames where !(program[name]?.isInput ?? true) && (filter.map { name.contains($0) } ?? true) {
            table.rows.append([.text(name), .text(valueText(scenario, name))])
        }
        if scenario.name != Workspace.baselineName { table.title = "outputs of \(scenario.name)" }
        return table
    }

    static func valueText(_ scenario: Scenario, _ name: String) -> String {
        switch scenario.result(name) {
        case .success(let value)?: return ValueText.format(value, in: scenario.program[name]?.unit ?? .one)
        case .failure(let diagnostic)?: return "error: " + diagnostic.message
        case nil: return "(not computed)"
        }
    }

    /// `:scenarios`, with a line under each scenario that no longer matches the file it came from
    /// (`loaded` is the workspace as the files left it; see `ScenarioSummary`).
    package static func scenarios(_ workspace: Workspace, loaded: Workspace? = nil, modelFile: String? = nil) -> String {
        let summaries = ScenarioSummary.all(workspace, loaded: loaded, modelFile: modelFile)
        let mismatches = Dictionary(summaries.compactMap { summary in summary.mismatch.map { (summary.name, $0) } },
                                    uniquingKeysWith: { a, _ in a })
        let edits = summaries.first { $0.base == nil }?.carried ?? []
        return workspace.scenarioOrder.compactMap { name -> String? in
            guard let scenario = workspace[scenario: name] else { return nil }
            let current = name == workspace.current ? " (current)" : ""
            guard let base = scenario.base else {
                return "baseline\(current): the model as loaded" + (edits.isEmpty ? "" : ", then edited: " + edits.map { "\($0.name) = \($0.value)" }.joined(separator: ", "))
            }
            let changes = scenario.overrideOrder.isEmpty ? "no changes" : scenario.overrideOrder.joined(separator: ", ")
            let note = scenario.note.map { "  # \($0)" } ?? ""
            return "\(name)\(current) from \(base): \(changes)\(note)" + (mismatches[name].map { "\n  note: " + $0 } ?? "")
        }.joined(separator: "\n")
    }
}
