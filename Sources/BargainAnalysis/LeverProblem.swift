import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainSemantics
import BargainEngine

/// What `optimize` and `frontier` share: the levers as a box in base units, the outputs to
/// compute (the objectives first, then each constrained output), the constraints as bounds on
/// those outputs, and a plan that evaluates a batch of packages at once.
struct LeverProblem {
    let context: AnalysisContext
    let levers: [Definition]
    let box: LeverBox
    /// The levers' values in the scenario, clamped into the box: the search's first point.
    let start: [Double]
    /// Objectives, then constrained outputs; each with its unit and its label as written.
    let outputs: [PlanOutput]
    let units: [UnitProduct]
    let labels: [String]
    let bounds: [OutputBound]
    let constraints: [Constraint]
    let plan: Plan

    init(_ context: AnalysisContext, objectives: [Expr], levers syntax: [Lever], constraints: [Constraint]) throws(Diagnostic) {
        self.context = context
        guard !syntax.isEmpty else { throw Diagnostic(.badStatement, "give at least one lever after `over`") }
        if syntax.count > 12 {
            throw Diagnostic(.limit, "at most 12 levers at once", at: syntax[12].input.span.to(syntax.last!.high.span),
                             help: "fix the others in the scenario, or search in stages")
        }
        var definitions: [Definition] = []
        var lower: [Double] = [], upper: [Double] = [], steps: [Double?] = []
        for lever in syntax {
            let input = try context.input(lever.input)
            let low = try context.value(lever.low, for: input), high = try context.value(lever.high, for: input)
            guard low.isFinite, high.isFinite, low <= high else {
                throw Diagnostic(.domain, "the range of `\(input.name)` must run from a lower value to a higher one",
                                 at: lever.low.span.to(lever.high.span))
            }
            var step: Double? = nil
            if let stepExpr = lever.step {
                let value = try context.value(stepExpr, for: input)
                guard value > 0, value.isFinite else {
                    throw Diagnostic(.domain, "a step must be more than zero", at: stepExpr.span)
                }
                guard (high - low) / value <= 1e9 else {
                    throw Diagnostic(.limit, "more than a billion steps from \(lever.low.span.text) to \(lever.high.span.text)", at: stepExpr.span)
                }
                step = value
            }
            definitions.append(input)
            lower.append(low)
            upper.append(high)
            steps.append(step)
        }
        levers = definitions
        box = LeverBox(lower: lower, upper: upper, steps: steps)
        start = box.snap(definitions.indices.map { i in context.scenario.result(definitions[i].name).flatMap { try? $0.get().scalar } ?? lower[i] })

        var outputs: [PlanOutput] = [], units: [UnitProduct] = [], labels: [String] = []
        for objective in objectives {
            let (output, unit) = try context.output(objective)
            outputs.append(output)
            units.append(unit)
            labels.append(objective.span.text)
        }
        var bounds: [OutputBound] = []
        for constraint in constraints {
            let (output, unit) = try context.output(constraint.output)
            let bound = try context.value(constraint.bound, asA: context.dimension(of: output), bareIn: unit, role: "the bound", of: constraint.output.span.text)
            guard bound.isFinite else { throw Diagnostic(.domain, "a bound must be a finite number", at: constraint.bound.span) }
            bounds.append(OutputBound(output: outputs.count, atMost: constraint.relation == .atMost, bound: bound,
                                      scale: Swift.max(Swift.abs(bound), 1e-300)))
            outputs.append(output)
            units.append(unit)
            labels.append(constraint.output.span.text)
        }
        self.outputs = outputs
        self.units = units
        self.labels = labels
        self.bounds = bounds
        self.constraints = constraints
        plan = try Plan.compile(context.scenario, outputs: outputs, parameters: definitions.map(\.name))
    }

    /// Each point's outputs, a block of lanes at a time; NaN where the model has no value.
    func evaluate(_ points: [[Double]], cancel: Cancellation) throws(Diagnostic) -> [[Double]] {
        let results = try Variants.run(plan, count: points.count, cancel: cancel, explainFailures: 0) { runner, point, lane in
            for (i, value) in points[point].enumerated() { runner.set(parameter: i, lane: lane, to: value) }
        }
        return points.indices.map { p in results.values.indices.map { results.values[$0][p] } }
    }

    /// Why the model has no value at a point, for saying so when nothing has one.
    func failure(at point: [Double]) -> Diagnostic? {
        var runner = PlanRunner(plan: plan, lanes: 1)
        for (i, value) in point.enumerated() { runner.set(parameter: i, lane: 0, to: value) }
        runner.run()
        return runner.failed(lane: 0) ? runner.diagnose(lane: 0) : nil
    }

    /// Shortfalls as fractions of their own scale: once the sample shows how far each output
    /// moves, a shortfall is measured against that spread, so a cost constraint in dollars and a
    /// wait in days weigh alike.
    func scaled(_ bounds: [OutputBound], by sample: [Evaluated]) -> [OutputBound] {
        bounds.map { bound in
            let seen = sample.map { $0.outputs[bound.output] }.filter(\.isFinite)
            var scaled = bound
            if let low = seen.min(), let high = seen.max(), high > low { scaled.scale = high - low }
            return scaled
        }
    }

    /// How many packages the first sample evaluates: more levers, more points.
    static func sampleSize(levers: Int) -> Int { Swift.min(8192, Swift.max(1024, 512 * levers)) }
}
