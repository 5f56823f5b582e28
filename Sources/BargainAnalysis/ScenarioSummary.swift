import BargainDiagnostics
import BargainUnits
import BargainEngine

/// What a scenario changes from its base, input by input with the model's basis for each, and
/// whether it still matches the file it came from. An exhibit's reader sees a proposal's column
/// and must know when it is not the proposal as written: a baseline edit (`strike_days = 50 bd`)
/// carries into every scenario built on baseline, and an edit at the prompt changes the scenario itself.
package struct ScenarioSummary: Sendable {
    package struct Change: Sendable {
        package let name: String
        /// The value here, and in the base scenario, as the prompt shows them.
        package let value: String
        package let baseValue: String?
        /// `S` sourced, `D` derived, `A` assumption: the letter the model's comment starts with.
        package let basis: String?
        /// The rest of the model's comment: where the number comes from.
        package let basisNote: String?
        /// The file the definition came from, or nil when it was typed at the prompt.
        package let file: String?
    }

    /// An input of baseline edited since the model was loaded, which this scenario now carries.
    package struct CarriedEdit: Sendable {
        package let name: String
        package let value: String
    }

    package let name: String
    package let base: String?
    /// The comment on the scenario's line (`# illustrative employer proposal`).
    package let note: String?
    /// The file the scenario was defined in, or nil for one made at the prompt.
    package let file: String?
    package let changes: [Change]
    /// Baseline's edits this scenario carries (for baseline itself: its own edits since the model).
    package let carried: [CarriedEdit]
    /// What was set at the prompt, to another value than its file gave, in a scenario that came from a file.
    let editedHere: [String]

    /// Whether the scenario is still what its file says (always, for one made at the prompt, and
    /// for baseline: its edits are the session's own and listed as such).
    var matchesItsFile: Bool { file == nil || base == nil || (carried.isEmpty && editedHere.isEmpty) }

    /// Why the scenario no longer matches its file, in one sentence; nil when it does.
    package var mismatch: String? {
        guard let file, !matchesItsFile else { return nil }
        var reasons: [String] = []
        if !carried.isEmpty {
            reasons.append("carries edits made to baseline since the model was loaded (\(carried.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")))")
        }
        if !editedHere.isEmpty { reasons.append("was edited after loading (\(editedHere.joined(separator: ", ")))") }
        return "\(name) no longer matches \(file): it " + reasons.joined(separator: " and ")
    }

    /// Every scenario of the workspace in the order they were made, baseline first. `loaded` is
    /// the workspace as the files left it: an edit that puts a value back (`strike_days = 0 bd`
    /// after 50) is no edit there.
    package static func all(_ workspace: Workspace, loaded: Workspace? = nil, modelFile: String?) -> [ScenarioSummary] {
        workspace.scenarioOrder.compactMap { summary(workspace, $0, loaded: loaded, modelFile: modelFile) }
    }

    static func summary(_ workspace: Workspace, _ name: String, loaded: Workspace?, modelFile: String?) -> ScenarioSummary? {
        guard let scenario = workspace[scenario: name] else { return nil }
        let model = workspace.baseline.program
        guard let baseName = scenario.base else {
            // Baseline is the model; what it changes is what was edited since the model was loaded.
            let edits = carriedEdits(workspace, of: name, inheritedOnly: false)
            return ScenarioSummary(name: name, base: nil, note: nil, file: modelFile, changes: [], carried: edits, editedHere: [])
        }
        let base = workspace[scenario: baseName]
        var changes: [Change] = []
        for key in scenario.overrideOrder {
            guard let definition = scenario.program[key] else { continue }
            let comment = model[key]?.comment
            let (basis, basisNote) = split(comment)
            let source = scenario.overrides[key]?.span.source.name
            changes.append(Change(name: key, value: valueText(scenario, key, definition.unit),
                                  baseValue: base.map { valueText($0, key, definition.unit) }, basis: basis, basisNote: basisNote,
                                  file: source.flatMap { $0.hasPrefix("<") ? nil : $0 }))
        }
        let file = changes.lazy.compactMap(\.file).first
        let edited = file == nil ? [] : changes.filter { change in
            guard change.file == nil else { return false }
            guard let before = loaded?[scenario: name], let now = scenario.result(change.name) else { return true }
            return !(before.result(change.name).map { same($0, now) } ?? false)
        }.map(\.name)
        let carried = carriedEdits(workspace, of: name, inheritedOnly: true)
        return ScenarioSummary(name: name, base: baseName, note: scenario.note, file: file, changes: changes,
                               carried: carried, editedHere: edited)
    }

    /// The scenarios from a file that an edit of `input` in baseline reaches (nothing between
    /// them and baseline sets it): after `strike_days = 50 bd` the proposals strike too, and no
    /// longer match their file. None when the edit puts back the model's value.
    package static func fileScenariosCarrying(_ input: String, edited scenarioName: String, in workspace: Workspace) -> [String] {
        guard scenarioName == Workspace.baselineName, let loaded = workspace.loadedBaseline,
              workspace.baseline.program[input]?.isInput == true else { return [] }
        // A name the model did not have reaches nothing built from a file; a value put back changes nothing.
        guard case .success(let before)? = loaded.result(input) else { return [] }
        if case .success(let now)? = workspace.baseline.result(input), before == now { return [] }
        return workspace.scenarioOrder.filter { name in
            guard name != Workspace.baselineName, var scenario = workspace[scenario: name] else { return false }
            guard scenario.overrides.values.contains(where: { !$0.span.source.name.hasPrefix("<") }) else { return false }
            while true {
                if scenario.overrides[input] != nil { return false }
                guard let baseName = scenario.base, let base = workspace[scenario: baseName] else { return true }
                scenario = base
            }
        }
    }

    /// Baseline's inputs edited since the model was loaded that `name` follows: nothing between it
    /// and baseline sets them itself. After `strike_days = 50 bd` at baseline the proposals strike too.
    /// With `inheritedOnly` false and `name` baseline, baseline's own edits.
    static func carriedEdits(_ workspace: Workspace, of name: String, inheritedOnly: Bool = true) -> [CarriedEdit] {
        guard let scenario = workspace[scenario: name] else { return [] }
        if inheritedOnly, scenario.base == nil { return [] }
        var own = Set(scenario.overrides.keys)
        var root = scenario
        while let baseName = root.base, let base = workspace[scenario: baseName] {
            if base.base != nil { own.formUnion(base.overrides.keys) }
            root = base
        }
        var carried: [CarriedEdit] = []
        guard !root.runtime.overridden.isEmpty else { return carried }
        for input in root.program.valueNames where root.runtime.overridden.contains(input) && !own.contains(input) {
            // A name the model did not have changes nothing built on it; one set back to the model's value changes nothing.
            if let loaded = workspace.loadedBaseline, root.name == loaded.name {
                guard case .success(let before)? = loaded.result(input) else { continue }
                if case .success(let now)? = root.result(input), now == before { continue }
            }
            if case .success(let value)? = root.result(input), let definition = root.program[input] {
                carried.append(CarriedEdit(name: input, value: ValueText.format(value, in: definition.unit)))
            }
        }
        return carried
    }

    static func same(_ a: Result<Value, Diagnostic>, _ b: Result<Value, Diagnostic>) -> Bool {
        if case .success(let x) = a, case .success(let y) = b { return x == y }
        return false
    }

    static func valueText(_ scenario: Scenario, _ name: String, _ unit: UnitProduct) -> String {
        switch scenario.result(name) {
        case .success(let value)?: return ValueText.format(value, in: unit)
        case .failure?: return "no value"
        case nil: return "not defined"
        }
    }

    /// `S: NUHW, …` is basis S with its note; the model also writes `S/A:`, `lever:` (on the
    /// table) and `lever/A:`. A comment without such a prefix is all note.
    static func split(_ comment: String?) -> (String?, String?) {
        guard let comment, let colon = comment.firstIndex(of: ":") else { return (nil, comment) }
        let prefix = comment[..<colon]
        let marks: Set<Substring> = ["S", "D", "A", "lever"]
        guard !prefix.isEmpty, prefix.split(separator: "/", omittingEmptySubsequences: false).allSatisfy(marks.contains) else {
            return (nil, comment)
        }
        let note = comment[comment.index(after: colon)...].trimmingCharacters(in: " \t")
        return (String(prefix), note.isEmpty ? nil : note)
    }
}
