/// `:names` and `:scenarios`: what is defined, with values and units.
public enum NamesListing {
    public static func render(_ scenario: Scenario, matching filter: String? = nil) -> String {
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

    public static func scenarios(_ workspace: Workspace) -> String {
        workspace.scenarioOrder.compactMap { name -> String? in
            guard let scenario = workspace[scenario: name] else { return nil }
            let current = name == workspace.current ? " (current)" : ""
            guard let base = scenario.base else { return "baseline\(current): the model as loaded" }
            let changes = scenario.overrideOrder.isEmpty ? "no changes" : scenario.overrideOrder.joined(separator: ", ")
            return "\(name)\(current) from \(base): \(changes)"
        }.joined(separator: "\n")
    }
}
