import BargainDiagnostics
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
    var lines: [Explanation.Line] = []

    static func explain(_ workspace: Workspace, name: Identifier, scenario id: Identifier?, depth: Int?) throws(Diagnostic) -> Explanation {
        let scenarioName = id?.name ?? workspace.current
        let scenario = try workspace.scenario(named: scenarioName, at: id?.span ?? name.span)
        guard let definition = scenario.program[name.name], !definition.isRequirement else {
            throw Diagnostic(.unknownName, "unknown name `\(name.name)`", at: name.span,
                             help: Suggestions.hint(for: name.name, in: scenario.program.knownNames))
        }
        var explain = Explain(scenario: scenario, base: scenario.base.flatMap { workspace[scenario: $0] },
                              maxDepth: depth ?? .max)
        if definition.isFunction {
            explain.lines.append(Explanation.Line(branches: [], item: .function(formula: definition.formula)))
        } else {
            explain.visit(name.name, branches: [], depth: 0)
        }
        var explanation = Explanation(lines: explain.lines, scenario: scenarioName, base: scenario.base)
        explanation.carried = ScenarioSummary.carriedEdits(workspace, of: scenarioName).map { "\($0.name) = \($0.value)" }
        return explanation
    }

    /// Adds `name` and, depth allowing, what it reads; `branches` places it in the tree.
    mutating func visit(_ name: String, branches: [Bool], depth: Int) {
        guard let definition = scenario.program[name] else { return }
        let children = childNames(definition)
        func line(_ detail: Explanation.Detail) -> Explanation.Line {
            Explanation.Line(branches: branches, item: .name(Explanation.Name(
                name: name, value: scenario.result(name), unit: definition.unit, before: previousValue(name),
                setHere: scenario.overrides[name] != nil, detail: detail)))
        }
        if seen.contains(name) {
            lines.append(line(.shownAbove(hasChildren: !children.isEmpty)))
            return
        }
        seen.insert(name)
        if definition.isInput {
            lines.append(line(.input(comment: definition.comment)))
            return
        }
        lines.append(line(.formula(definition.formula)))
        guard depth + 1 < maxDepth else {
            if !children.isEmpty {
                let moved = children.first { previousValue($0) != nil } ?? children[0]
                lines.append(Explanation.Line(branches: branches + [true], item: .more(count: children.count, next: moved)))
            }
            return
        }
        let functions = calledFunctions(definition)
        for function in functions where !seen.contains("fn " + function) {
            seen.insert("fn " + function)
            if let f = scenario.program[function] {
                let last = children.isEmpty && function == functions.last
                lines.append(Explanation.Line(branches: branches + [last], item: .function(formula: f.formula)))
            }
        }
        for (index, child) in children.enumerated() {
            visit(child, branches: branches + [index == children.count - 1], depth: depth + 1)
        }
    }

    /// The base scenario's value when it differs from this one's (nil when the same, or no base).
    func previousValue(_ name: String) -> Explanation.Before? {
        guard let base, case .success(let now)? = scenario.result(name) else { return nil }
        switch base.result(name) {
        case .success(let before)? where before != now: return .value(before)
        case .failure?: return .error
        default: return nil
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
}
