import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainEngine

/// `optimize minimize contract_total_cost over hires in 0..600 staff step 1 staff, … such that
/// max(return_wait_by_year) <= 10 bd, …`: the best package of levers that meets every
/// constraint (see `Optimizer` for how it is found), each constraint's slack, what loosening
/// each by one step would gain, and how sure the search is.
enum Optimize {
    /// Regions the refinement starts from: enough to see a second optimum if there is one.
    static let starts = 4

    static func optimize(_ workspace: Workspace, goal: OptimizeGoal, objective: Expr, levers: [Lever], constraints: [Constraint],
                         scenario: Identifier?, seed seedExpr: Expr?, cancel: Cancellation) throws(Diagnostic) -> Optimization {
        if let scenario { _ = try workspace.scenario(named: scenario.name, at: scenario.span) }
        defer { cancel.progress("") }
        let context = AnalysisContext(workspace, scenario: scenario?.name)
        let problem = try LeverProblem(context, objectives: [objective], levers: levers, constraints: constraints)
        let seed = try seedExpr.map { e throws(Diagnostic) in UInt64(try Simulate.wholeNumber(workspace, e, "the seed", 0...9e15)) } ?? 1
        var optimizer = Optimizer(box: problem.box, scoring: Scoring(sign: goal == .minimize ? 1 : -1, bounds: problem.bounds),
                                  seed: seed, cancel: cancel, evaluate: { points throws(Diagnostic) in try problem.evaluate(points, cancel: cancel) })
        let sample = try optimizer.spaceFillingSample(count: LeverProblem.sampleSize(levers: levers.count), including: problem.start)
        optimizer.scoring.bounds = problem.scaled(problem.bounds, by: sample)
        optimizer.sample = sample.map { Evaluated(point: $0.point, outputs: $0.outputs, score: optimizer.scoring.score($0.outputs)) }
        let results = try optimizer.refineFromBest(of: optimizer.sample, starts: starts, extra: [])
        let best = results[0]
        guard best.score.feasible else { throw infeasible(best, problem, objective: objective, levers: levers) }

        let box = problem.box
        let tolerance = 1e-9 * Swift.max(1, Swift.abs(best.score.objective))
        func same(_ other: Evaluated) -> Bool {
            box.distance(other.point, best.point) <= 0.02 || Swift.abs(other.score.objective - best.score.objective) <= tolerance
        }
        let agreeing = results.filter(same).count
        let runnerUp = results.dropFirst().first { $0.score.feasible && !same($0) }
        let ties = (optimizer.sample + results).filter {
            $0.score.feasible && Swift.abs($0.score.objective - best.score.objective) <= tolerance && box.distance($0.point, best.point) > 0.05
        }.count

        // Each constraint loosened by one step, the others as they are.
        let scaledBounds = optimizer.scoring.bounds
        var states: [Optimization.ConstraintState] = []
        for (n, constraint) in constraints.enumerated() {
            let bound = problem.bounds[n]
            let step = relaxationStep(bound.bound, unit: problem.units[bound.output])
            let relaxed = bound.atMost ? bound.bound + step : bound.bound - step
            var moved = scaledBounds
            moved[n].bound = relaxed
            var gain: Double? = nil
            if let better = try optimizer.reoptimize(bounds: moved, from: best.point), better.score.feasible {
                let improvement = best.score.objective - better.score.objective
                gain = improvement > tolerance ? improvement : 0
            }
            states.append(Optimization.ConstraintState(
                text: constraint.span.text, output: problem.labels[bound.output], relation: constraint.relation, bound: bound.bound,
                unit: problem.units[bound.output], value: best.outputs[bound.output], relaxedBound: relaxed, gain: gain))
        }
        // A lever at an end of its range: would one step past it do better?
        optimizer.scoring.bounds = scaledBounds
        var leverValues: [Optimization.LeverValue] = []
        for i in problem.levers.indices {
            var beyond: (Double, Double)? = nil
            let step = box.steps[i] ?? (box.upper[i] - box.lower[i]) / 100
            let atLow = best.point[i] <= box.lower[i], atHigh = best.point[i] >= box.upper[i]
            if step > 0, atLow || atHigh {
                var point = best.point
                point[i] += atLow ? -step : step
                if let past = try optimizer.run([point]).first, past.score.feasible, past.score.objective < best.score.objective - tolerance {
                    beyond = (point[i], best.score.objective - past.score.objective)
                }
            }
            leverValues.append(Optimization.LeverValue(name: problem.levers[i].name, value: best.point[i], unit: problem.levers[i].unit,
                                                       low: box.lower[i], high: box.upper[i], step: box.steps[i], beyond: beyond))
        }
        return Optimization(goal: goal, objective: objective.span.text, objectiveUnit: problem.units[0], objectiveValue: best.outputs[0],
                            levers: leverValues, constraints: states, scenario: context.scenario.name,
                            evaluations: optimizer.evaluations, starts: results.count, startsAgreeing: agreeing,
                            runnerUp: runnerUp.map { ($0.point, $0.outputs[0]) }, ties: ties, seed: seed)
    }

    /// One step of a bound, as a negotiator would move it: a tenth of its order of magnitude in
    /// the unit it is shown in (10 bd to 11 bd, 90% to 89%, $50M to $51M).
    static func relaxationStep(_ bound: Double, unit: UnitProduct) -> Double {
        let shown = Swift.abs(bound) / unit.factor
        guard shown > 0, shown.isFinite else { return unit.factor }
        var magnitude = 1.0
        while magnitude * 10 <= shown { magnitude *= 10 }
        while magnitude > shown { magnitude /= 10 }
        return (shown < 10 ? magnitude : magnitude / 10) * unit.factor
    }

    /// Nothing meets every constraint: the package closest to doing so, and what it misses by.
    static func infeasible(_ closest: Evaluated, _ problem: LeverProblem, objective: Expr, levers: [Lever]) -> Diagnostic {
        let ranges = levers.map { "\($0.input.name) in \($0.low.span.text)..\($0.high.span.text)" }.joined(separator: ", ")
        if closest.score.violation == .greatestFiniteMagnitude || closest.score.violation == .infinity,
           let failure = problem.failure(at: closest.point) {
            var diagnostic = Diagnostic(.noSolution, "the model has no value for any package tried (\(ranges))", at: objective.span)
            diagnostic = diagnostic.noting("for example: " + failure.message)
            diagnostic.help = "narrow the levers' ranges to where the model has a value"
            return diagnostic
        }
        let worst = problem.bounds.indices.max { problem.bounds[$0].shortfall(closest.outputs[problem.bounds[$0].output])
            < problem.bounds[$1].shortfall(closest.outputs[problem.bounds[$1].output]) }
        let span = worst.map { problem.constraints[$0].span } ?? objective.span
        var diagnostic = Diagnostic(.noSolution, "no package with \(ranges) meets every constraint", at: span,
                                    label: worst == nil ? nil : "fails by the most")
        let package = problem.levers.indices.map { "\(problem.levers[$0].name) = \(QuantityFormat.format(closest.point[$0], in: problem.levers[$0].unit))" }
        diagnostic = diagnostic.noting("the closest package: " + package.joined(separator: ", "))
        for (n, bound) in problem.bounds.enumerated() {
            let value = closest.outputs[bound.output], unit = problem.units[bound.output]
            guard value.isFinite else {
                diagnostic = diagnostic.noting("there \(problem.constraints[n].output.span.text) has no value")
                continue
            }
            let miss = bound.atMost ? value - bound.bound : bound.bound - value
            guard miss > 0 else { continue }
            diagnostic = diagnostic.noting("there \(problem.constraints[n].output.span.text) = \(QuantityFormat.format(value, in: unit)), "
                + "\(QuantityFormat.format(miss, in: unit)) \(bound.atMost ? "over" : "under") its bound of \(QuantityFormat.format(bound.bound, in: unit))")
        }
        diagnostic.help = "widen the levers' ranges, add a lever, or loosen a constraint"
        return diagnostic
    }
}

