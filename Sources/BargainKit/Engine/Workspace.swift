/// Every scenario of a session, and the statements that change them.
///
/// A value type: `execute` works on a copy and only keeps it if the statement succeeds, so a
/// failed entry leaves the session exactly as it was. After each statement every scenario's
/// values are current (only what an edit touched is recomputed).
public struct Workspace: Sendable {
    public private(set) var scenarios: [String: Scenario]
    /// Scenario names in the order they were made, `baseline` first.
    public private(set) var scenarioOrder: [String] = ["baseline"]
    /// Where definitions at the prompt go (`use NAME`).
    public private(set) var current = "baseline"
    /// Outputs re-shown after every edit (`watch`).
    public internal(set) var watches: [Watch] = []
    /// The seed `simulate` uses when it names none: the session's, which saved sessions record.
    public var seed: UInt64 = 0
    /// Lets `sweep`, `solve`, `simulate` and the like stop early on Ctrl-C.
    public var cancellation: Cancellation = .never
    /// Set once the model is in: inputs changed after that are marked as changed, even in baseline.
    public private(set) var modelLoaded = false

    /// Marks the definitions so far as the model; later changes to its inputs are flagged.
    public mutating func markModelLoaded() {
        modelLoaded = true
    }

    public static let baselineName = "baseline"

    public init() {
        scenarios = ["baseline": Scenario(name: "baseline", base: nil, program: Program(), runtime: Runtime())]
    }

    public var baseline: Scenario { scenarios[Workspace.baselineName]! }
    public var currentScenario: Scenario { scenarios[current] ?? baseline }

    public subscript(scenario name: String) -> Scenario? { scenarios[name] }

    /// The scenario of that name, or an error that suggests a close one and lists them all.
    public func scenario(named name: String, at span: Span? = nil) throws(Diagnostic) -> Scenario {
        guard let scenario = scenarios[name] else {
            throw Diagnostic(.unknownScenario, "unknown scenario `\(name)`", at: span,
                             help: Suggestions.hint(for: name, in: scenarioOrder) ?? "scenarios: " + scenarioOrder.joined(separator: ", "))
        }
        return scenario
    }

    // MARK: Running statements

    /// Runs statements as one edit: consecutive definitions are checked together (so lists that
    /// go together can change length together), and on any error nothing changes.
    public mutating func execute(all statements: [Statement]) throws(Diagnostic) -> [Outcome] {
        var next = self
        var outcomes: [Outcome] = []
        let watching = !watches.isEmpty && statements.contains(where: Workspace.changesValues)
        let before = watching ? watchValues() : []
        var group: [Statement] = []
        for statement in statements {
            if Workspace.isDefinition(statement) {
                group.append(statement)
                continue
            }
            if !group.isEmpty { outcomes += try next.perform(group) }
            group = []
            outcomes += try next.perform([statement])
        }
        if !group.isEmpty { outcomes += try next.perform(group) }
        if watching {
            let after = next.watchValues()
            outcomes.append(.watched(after.map { now in
                WatchRow(label: now.label, unit: now.unit, before: before.first { $0.label == now.label }?.value, after: now.value)
            }))
        }
        self = next
        return outcomes
    }

    /// Statements after which watched values are shown again.
    static func changesValues(_ statement: Statement) -> Bool {
        switch statement.kind {
        case .define, .function, .require, .scenario, .use: return true
        default: return false
        }
    }

    static func isDefinition(_ statement: Statement) -> Bool {
        switch statement.kind {
        case .define, .function, .require: return true
        default: return false
        }
    }

    mutating func perform(_ statements: [Statement]) throws(Diagnostic) -> [Outcome] {
        guard let statement = statements.first else { return [] }
        switch statement.kind {
        case .define, .function, .require:
            return try define(statements)
        case .evaluate(let expr):
            let (value, unit) = try evaluate(expr)
            return [.value(label: Workspace.label(of: expr), value: value, unit: unit)]
        case .scenario(let name, let base, let body):
            let outcome = try makeScenario(name, base: base, body: body)
            scenarios[name.name]?.note = Definition.trailingComment(after: Span(statement.span.source, name.span.start, name.span.end))
            return [outcome]
        case .use(let name):
            current = try scenario(named: name.name, at: name.span).name
            return [.use(scenario: name.name)]
        case .compare(let names, let outputs):
            return [.table(try Compare.table(self, scenarios: names, outputs: outputs, at: statement.span))]
        case .explain(let name, let scenario, let depth):
            return [.report(try Explain.report(self, name: name, scenario: scenario, depth: depth))]
        case .watch(let outputs):
            return [try watch(outputs)]
        case .unwatch(let outputs):
            return [try unwatch(outputs)]
        case .sweep(let axes, let outputs):
            return [.table(try Sweep.table(self, axes: axes, outputs: outputs, cancel: cancellation))]
        case .solve(let input, let output, let relation, let target, let range):
            return [try Solve.solve(self, input: input, output: output, relation: relation, target: target,
                                    range: range, cancel: cancellation)]
        case .diff(let a, let b, let outputs):
            return [.table(try Diff.table(self, a, b, outputs: outputs, cancel: cancellation))]
        case .sensitivity(let output, let over, let by):
            return [.table(try Sensitivity.table(self, output: output, over: over, by: by, cancel: cancellation))]
        case .simulate(let count, let seed, let outputs):
            return [.table(try Simulate.table(self, count: count, seed: seed, outputs: outputs, cancel: cancellation))]
        }
    }

    /// The name shown before an expression's value: `fte = …` for `fte` or `fte in FTE`.
    static func label(of expr: Expr) -> String? {
        switch expr.kind {
        case .identifier(let name): return name
        case .scoped(let scenario, _, let name, _): return "\(scenario).\(name)"
        case .convert(let inner, _): return label(of: inner)
        case .constant(let name, _, _): return name
        default: return nil
        }
    }

    mutating func define(_ statements: [Statement]) throws(Diagnostic) -> [Outcome] {
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
        var outcomes: [Outcome] = []
        for (index, name) in change.names.enumerated() {
            guard let definition = scenario.program[name] else { continue }
            switch definition.kind {
            case .function(let f):
                outcomes.append(.function(name: name, parameters: f.parameters.map(\.name)))
            case .requirement:
                outcomes.append(.requirement(name: name))
            case .value:
                guard case .success(let value)? = scenario.result(name) else {
                    throw Diagnostic(.dependencyFailed, "`\(name)` has no value", at: definition.span)
                }
                let last = index == change.names.count - 1
                outcomes.append(.definition(.init(name: name, scenario: scenarioName, value: value, unit: definition.unit,
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
        let change = try scenario.program.define(all: statements)
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

    mutating func makeScenario(_ name: Identifier, base baseName: Identifier?, body: [Statement]) throws(Diagnostic) -> Outcome {
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
        return .scenario(name: name.name, base: base, overrides: scenarios[name.name]?.overrideOrder ?? [])
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
            let change = try scenario.program.define(all: body)
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
    public func evaluate(_ expr: Expr, in scenarioName: String? = nil) throws(Diagnostic) -> (Value, UnitProduct) {
        let checked = try check(expr, in: scenarioName)
        return (try run(checked, in: scenarioName), checked.displayUnit)
    }

    /// Checks an expression against a scenario's definitions (and other scenarios, for `s.name`).
    public func check(_ expr: Expr, in scenarioName: String? = nil) throws(Diagnostic) -> CheckedExpr {
        let scenario = scenarios[scenarioName ?? current] ?? baseline
        var checker = Checker(scope: WorkspaceScope(workspace: self, program: scenario.program), allowScoped: true)
        return try checker.check(expr)
    }

    /// Evaluates a checked expression against a scenario's current values.
    public func run(_ checked: CheckedExpr, in scenarioName: String? = nil) throws(Diagnostic) -> Value {
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
    public func value(of name: String, in scenarioName: String? = nil) -> Result<Value, Diagnostic>? {
        scenarios[scenarioName ?? current]?.result(name)
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
    var knownNames: [String] { program.knownNames }
    var knownScenarios: [String] { workspace.scenarioOrder }
}
