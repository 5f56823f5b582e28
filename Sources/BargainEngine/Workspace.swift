import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainSemantics

/// Every scenario of a session, and the statements that change them.
///
/// A value type: `execute` works on a copy and only keeps it if the statement succeeds, so a
/// failed entry leaves the session exactly as it was. After each statement every scenario's
/// values are current (only what an edit touched is recomputed).
package struct Workspace: Sendable {
    package private(set) var scenarios: [String: Scenario]
    /// Scenario names in the order they were made, `baseline` first.
    package private(set) var scenarioOrder: [String] = ["baseline"]
    /// Where definitions at the prompt go (`use NAME`).
    package private(set) var current = "baseline"
    /// Outputs re-shown after every edit (`watch`).
    package var watches: [Watch] = []
    /// The seed `simulate` uses when it names none: the session's, which saved sessions record.
    package var seed: UInt64 = 0
    /// The significant digits cells show (`precision 6`): kept here, with the values, so that
    /// `:undo` takes it back with the cell that set it.
    package var displayDigits = QuantityFormat.defaultDigits
    /// Lets `sweep`, `solve`, `simulate` and the like stop early on Ctrl-C.
    package var cancellation: Cancellation = .never
    /// The values cells have shown, which `_` and `_N` read (the notebook keeps them current).
    package var cells = CellTable()
    /// Set once the model is in: inputs changed after that are marked as changed, even in baseline.
    private(set) var modelLoaded = false

    /// Marks the definitions so far as the model; later changes to its inputs are flagged.
    package mutating func markModelLoaded() {
        modelLoaded = true
        markFilesLoaded()
    }

    /// The scenarios as the model and scenario files left them, which `reset NAME` restores.
    private(set) var loadedScenarios: [String: Scenario] = [:]

    /// Baseline as the model file left it, to tell an edit that changes a value from one that
    /// puts back what was there.
    package var loadedBaseline: Scenario? { loadedScenarios[Workspace.baselineName] }

    /// Marks the scenarios so far as the files' (after the model, and again after scenario files).
    package mutating func markFilesLoaded() {
        loadedScenarios = scenarios
    }

    package static let baselineName = "baseline"

    package init() {
        scenarios = ["baseline": Scenario(name: "baseline", base: nil, program: Program(), runtime: Runtime())]
    }

    package var baseline: Scenario { scenarios[Workspace.baselineName]! }
    package var currentScenario: Scenario { scenarios[current] ?? baseline }

    package subscript(scenario name: String) -> Scenario? { scenarios[name] }

    /// The scenario of that name, or an error that suggests a close one and lists them all.
    package func scenario(named name: String, at span: Span? = nil) throws(Diagnostic) -> Scenario {
        guard let scenario = scenarios[name] else {
            throw Diagnostic(.unknownScenario, "unknown scenario `\(name)`", at: span,
                             help: Suggestions.hint(for: name, in: scenarioOrder) ?? "scenarios: " + scenarioOrder.joined(separator: ", "))
        }
        return scenario
    }

    // MARK: Changing the session

    /// Makes `name` the scenario later definitions go to.
    package mutating func use(_ name: Identifier) throws(Diagnostic) {
        current = try scenario(named: name.name, at: name.span).name
    }

    /// The comment after a scenario's name, shown with it.
    package mutating func setNote(_ note: String?, ofScenario name: String) {
        scenarios[name]?.note = note
    }

    /// Applies definitions to the current scenario and reports what each one now is.
    package mutating func define(_ statements: [Statement]) throws(Diagnostic) -> [Defined] {
        let scenarioName = current
        let before = scenarios[scenarioName]?.runtime
        let change = try apply(statements, to: scenarioName, asOverride: scenarioName != Workspace.baselineName)
        refresh()
        guard let scenario = scenarios[scenarioName] else { return [] }
        for name in change.names {
            if let failure = scenario.runtime.failures[name] { throw failure }
        }
        let broken = change.affected.compactMap { name -> (name: String, diagnostic: Diagnostic)? in
            guard !change.names.contains(name), let failure = scenario.runtime.failures[name],
                  scenario.program[name]?.isRequirement == false,
                  before?.failures[name] == nil else { return nil }
            return (name, failure)
        }
        let recomputed = scenario.runtime.evaluations - (before?.evaluations ?? 0)
        var outcomes: [Defined] = []
        for (index, name) in change.names.enumerated() {
            guard let definition = scenario.program[name] else { continue }
            switch definition.kind {
            case .function(let f):
                outcomes.append(.function(name: name, parameters: f.parameters.map(\.name)))
            case .requirement:
                outcomes.append(.requirement(name: name))
            case .value:
                guard case .success(let value)? = scenario.result(name) else {
                    // A requirement on the value itself (an input outside its domain) says why.
                    if case .failure(let failure)? = scenario.result(name) { throw failure }
                    throw Diagnostic(.dependencyFailed, "`\(name)` has no value", at: definition.span)
                }
                let last = index == change.names.count - 1
                outcomes.append(.value(.init(name: name, scenario: scenarioName, value: value, unit: definition.unit,
                                             recomputed: recomputed, broken: last ? broken : [])))
            }
        }
        return outcomes
    }

    /// Applies definitions to a scenario and, where they do not override them, to every scenario
    /// built on it.
    @discardableResult
    mutating func apply(_ statements: [Statement], to scenarioName: String, asOverride: Bool) throws(Diagnostic) -> Program.Change {
        guard var scenario = scenarios[scenarioName] else {
            throw Diagnostic(.unknownScenario, "unknown scenario `\(scenarioName)`", at: statements[0].span)
        }
        let change = try scenario.program.define(all: statements, cells: cells)
        for (name, statement) in zip(change.names, statements) {
            if asOverride { scenario.recordOverride(name, statement) }
            if modelLoaded, scenario.program[name]?.isInput ?? false { scenario.runtime.overridden.insert(name) }
        }
        scenario.runtime.invalidate(change)
        scenarios[scenarioName] = scenario
        for child in scenarioOrder where scenarios[child]?.base == scenarioName {
            guard let overrides = scenarios[child]?.overrides else { continue }
            let inherited = zip(change.names, statements).filter { overrides[$0.0] == nil }.map(\.1)
            guard !inherited.isEmpty else { continue }
            do {
                try apply(inherited, to: child, asOverride: false)
            } catch {
                throw error.noting("scenario `\(child)` starts from `\(scenarioName)`, and this change breaks it there")
            }
        }
        return change
    }

    /// Brings every scenario's values up to date.
    mutating func refresh() {
        for name in scenarioOrder {
            guard var scenario = scenarios[name], !scenario.runtime.dirty.isEmpty else { continue }
            scenarios[name] = nil  // keep the runtime uniquely referenced while it updates
            scenario.runtime.updateAll(in: scenario.program)
            scenarios[name] = scenario
        }
    }

    // MARK: Scenarios

    /// Makes (or remakes) a scenario from its base and its own statements; returns its base.
    package mutating func makeScenario(_ name: Identifier, base baseName: Identifier?, body: [Statement]) throws(Diagnostic) -> String {
        let base = baseName?.name ?? Workspace.baselineName
        if name.name == Workspace.baselineName {
            throw Diagnostic(.reservedName, "`baseline` is the model as loaded and cannot be redefined", at: name.span,
                             help: "to change the model itself, define names outside any scenario")
        }
        _ = try scenario(named: base, at: baseName?.span ?? name.span)
        if base == name.name || ancestors(of: base).contains(name.name) {
            throw Diagnostic(.cycle, "`\(name.name)` cannot start from `\(base)`, which starts from it", at: baseName?.span ?? name.span)
        }
        try build(name.name, base: base, body: body)
        if !scenarioOrder.contains(name.name) { scenarioOrder.append(name.name) }
        try rebuildDescendants(of: name.name)
        refresh()
        return base
    }

    /// (Re)creates a scenario from its base and its own statements.
    mutating func build(_ name: String, base: String, body: [Statement]) throws(Diagnostic) {
        guard let parent = scenarios[base] else { return }
        var scenario = Scenario(name: name, base: base, program: parent.program, runtime: parent.runtime)
        for statement in body {
            let target = Workspace.definedName(statement)
            if let target, scenario.program[target.name] == nil {
                throw Diagnostic(.unknownName, "`\(target.name)` is not defined in `\(base)`, so `\(name)` cannot override it",
                                 at: target.span, help: Suggestions.hint(for: target.name, in: scenario.program.knownNames)
                                    ?? "a scenario changes existing definitions; define new names outside it")
            }
        }
        do {
            let change = try scenario.program.define(all: body, cells: cells)
            for (defined, statement) in zip(change.names, body) { scenario.recordOverride(defined, statement) }
            scenario.runtime.invalidate(change)
        } catch {
            throw error.noting("in scenario `\(name)`")
        }
        scenarios[name] = scenario
    }

    /// Rebuilds every scenario made from this one, after it was replaced.
    mutating func rebuildDescendants(of name: String) throws(Diagnostic) {
        for child in scenarioOrder where scenarios[child]?.base == name {
            guard let old = scenarios[child] else { continue }
            try build(child, base: name, body: old.overrideOrder.compactMap { old.overrides[$0] })
            try rebuildDescendants(of: child)
        }
    }

    func ancestors(of name: String) -> [String] {
        var chain: [String] = []
        var next = scenarios[name]?.base
        while let current = next, !chain.contains(current) {
            chain.append(current)
            next = scenarios[current]?.base
        }
        return chain
    }

    static func definedName(_ statement: Statement) -> Identifier? {
        switch statement.kind {
        case .define(let id, _), .function(let id, _, _): return id
        default: return nil
        }
    }

    // MARK: Values

    /// Checks and evaluates an expression in the current scenario (it may read other scenarios).
    package func evaluate(_ expr: Expr, in scenarioName: String? = nil) throws(Diagnostic) -> (Value, UnitProduct) {
        let checked = try check(expr, in: scenarioName)
        return (try run(checked, in: scenarioName), checked.displayUnit)
    }

    /// Checks an expression against a scenario's definitions (and other scenarios, for `s.name`).
    package func check(_ expr: Expr, in scenarioName: String? = nil) throws(Diagnostic) -> CheckedExpr {
        let scenario = scenarios[scenarioName ?? current] ?? baseline
        var checker = Checker(scope: WorkspaceScope(workspace: self, program: scenario.program), allowScoped: true)
        return try checker.check(expr)
    }

    /// Evaluates a checked expression against a scenario's current values.
    package func run(_ checked: CheckedExpr, in scenarioName: String? = nil) throws(Diagnostic) -> Value {
        let scenario = scenarios[scenarioName ?? current] ?? baseline
        var inputs: [ValueKey: [Double]] = [:]
        let output = try KernelCompiler.compile(checked).run { (input: Kernel.Input) throws(Diagnostic) -> [Double] in
            let owner = scenarios[input.key.scenario ?? scenario.name] ?? scenario
            switch owner.result(input.key.name) {
            case .success(let value)?:
                inputs[input.key] = value.numbers
                return value.numbers
            case .failure(let failure)?:
                throw failure.noting("needed for `\(input.key)`")
            case nil:
                throw Diagnostic(.dependencyFailed, "`\(input.key)` has no value", at: checked.span)
            }
        }
        if output.contains(where: \.isNaN) {
            let known = inputs
            var locator = ErrorLocator { known[$0] }
            throw locator.locate(checked) ?? Diagnostic(.notANumber, "this has no value", at: checked.span)
        }
        return Value(output, as: checked.type)
    }

    /// The value of a name in a scenario (the current one by default).
    package func value(of name: String, in scenarioName: String? = nil) -> Result<Value, Diagnostic>? {
        scenarios[scenarioName ?? current]?.result(name)
    }
}

extension Workspace {
    /// `unit shift = 8 h`: a unit of the model's own, in every scenario (a unit means the same
    /// everywhere), its size fixed when it is defined. Returns the size and the unit it was
    /// given in; nil for `unit bed`, a base unit of a dimension of its own.
    package mutating func defineUnit(_ name: Identifier, _ size: Expr?) throws(Diagnostic) -> (Double, UnitProduct)? {
        guard name.name.first?.isLetter == true, !name.name.hasPrefix("_") else {
            throw Diagnostic(.reservedName, "a unit's name starts with a letter", at: name.span)
        }
        let id: UnitID
        var given: (Double, UnitProduct)?
        if let size {
            let (value, unit) = try evaluate(size)
            guard case .number(let x) = value, x.isFinite, x > 0 else {
                throw Diagnostic(.domain, "a unit's size is one quantity more than zero, such as `8 h`", at: size.span,
                                 help: "`unit \(name.name)` alone makes a unit of a dimension of its own, as beds or rooms are")
            }
            id = UnitID(defining: name.name, dimension: unit.dimension, factor: x, meaning: size.span.text)
            given = (x, unit)
        } else {
            id = UnitID(defining: name.name, dimension: Dimension(declaring: name.name), factor: 1, meaning: "a dimension of its own")
        }
        var next = scenarios
        for scenarioName in scenarioOrder {
            guard var scenario = next[scenarioName] else { continue }
            try scenario.program.define(unit: id, at: name.span)
            next[scenarioName] = scenario
        }
        scenarios = next
        return given
    }
}

extension Workspace {
    /// `reset NAME`: the scenario as its file left it (its own definitions, those typed since
    /// dropped); `reset baseline`: the model's value back for every input edited since. Returns
    /// the names restored.
    package mutating func reset(_ id: Identifier) throws(Diagnostic) -> [String] {
        guard let loaded = loadedScenarios[id.name] else {
            throw Diagnostic(.unknownScenario, scenarios[id.name] == nil ? "unknown scenario `\(id.name)`"
                             : "`\(id.name)` was made here, not loaded from a file: there is nothing to reset it to", at: id.span,
                             help: scenarios[id.name] == nil ? Suggestions.hint(for: id.name, in: scenarioOrder) : "define it again with `scenario \(id.name) from … { … }`")
        }
        guard let baseName = loaded.base else {
            var statements: [Statement] = []
            for input in baseline.program.valueNames where baseline.runtime.overridden.contains(input) {
                guard let definition = loaded.program[input], case .value(let expr) = definition.kind,
                      case .success(let was)? = loaded.result(input), baseline.result(input).map({ (try? $0.get()) != was }) ?? true else { continue }
                statements.append(Statement(kind: .define(Identifier(name: input, span: expr.span), expr), span: definition.span))
            }
            guard !statements.isEmpty else { return [] }
            let using = current
            current = Workspace.baselineName
            defer { current = using }
            _ = try define(statements)
            return statements.compactMap { if case .define(let name, _) = $0.kind { name.name } else { nil } }
        }
        let body = loaded.overrideOrder.compactMap { loaded.overrides[$0] }
        _ = try makeScenario(Identifier(name: id.name, span: id.span), base: Identifier(name: baseName, span: id.span), body: body)
        setNote(loaded.note, ofScenario: id.name)
        return loaded.overrideOrder
    }
}

/// Name lookup for an expression at the prompt: the current scenario's definitions, and other
/// scenarios for `scenario.name`.
struct WorkspaceScope: CheckScope {
    let workspace: Workspace
    let program: Program

    func valueSignature(_ name: String) -> (type: ValueType, unit: UnitProduct, keepsUnit: Bool)? { program.valueSignature(name) }
    func function(_ name: String) -> FunctionDefinition? { program.function(name) }
    func scenario(_ name: String) -> (any CheckScope)? { workspace.scenarios[name]?.program }
    func unit(_ name: String) -> UnitID? { program.unit(name) }
    func cell(_ name: String, at span: Span) throws(Diagnostic) -> CellBinding? { try workspace.cells.binding(name, at: span) }
    var knownNames: [String] { program.knownNames }
    var knownScenarios: [String] { workspace.scenarioOrder }
}
