import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainSemantics
import BargainEngine

/// `explain name [in SCENARIO] [depth N]`: the formula behind a value, with the value of every
/// name it uses, down to the inputs. This is how a negotiator answers "why is the return wait
/// 27 days?". A name met twice is shown once; inputs the scenario sets itself are marked.
struct Explain {
    let scenario: Scenario
    /// The scenario it starts from: values that differ from there are shown beside their old value.
    let base: Scenario?
    let maxDepth: Int
    var seen: Set<String> = []
    var lines: [String] = []

    static func report(_ workspace: Workspace, name: Identifier, scenario id: Identifier?, depth: Int?) throws(Diagnostic) -> String {
        let scenarioName = id?.name ?? workspace.current
        let scenario = try workspace.scenario(named: scenarioName, at: id?.span ?? name.span)
        guard let definition = scenario.program[name.name], !definition.isRequirement else {
            throw Diagnostic(.unknownName, "unknown name `\(name.name)`", at: name.span,
                             help: Suggestions.hint(for: name.name, in: scenario.program.knownNames))
        }
        var explain = Explain(scenario: scenario, base: scenario.base.flatMap { workspace[scenario: $0] },
                              maxDepth: depth ?? .max)
        if definition.isFunction {
            explain.lines.append(explain.oneLine(definition.formula))
        } else {
            explain.visit(name.name, prefix: "", childPrefix: "", depth: 0)
        }
        if let base = scenario.base {
            explain.lines.append("(in \(scenarioName); ★ marks what it sets itself; values in brackets are \(base)'s where they differ)")
        }
        return explain.lines.joined(separator: "\n")
    }

    mutating func visit(_ name: String, prefix: String, childPrefix: String, depth: Int) {
        guard let definition = scenario.program[name] else { return }
        var line = prefix + name + " = " + valueText(name, definition) + previousValue(name, definition)
        let mark = scenario.overrides[name] != nil ? "  ★" : ""
        let children = childNames(definition)
        if seen.contains(name) {
            lines.append(line + mark + (children.isEmpty ? "" : "  (shown above)"))
            return
        }
        seen.insert(name)
        if definition.isInput {
            if let comment = definition.comment { line += "  · " + comment }
            lines.append(line + mark)
            return
        }
        lines.append(line + mark + "  = " + oneLine(definition.formula))
        guard depth + 1 < maxDepth else {
            if !children.isEmpty {
                let moved = children.first { !previousValue($0, scenario.program[$0] ?? definition).isEmpty } ?? children[0]
                lines.append(childPrefix + "└─ … \(children.count) more; explain \(moved) to go on")
            }
            return
        }
        let functions = calledFunctions(definition)
        for function in functions where !seen.contains("fn " + function) {
            seen.insert("fn " + function)
            if let f = scenario.program[function] {
                let last = children.isEmpty && function == functions.last
                lines.append(childPrefix + (last ? "└─ " : "├─ ") + oneLine(f.formula))
            }
        }
        for (index, child) in children.enumerated() {
            let last = index == children.count - 1
            visit(child, prefix: childPrefix + (last ? "└─ " : "├─ "), childPrefix: childPrefix + (last ? "   " : "│  "),
                  depth: depth + 1)
        }
    }

    /// ` [was 36,558 visits/wk]` when the base scenario's value differs.
    func previousValue(_ name: String, _ definition: Definition) -> String {
        guard let base, case .success(let now)? = scenario.result(name) else { return "" }
        switch base.result(name) {
        case .success(let before)? where before != now:
            return " [" + ValueText.format(before, in: definition.unit) + "]"
        case .failure?:
            return " [error]"
        default:
            return ""
        }
    }

    func valueText(_ name: String, _ definition: Definition) -> String {
        switch scenario.result(name) {
        case .success(let value)?: return ValueText.format(value, in: definition.unit)
        case .failure(let diagnostic)?: return "(error: \(diagnostic.message))"
        case nil: return "(no value)"
        }
    }

    /// The values a definition reads, in the order its formula mentions them (those read only
    /// inside a function's body come last, in model order).
    func childNames(_ definition: Definition) -> [String] {
        let reads = definition.reads
        guard !reads.isEmpty else { return [] }
        // Where each word of the formula first appears.
        var firstSeen: [String: Int] = [:]
        var word = ""
        for (index, character) in (definition.formula + " ").enumerated() {
            if character.isLetter || character.isNumber || character == "_" {
                word.append(character)
            } else {
                if !word.isEmpty, firstSeen[word] == nil { firstSeen[word] = index }
                word = ""
            }
        }
        func position(_ name: String) -> Int { firstSeen[name] ?? Int.max }
        let order = Dictionary(uniqueKeysWithValues: scenario.program.valueNames.enumerated().map { ($1, $0) })
        return reads.sorted { a, b in
            let pa = position(a), pb = position(b)
            return pa != pb ? pa < pb : (order[a] ?? 0) < (order[b] ?? 0)
        }
    }

    func calledFunctions(_ definition: Definition) -> [String] {
        definition.references.filter { scenario.program[$0]?.isFunction ?? false }.sorted()
    }

    func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
