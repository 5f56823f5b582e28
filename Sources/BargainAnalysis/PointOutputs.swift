import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainSemantics
import BargainEngine

/// Outputs at many points of some inputs, for `sweep` and `solve`, where an output may also be
/// `P(condition)`: the share of draws of the uncertain inputs in which the condition holds
/// ("the chance of breaching the standard as outsourcing varies"). Other outputs are computed at
/// the uncertain inputs' medians, as everywhere else. Every point uses the same draws (draw k is
/// the same at each point), so a chance that moves from point to point moves because of the
/// input, not because of noise.
struct PointOutputs {
    /// Draws per point for a `P(…)`: a standard error of at most 0.8 percentage points.
    static let draws = 4_000
    /// Points × draws one statement may ask for.
    static let maxDraws = 4_000_000

    let plain: Plan?
    let chance: Plan?
    /// For each output, in order: whether it is a `P(…)`, and its index in its plan.
    let slots: [(isChance: Bool, index: Int)]
    let units: [UnitProduct]
    let seed: UInt64
    let cancel: Cancellation

    init(_ context: AnalysisContext, outputs: [Expr], parameters: [String], cancel: Cancellation) throws(Diagnostic) {
        var plainOutputs: [PlanOutput] = [], chanceOutputs: [PlanOutput] = []
        var slots: [(Bool, Int)] = [], units: [UnitProduct] = []
        for expr in outputs {
            if let condition = try context.probabilityCondition(expr) {
                slots.append((true, chanceOutputs.count))
                chanceOutputs.append(.expression(label: expr.span.text, condition))
                units.append(.percent)
            } else {
                let (output, unit) = try context.output(expr)
                slots.append((false, plainOutputs.count))
                plainOutputs.append(output)
                units.append(unit)
            }
        }
        plain = plainOutputs.isEmpty ? nil : try Plan.compile(context.scenario, outputs: plainOutputs, parameters: parameters)
        chance = chanceOutputs.isEmpty ? nil : try Plan.compile(context.scenario, outputs: chanceOutputs, parameters: parameters, sampling: true)
        self.slots = slots
        self.units = units
        seed = context.workspace.seed
        self.cancel = cancel
    }

    var hasChances: Bool { chance != nil }

    /// Refuses a statement that would draw too many times.
    func checkSize(points: Int, at span: Span) throws(Diagnostic) {
        guard hasChances, points * Self.draws > Self.maxDraws else { return }
        throw Diagnostic(.limit, "P(…) draws \(QuantityFormat.grouped(UInt64(Self.draws))) times at each point: \(QuantityFormat.grouped(UInt64(points))) points is too many",
                         at: span, help: "at most \(QuantityFormat.grouped(UInt64(Self.maxDraws / Self.draws))) points with a P(…); take a larger step")
    }

    /// values[output][point], in base units (a chance as a share); NaN where there is no value,
    /// and failures (of the plain outputs, by point).
    func run(_ points: [[Double]], explainFailures: Int = 3) throws(Diagnostic) -> VariantResults {
        var values = Array(repeating: [Double](repeating: .nan, count: points.count), count: slots.count)
        var failures: [Int: Diagnostic] = [:]
        if let plain {
            let results = try Variants.run(plain, count: points.count, cancel: cancel, explainFailures: explainFailures) { runner, point, lane in
                for (i, x) in points[point].enumerated() { runner.set(parameter: i, lane: lane, to: x) }
            }
            for (o, slot) in slots.enumerated() where !slot.isChance { values[o] = results.values[slot.index] }
            failures = results.failures
        }
        if let chance {
            for (p, point) in points.enumerated() {
                let results = try Variants.run(chance, count: Self.draws, seed: seed, cancel: cancel, explainFailures: explainFailures) { runner, _, lane in
                    for (i, x) in point.enumerated() { runner.set(parameter: i, lane: lane, to: x) }
                }
                for (o, slot) in slots.enumerated() where slot.isChance {
                    let held = results.values[slot.index].filter { !$0.isNaN }
                    values[o][p] = held.isEmpty ? .nan : held.reduce(0, +) / Double(held.count)
                }
                if failures[p] == nil, let first = results.failures.min(by: { $0.key < $1.key })?.value, results.failedCount == Self.draws {
                    failures[p] = first
                }
            }
        }
        return VariantResults(values: values, failures: failures)
    }

    /// A note for tables and solutions that use a chance.
    var chanceNote: String? {
        guard let chance else { return nil }
        let inputs = chance.sampled.isEmpty ? "no uncertain input feeds it, so each P(…) is 0% or 100%" : "over " + chance.sampled.joined(separator: ", ")
        return "P(…) is the share of \(QuantityFormat.grouped(UInt64(Self.draws))) draws at each point (the same draws at every point, seed \(seed)), \(inputs); the other outputs are at the uncertain inputs' medians"
    }
}

extension AnalysisContext {
    /// The condition of `P(condition)`, checked; nil when the expression is not one (or the
    /// model defines a `P` of its own).
    func probabilityCondition(_ expr: Expr) throws(Diagnostic) -> CheckedExpr? {
        guard case .call("P", _, let args) = expr.kind, args.count == 1, scenario.program["P"] == nil else { return nil }
        let condition = try workspace.check(args[0], in: scenario.name)
        guard condition.type == .boolean else {
            throw Diagnostic(.typeMismatch, "`P(…)` takes a condition, such as `P(return_wait > 10 bd)`", at: args[0].span)
        }
        return condition
    }
}
