import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainSemantics
import BargainEngine

/// The one path every statement takes, from the prompt, a script, a session replay or a model
/// file: definitions go to the engine, analysis statements to their analysis, and each gives an
/// `Outcome` (data) for Rendering.
extension Workspace {
    /// Runs statements as one edit: consecutive definitions are checked together (so lists that
    /// go together can change length together), and on any error nothing changes.
    package mutating func execute(all statements: [Statement]) throws(Diagnostic) -> [Outcome] {
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
        case .define, .function, .require, .scenario, .use, .unit, .reset: return true
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
            return try define(statements).map { defined in
                switch defined {
                case .value(var value):
                    value.reaches = ScenarioSummary.fileScenariosCarrying(value.name, edited: value.scenario, in: self)
                    return .definition(value)
                case .function(let name, let parameters): return .function(name: name, parameters: parameters)
                case .requirement(let name): return .requirement(name: name)
                }
            }
        case .evaluate(let expr):
            let (value, unit) = try evaluate(expr)
            return [.value(of: expr, value: value, unit: unit)]
        case .scenario(let name, let base, let body):
            let baseName = try makeScenario(name, base: base, body: body)
            setNote(Definition.trailingComment(after: Span(statement.span.source, name.span.start, name.span.end)), ofScenario: name.name)
            return [.scenario(name: name.name, base: baseName, overrides: scenarios[name.name]?.overrideOrder ?? [])]
        case .use(let name):
            try use(name)
            return [.use(scenario: name.name)]
        case .compare(let names, let outputs):
            return [.table(try Compare.table(self, scenarios: names, outputs: outputs, at: statement.span))]
        case .explain(let name, let scenario, let depth):
            return [.explanation(try Explain.explain(self, name: name, scenario: scenario, depth: depth))]
        case .watch(let outputs):
            return [try watch(outputs)]
        case .unwatch(let outputs):
            return [try unwatch(outputs)]
        case .sweep(let axes, let outputs):
            return try Sweep.tables(self, axes: axes, outputs: outputs, cancel: cancellation).map(Outcome.table)
        case .solve(let input, let output, let relation, let target, let range):
            return [try Solve.solve(self, input: input, output: output, relation: relation, target: target,
                                    range: range, cancel: cancellation)]
        case .diff(let a, let b, let outputs):
            return [.table(try Diff.table(self, a, b, outputs: outputs, cancel: cancellation))]
        case .sensitivity(let output, let over, let by, let scenario):
            return [.table(try Sensitivity.table(self, output: output, over: over, by: by, in: scenario, cancel: cancellation))]
        case .globalSensitivity(let output, let samples, let seed, let scenario):
            return [.table(try GlobalSensitivity.table(self, output: output, samples: samples, seed: seed, in: scenario, cancel: cancellation))]
        case .simulate(let count, let seed, let outputs):
            return [.table(try Simulate.table(self, count: count, seed: seed, outputs: outputs, cancel: cancellation))]
        case .chart(let series, let floor):
            return [.charts(try TimeChart.charts(self, series, from: floor))]
        case .optimize(let goal, let objective, let levers, let constraints, let scenario, let seed):
            return [.optimized(try Optimize.optimize(self, goal: goal, objective: objective, levers: levers, constraints: constraints,
                                                     scenario: scenario, seed: seed, cancel: cancellation))]
        case .frontier(let first, let second, let levers, let constraints, let scenario, let points):
            return try Frontier.tables(self, first: first, second: second, levers: levers, constraints: constraints,
                                       scenario: scenario, points: points, cancel: cancellation).map(Outcome.table)
        case .unit(let name, let size):
            guard let (value, unit) = try defineUnit(name, size) else { return [.baseUnit(name: name.name)] }
            return [.unit(name: name.name, size: value, unit: unit)]
        case .reset(let name):
            let restored = try reset(name)
            let carried = ScenarioSummary.carriedEdits(self, of: name.name).map { "\($0.name) = \($0.value)" }
            return [.reset(scenario: name.name, restored: restored, stillCarried: carried)]
        case .precision(let expr):
            displayDigits = Int(try Simulate.wholeNumber(self, expr, "`precision`", Double(QuantityFormat.digitRange.lowerBound)...Double(QuantityFormat.digitRange.upperBound)))
            return [.precision(digits: displayDigits)]
        case .importFile(_, let pathSpan):
            throw Diagnostic(.badStatement, "`import` reads another file into a model, and only a model file may hold one", at: pathSpan,
                             help: "load the model that imports it: `bargain --model FILE`; at the prompt, `:load FILE` loads scenarios")
        case .scenarioFromCell(_, let cell):
            throw Diagnostic(.unknownName, "`scenario NAME = \(cell.name)` reads the levers a cell found, and there are no cells here", at: cell.span,
                             help: "write the scenario out: `scenario NAME from baseline { lever = value }`")
        }
    }
}
