import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainSemantics
import BargainEngine

/// The values of a plan's outputs at many points (sweep values, coalitions, draws).
struct VariantResults {
    /// values[output][point], in base units; NaN where the point failed.
    var values: [[Double]]
    /// Why each failing point failed, by point.
    var failures: [Int: Diagnostic] = [:]

    var failedCount: Int { failures.count }
}

/// Runs a plan at many points, a block of lanes at a time, and collects the results.
enum Variants {
    /// `set` fills one lane's parameters for a point; `seed` turns on sampling (draw = point).
    static func run(_ plan: Plan, count: Int, seed: UInt64? = nil, cancel: Cancellation = .never,
                    explainFailures: Int = 3, set: (inout PlanRunner, _ point: Int, _ lane: Int) -> Void) throws(Diagnostic) -> VariantResults {
        let lanes = min(256, max(1, count))
        var runner = PlanRunner(plan: plan, lanes: lanes)
        var results = VariantResults(values: Array(repeating: [Double](repeating: .nan, count: count), count: plan.outputs.count))
        var start = 0
        while start < count {
            try cancel.checkpoint()
            let n = min(lanes, count - start)
            for lane in 0..<n { set(&runner, start + lane, lane) }
            runner.run(sampler: seed.map { SeededSampler(seed: $0, firstDraw: UInt64(start)) })
            for lane in 0..<n {
                if runner.failed(lane: lane) {
                    if results.failures.count < explainFailures {
                        results.failures[start + lane] = runner.diagnose(lane: lane)
                    } else {
                        results.failures[start + lane] = Diagnostic(.notANumber, "no value")
                    }
                    continue
                }
                for output in plan.outputs.indices {
                    results.values[output][start + lane] = runner.output(output, lane: lane)
                }
            }
            start += n
        }
        return results
    }
}

/// Turning the statement's pieces into plan parts: outputs, and values in an input's unit.
struct AnalysisContext {
    let workspace: Workspace
    let scenario: Scenario

    init(_ workspace: Workspace, scenario name: String? = nil) {
        self.workspace = workspace
        self.scenario = workspace[scenario: name ?? workspace.current] ?? workspace.baseline
    }

    /// A plan output for an expression: a bare name reads the definition; anything else is compiled.
    /// Outputs must be single numbers.
    func output(_ expr: Expr) throws(Diagnostic) -> (PlanOutput, UnitProduct) {
        if case .identifier(let name) = expr.kind, let definition = scenario.program[name], !definition.isFunction {
            guard case .number = definition.type else {
                let help: String?
                switch definition.type {
                case .series?: help = "reduce it to one number: `max(\(name))`, `mean(\(name))`, `last(\(name))` or a week, `\(name)[52]`"
                case .list?: help = "pick one entry: `\(name)[1]`, or `sum(\(name))`"
                default: help = nil
                }
                throw Diagnostic(.typeMismatch, "`\(name)` is not a single number", at: expr.span, help: help)
            }
            return (.name(name), definition.unit)
        }
        let checked = try workspace.check(expr, in: scenario.name)
        guard case .number = checked.type else {
            throw Diagnostic(.typeMismatch, "an output here must be a single number, not \(checked.type)", at: expr.span)
        }
        return (.expression(label: expr.span.text, checked), checked.displayUnit)
    }

    /// The dimension of a plan output, for reading a value given for it (a target, a bound).
    func dimension(of output: PlanOutput) -> Dimension {
        switch output {
        case .name(let name): return scenario.program[name]?.type?.dimension ?? .none
        case .expression(_, let checked): return checked.type.dimension ?? .none
        }
    }

    /// Outputs with each by-year list written out as its years, `return_wait_by_year[1]` …, so
    /// a sweep, a diff or a simulation shows every contract year; a series is left for
    /// `output` to refuse (208 columns help nobody at the prompt: `max(x)`, `x[52]`).
    func byYearEntries(_ outputs: [Expr]) throws(Diagnostic) -> [Expr] {
        var expanded: [Expr] = []
        for expr in outputs {
            let type: ValueType?
            if case .identifier(let name) = expr.kind, let definition = scenario.program[name], !definition.isFunction {
                type = definition.type
            } else if case .call("P", _, _) = expr.kind {
                type = nil
            } else {
                type = try workspace.check(expr, in: scenario.name).type
            }
            guard case .list(_, let years)? = type, years > 0 else {
                expanded.append(expr)
                continue
            }
            let text = expr.span.text
            let written: String
            switch expr.kind {
            case .identifier, .scoped, .call: written = text
            default: written = "(\(text))"
            }
            for year in 1...years {
                expanded += try Parser.parseExpressionList(Source(name: expr.span.source.name, text: "\(written)[\(year)]"))
            }
        }
        return expanded
    }

    /// A value given for an output (a solve's target, a chart's axis start), in base units: a
    /// quantity of the output's dimension, or a bare number taken in the output's unit.
    func value(_ expr: Expr, asA dimension: Dimension, bareIn unit: UnitProduct, role: String, of output: String) throws(Diagnostic) -> Double {
        let checked = try workspace.check(expr, in: scenario.name)
        let value = try workspace.run(checked, in: scenario.name).scalar ?? .nan
        guard let base = checked.baseValue(value, asA: dimension, bareIn: unit) else {
            throw Diagnostic(.dimensionMismatch, "\(role) is \(checked.displayUnit.isOne ? "a plain number" : checked.displayUnit.description), but `\(output)` is in \(unit)",
                             at: expr.span, help: "write it in \(unit)")
        }
        return base
    }

    /// An input that can be varied: a definition holding one number.
    func input(_ id: Identifier) throws(Diagnostic) -> Definition {
        switch scenario.program.numberDefinition(id.name) {
        case .number(let definition, _): return definition
        case .unknown:
            throw Diagnostic(.unknownName, "unknown name `\(id.name)`", at: id.span,
                             help: Suggestions.hint(for: id.name, in: scenario.program.knownNames))
        case .notOneNumber(let definition):
            throw Diagnostic(.typeMismatch, "`\(id.name)` holds \(definition.type?.description ?? "no value"), not one number",
                             at: id.span, help: "only an input holding a single number can be varied")
        }
    }

    /// A value for an input, in base units: a quantity in the input's unit, or a bare number
    /// taken in the input's own unit (`sweep layoffs from 0 to 600 step 100`).
    func value(_ expr: Expr, for input: Definition) throws(Diagnostic) -> Double {
        let checked = try workspace.check(expr, in: scenario.name)
        guard case .number(let dimension) = checked.type else {
            throw Diagnostic(.typeMismatch, "expected a single number for `\(input.name)`", at: expr.span)
        }
        let value = try workspace.run(checked, in: scenario.name).scalar ?? .nan
        if let base = checked.baseValue(value, asA: input.type?.dimension ?? .none, bareIn: input.unit) { return base }
        throw Diagnostic(.dimensionMismatch, "`\(input.name)` is in \(input.unit), not \(checked.unit.isOne ? dimension.description : checked.unit.description)",
                         at: expr.span, help: "write it in \(input.unit), such as `\(expr.span.text) \(input.unit)`")
    }
}
