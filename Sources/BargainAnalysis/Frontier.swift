import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainEngine

/// `frontier contract_total_cost vs max(return_wait_by_year) over hires in 0..600 staff, …`: the
/// packages no other package beats on both outputs (Pareto-efficient), as a table and a chart,
/// with every named scenario set against them: "your proposal costs $X more than an efficient
/// package with waits no longer".
///
/// Found in two passes: a space-filling sample of the levers' box, whose non-dominated points
/// sketch the curve; then, at evenly spaced levels of the second output, the best first output
/// with the second held to that level (the ε-constraint method), refined by the optimiser from
/// the nearest sample point. Points are where they were computed; nothing is interpolated.
enum Frontier {
    static let defaultPoints = 25

    static func tables(_ workspace: Workspace, first: Objective, second: Objective, levers: [Lever], constraints: [Constraint],
                       scenario: Identifier?, points pointsExpr: Expr?, cancel: Cancellation) throws(Diagnostic) -> [Table] {
        if let scenario { _ = try workspace.scenario(named: scenario.name, at: scenario.span) }
        defer { cancel.progress("") }
        let context = AnalysisContext(workspace, scenario: scenario?.name)
        let problem = try LeverProblem(context, objectives: [first.output, second.output], levers: levers, constraints: constraints)
        var wanted = defaultPoints
        if let pointsExpr { wanted = Int(try Simulate.wholeNumber(workspace, pointsExpr, "`points`", 2...2000)) }
        let signA = first.goal == .minimize ? 1.0 : -1.0, signB = second.goal == .minimize ? 1.0 : -1.0
        // Output 0 is the one optimised; output 1 is held to a level by an extra bound.
        var optimizer = Optimizer(box: problem.box, scoring: Scoring(sign: signA, bounds: problem.bounds), seed: 1, cancel: cancel,
                                  evaluate: { points throws(Diagnostic) in try problem.evaluate(points, cancel: cancel) })
        let sample = try optimizer.spaceFillingSample(count: Swift.max(LeverProblem.sampleSize(levers: levers.count), 8 * wanted),
                                                      including: problem.start)
        let bounds = problem.scaled(problem.bounds, by: sample)
        optimizer.scoring.bounds = bounds
        let feasible = sample.filter { optimizer.scoring.score($0.outputs).feasible && $0.outputs[1].isFinite }
        guard !feasible.isEmpty else {
            let best = sample.min { optimizer.scoring.score($0.outputs) < optimizer.scoring.score($1.outputs) }!
            throw Optimize.infeasible(Evaluated(point: best.point, outputs: best.outputs, score: optimizer.scoring.score(best.outputs)),
                                      problem, objective: first.output, levers: levers)
        }
        let sketch = nonDominated(feasible, signA, signB)
        let levelsB = sketch.map { signB * $0.outputs[1] }
        var found = sketch
        if let low = levelsB.min(), let high = levelsB.max(), high > low {
            let spread = high - low
            // The levels are independent searches: run them on every core.
            let levels = (0..<wanted).map { low + spread * Double($0) / Double(wanted - 1) }
            let refined = try Self.refineLevels(levels, sketch: sketch, problem: problem, bounds: bounds, signA: signA, signB: signB,
                                                spread: spread, cancel: cancel)
            found += refined.points
            optimizer.evaluations += refined.evaluations
        }
        var frontier = nonDominated(found, signA, signB)
        frontier = thin(frontier, to: wanted, signB: signB)

        // Each scenario against an efficient package held to exactly its second output, started
        // from the frontier and from the scenario's own levers (so a scenario that moves only
        // these levers is never "better than efficient").
        var compared: [Compared] = []
        for (name, a, b) in scenarioValues(workspace, first: first, second: second) {
            var held = bounds
            held.append(OutputBound(output: 1, atMost: signB > 0, bound: b, scale: Swift.max(Swift.abs(b), 1e-300)))
            optimizer.scoring.bounds = held
            let own = problem.levers.map { workspace[scenario: name]?.result($0.name).flatMap { try? $0.get().scalar } ?? .nan }
            var starts = frontier.map { Evaluated(point: $0.point, outputs: $0.outputs, score: optimizer.scoring.score($0.outputs)) }
            if own.allSatisfy(\.isFinite) { starts += try optimizer.run([own]) }
            var efficient: Evaluated? = nil
            if let start = starts.min(by: { $0.score < $1.score }), start.score.feasible {
                efficient = try optimizer.refine(start, stream: 5000 + UInt32(compared.count), radius: 0.05, finest: 1e-6)
            }
            compared.append(Compared(name: name, a: a, b: b, efficient: efficient))
        }
        optimizer.scoring.bounds = bounds
        return [frontierTable(frontier, problem, first: first, second: second, evaluations: optimizer.evaluations,
                              scenarioMarks: compared.map { Chart.Mark($0.name, x: $0.b, y: $0.a) }),
                scenariosTable(compared, problem, first: first, second: second, searched: context.scenario.name)]
    }

    /// A scenario's two outputs, and the efficient package with its second output no worse.
    struct Compared {
        let name: String
        let a: Double
        let b: Double
        let efficient: Evaluated?
    }

    /// At each level of the second output, the best first output with the second held to it,
    /// refined from the sketch point best under that level. Levels are spread over the cores;
    /// each has its own seeded stream, so the answer does not depend on how many there are.
    static func refineLevels(_ levels: [Double], sketch: [Evaluated], problem: LeverProblem, bounds: [OutputBound], signA: Double,
                             signB: Double, spread: Double, cancel: Cancellation) throws(Diagnostic) -> (points: [Evaluated], evaluations: Int) {
        let finished = ParallelMap.Counter()
        let results = ParallelMap.run(levels.count) { k -> Result<(Evaluated?, Int), Diagnostic> in
            defer { cancel.progress("frontier: \(finished.increment()) of \(levels.count) levels refined (Ctrl-C stops)") }
            var held = bounds
            held.append(OutputBound(output: 1, atMost: signB > 0, bound: signB * levels[k], scale: spread))
            var optimizer = Optimizer(box: problem.box, scoring: Scoring(sign: signA, bounds: held), seed: 1, cancel: cancel,
                                      evaluate: { points throws(Diagnostic) in try problem.evaluate(points, cancel: cancel) })
            let starts = sketch.map { Evaluated(point: $0.point, outputs: $0.outputs, score: optimizer.scoring.score($0.outputs)) }
            guard let start = starts.min(by: { $0.score < $1.score }) else { return .success((nil, 0)) }
            do throws(Diagnostic) {
                let refined = try optimizer.refine(start, stream: UInt32(1000 + k), radius: 0.03, finest: 1e-6)
                return .success((refined.score.feasible ? refined : nil, optimizer.evaluations))
            } catch {
                return .failure(error)
            }
        }
        var points: [Evaluated] = [], evaluations = 0
        for result in results {
            let (point, count) = try result.get()
            if let point { points.append(point) }
            evaluations += count
        }
        return (points, evaluations)
    }

    /// The points no other point beats on both outputs (and equals on neither), by the second output.
    static func nonDominated(_ points: [Evaluated], _ signA: Double, _ signB: Double) -> [Evaluated] {
        let sorted = points.filter { $0.outputs[0].isFinite && $0.outputs[1].isFinite }
            .sorted { (signB * $0.outputs[1], signA * $0.outputs[0]) < (signB * $1.outputs[1], signA * $1.outputs[0]) }
        var kept: [Evaluated] = []
        var bestA = Double.infinity
        for point in sorted where signA * point.outputs[0] < bestA {
            kept.append(point)
            bestA = signA * point.outputs[0]
        }
        return kept
    }

    /// At most `count` points, spread evenly along the second output, both ends kept.
    static func thin(_ points: [Evaluated], to count: Int, signB: Double) -> [Evaluated] {
        guard points.count > count, let first = points.first, let last = points.last else { return points }
        let low = signB * first.outputs[1], high = signB * last.outputs[1]
        var kept: [Evaluated] = []
        var used = Set<Int>()
        for k in 0..<count {
            let level = low + (high - low) * Double(k) / Double(count - 1)
            let nearest = points.indices.min { Swift.abs(signB * points[$0].outputs[1] - level) < Swift.abs(signB * points[$1].outputs[1] - level) }!
            if used.insert(nearest).inserted { kept.append(points[nearest]) }
        }
        return kept
    }

    /// Each named scenario's two outputs, where it has them.
    static func scenarioValues(_ workspace: Workspace, first: Objective, second: Objective) -> [(name: String, a: Double, b: Double)] {
        workspace.scenarioOrder.compactMap { name in
            guard let a = try? workspace.evaluate(first.output, in: name).0.scalar,
                  let b = try? workspace.evaluate(second.output, in: name).0.scalar, a.isFinite, b.isFinite else { return nil }
            return (name, a, b)
        }
    }

    static func frontierTable(_ frontier: [Evaluated], _ problem: LeverProblem, first: Objective, second: Objective,
                              evaluations: Int, scenarioMarks: [Chart.Mark]) -> Table {
        var columns = problem.levers.map { Table.Column($0.name, unit: $0.unit) }
        columns.append(Table.Column(problem.labels[0], unit: problem.units[0]))
        columns.append(Table.Column(problem.labels[1], unit: problem.units[1]))
        var table = Table(columns: columns)
        for point in frontier {
            var row = problem.levers.indices.map { Table.Cell.quantity(point.point[$0], problem.levers[$0].unit) }
            row.append(.quantity(point.outputs[0], problem.units[0]))
            row.append(.quantity(point.outputs[1], problem.units[1]))
            table.rows.append(row)
        }
        let aim = first.goal == .minimize ? "lowest" : "highest"
        table.title = "frontier: \(frontier.count) efficient packages, each with the \(aim) \(problem.labels[0]) for its \(problem.labels[1])"
        table.notes = ["no package beats one of these on both outputs; \(QuantityFormat.number(Double(evaluations))) evaluations",
                       "changing only " + problem.levers.map(\.name).joined(separator: ", ") + " from \(problem.context.scenario.name)"]
        table.charts = [Chart(.scatter(points: frontier.map { ($0.outputs[1], $0.outputs[0]) }, marks: scenarioMarks),
                              title: "\(problem.labels[0]) against \(problem.labels[1])",
                              xLabel: "\(problem.labels[1]) (\(problem.units[1]))", yLabel: "\(problem.labels[0]) (\(problem.units[0]))",
                              unit: problem.units[0], xUnit: problem.units[1])]
        return table
    }

    /// Each scenario against the frontier: the efficient package whose second output is no
    /// worse than the scenario's, and how far the scenario is from it.
    static func scenariosTable(_ compared: [Compared], _ problem: LeverProblem, first: Objective, second: Objective,
                               searched: String) -> Table {
        let signA = first.goal == .minimize ? 1.0 : -1.0
        let unitA = problem.units[0], unitB = problem.units[1]
        var columns = [Table.Column("scenario"), Table.Column(problem.labels[0], unit: unitA), Table.Column(problem.labels[1], unit: unitB),
                       Table.Column("efficient \(problem.labels[0])", unit: unitA), Table.Column("over efficient", unit: unitA)]
        columns += problem.levers.map { Table.Column("efficient \($0.name)", unit: $0.unit) }
        var table = Table(columns: columns)
        var better = false
        for scenario in compared {
            guard let efficient = scenario.efficient else {
                table.rows.append([.text(scenario.name), .quantity(scenario.a, unitA), .quantity(scenario.b, unitB), .text("none as good"), .empty]
                                  + problem.levers.map { _ in .empty })
                continue
            }
            var over = signA * (scenario.a - efficient.outputs[0])
            if Swift.abs(over) <= 1e-9 * Swift.max(1, Swift.abs(scenario.a)) { over = 0 }
            better = better || over < 0
            table.rows.append([.text(scenario.name), .quantity(scenario.a, unitA), .quantity(scenario.b, unitB),
                               .quantity(efficient.outputs[0], unitA), .change(over, unitA)]
                              + problem.levers.indices.map { .quantity(efficient.point[$0], problem.levers[$0].unit) })
        }
        let worse = first.goal == .minimize ? "more" : "less"
        table.title = "each scenario against the frontier: the efficient package with \(problem.labels[1]) no worse, and how much \(worse) \(problem.labels[0]) the scenario takes"
        table.notes = ["efficient packages move only " + problem.levers.map(\.name).joined(separator: ", ") + " from \(searched)"]
        if better {
            table.notes.append("a scenario below its efficient package does better than any package of these levers alone: it changes other inputs too")
        }
        return table
    }
}
