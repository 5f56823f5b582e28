import Foundation
import Testing
@testable import BargainDiagnostics
@testable import BargainUnits
@testable import BargainSyntax
@testable import BargainEngine
@testable import BargainAnalysis
@testable import BargainRendering
@testable import BargainNotebook

/// `optimize`, `frontier` and `solve`'s sets, on problems whose answers are known by hand, and
/// on the default model against brute force.
@Suite struct OptimizeTests {
    func optimum(_ code: String, model: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) -> Optimization? {
        guard case .optimized(let o)? = lastOutcome(code, model: model, sourceLocation: sourceLocation) else {
            Issue.record("not an optimum", sourceLocation: sourceLocation)
            return nil
        }
        return o
    }

    func failure(_ code: String, model: Bool = false) -> Diagnostic? {
        var notebook = model ? loadedModel() : Notebook()
        if case .failure(let diagnostic)? = notebook.submit(code).results.last?.result { return diagnostic }
        return nil
    }

    @Test func smoothBowl() throws {
        let o = try #require(optimum("""
            x = 0
            y = 0
            f = (x - 3)^2 + (y + 1)^2 + 2
            optimize minimize f over x in -10..10, y in -10..10
            """))
        #expect(abs(o.levers[0].value - 3) < 1e-4)
        #expect(abs(o.levers[1].value + 1) < 1e-4)
        #expect(abs(o.objectiveValue - 2) < 1e-8)
        #expect(o.startsAgreeing == o.starts, "every region reaches the one minimum")
    }

    @Test func kinkedAndMaximised() throws {
        // A tent with its peak on a kink at x = 2.5, y = 7: no gradient anywhere near it.
        let o = try #require(optimum("""
            x = 0
            y = 0
            g = 10 - max(x - 2.5, 2.5 - x) - 2 * max(y - 7, 7 - y)
            optimize maximize g over x in 0..10, y in 0..10
            """))
        #expect(abs(o.levers[0].value - 2.5) < 1e-4)
        #expect(abs(o.levers[1].value - 7) < 1e-4)
        #expect(abs(o.objectiveValue - 10) < 1e-3)
    }

    @Test func bindingConstraintAndWhatLooseningItGains() throws {
        // Minimise x + y with x·y >= 4: x = y = 2, cost 4; loosened to x·y >= 3, cost 2√3.
        let o = try #require(optimum("""
            x = 1
            y = 1
            cost = x + y
            area = x * y
            optimize minimize cost over x in 0.1..10, y in 0.1..10 such that area >= 4
            """))
        #expect(abs(o.objectiveValue - 4) < 1e-4)
        let state = try #require(o.constraints.first)
        #expect(state.binds)
        #expect(state.relaxedBound == 3)
        #expect(abs((state.gain ?? 0) - (4 - 2 * 3.0.squareRoot())) < 1e-3)
        #expect(abs(state.slack) < 1e-4)
    }

    @Test func slackConstraintDoesNotBind() throws {
        let o = try #require(optimum("""
            x = 1
            cost = (x - 2)^2
            optimize minimize cost over x in 0..10 such that x <= 8
            """))
        #expect(abs(o.levers[0].value - 2) < 1e-4)
        #expect(o.constraints[0].binds == false)
        #expect(abs(o.constraints[0].slack - 6) < 1e-3)
    }

    @Test func heldByTheRangeSaysSo() throws {
        // Unbounded below: the range is what stops it, and the answer says what one step past would give.
        let o = try #require(optimum("""
            x = 5
            optimize minimize x over x in 0..10
            """))
        #expect(o.levers[0].value == 0)
        let beyond = try #require(o.levers[0].beyond)
        #expect(abs(beyond.value + 0.1) < 1e-12)
        #expect(OptimizationText.render(o).contains("held by the low end of its range"))
    }

    @Test func flatOptimumIsReportedAsTies() throws {
        let o = try #require(optimum("""
            x = 5
            f = max(x, 6)
            optimize minimize f over x in 0..10
            """))
        #expect(o.objectiveValue == 6)
        #expect(o.ties > 0)
        #expect(OptimizationText.render(o).contains("flat:"))
    }

    @Test func stepsGiveWholeValues() throws {
        let o = try #require(optimum("""
            n = 0 staff
            f = (n - 12.4 staff)^2 / (1 staff^2)
            optimize minimize f over n in 0 staff..40 staff step 1 staff
            """))
        #expect(o.levers[0].value == 12)
    }

    @Test func infeasibleShowsTheClosestPackage() throws {
        let diagnostic = try #require(failure("""
            x = 1
            y = 1
            optimize minimize x over x in 0..10, y in 0..5 such that x + y >= 20
            """))
        #expect(diagnostic.code == .noSolution)
        #expect(diagnostic.message.contains("meets every constraint"))
        #expect(diagnostic.notes.contains { $0.contains("the closest package: x = 10, y = 5") })
        #expect(diagnostic.notes.contains { $0.contains("5 under its bound of 20") })
        #expect(diagnostic.primarySpan?.text == "x + y >= 20")
    }

    @Test func badFormsAreRefusedWhereTheyAre() throws {
        let cases: [(String, String)] = [
            ("optimize contract_total_cost over hires in 0..600", "`minimize` or `maximize`"),
            ("optimize minimize contract_total_cost hires in 0..600", "`over`"),
            ("optimize minimize contract_total_cost over hires in 600..0", "lower value to a higher one"),
            ("optimize minimize contract_total_cost over hires in 0..600 staff step 0 staff", "more than zero"),
            ("optimize minimize contract_total_cost over hires in 0..600, hires in 0..5", "already a lever"),
            ("optimize minimize contract_total_cost over hires in 0..600 such that return_wait = 10 bd", "`<=` or `>=`"),
            ("optimize minimize contract_total_cost over hires in 0..600 such that return_wait <= 10 staff", "the bound is staff"),
            ("optimize minimize return_wait_by_year over hires in 0..600", "not a single number"),
            ("optimize minimize contract_total_cost over hires in 0..600 in nowhere", "unknown scenario"),
        ]
        for (code, message) in cases {
            let diagnostic = failure(code, model: true)
            #expect(diagnostic.map { $0.message.contains(message) || ($0.help ?? "").contains(message) } == true,
                    "\(code): \(diagnostic?.message ?? "no error")")
        }
    }

    /// The issue's own form, on the default model, against brute force over a grid: brute force
    /// never beats it (the grid's points are all in its search space).
    @Test func theIssuesFormAgainstBruteForce() throws {
        var notebook = loadedModel()
        let cell = notebook.submit("optimize minimize contract_total_cost over hires in 0..600 staff step 1 staff, outsourcing_share in 30%..60%, indirect_hours in 3..10 h/wk/FTE such that max(return_wait_by_year) <= 10 bd, return_compliance >= 90%")
        guard case .success(.optimized(let o))? = cell.results.last?.result else {
            Issue.record("optimize failed: \(cell.results)")
            return
        }
        #expect(o.levers[0].value == o.levers[0].value.rounded(), "hires are whole staff")
        // Brute force on a grid of 25 × 31 × 8 packages, through the same plan machinery.
        let context = AnalysisContext(notebook.workspace)
        let exprs = try Parser.parseExpressionList(Source(name: "a", text: "contract_total_cost, max(return_wait_by_year), return_compliance"))
        let outputs = try exprs.map { e throws(Diagnostic) in try context.output(e).0 }
        let plan = try Plan.compile(context.scenario, outputs: outputs, parameters: ["hires", "outsourcing_share", "indirect_hours"])
        let hourUnit = try #require(context.scenario.program["indirect_hours"]).unit.factor
        let staffUnit = try #require(context.scenario.program["hires"]).unit.factor
        let tenDays = try #require(notebook.workspace.evaluate(Parser.parseExpressionList(Source(name: "b", text: "10 bd"))[0]).0.scalar)
        var grid: [[Double]] = []
        for h in stride(from: 0.0, through: 600, by: 25) {
            for s in stride(from: 0.30, through: 0.6000001, by: 0.01) {
                for i in stride(from: 3.0, through: 10, by: 1) { grid.append([h * staffUnit, s, i * hourUnit]) }
            }
        }
        let results = try Variants.run(plan, count: grid.count) { runner, point, lane in
            for k in 0..<3 { runner.set(parameter: k, lane: lane, to: grid[point][k]) }
        }
        var bestBrute = Double.infinity
        for p in grid.indices where results.values[1][p] <= tenDays * (1 + 1e-12) && results.values[2][p] >= 0.9 {
            bestBrute = min(bestBrute, results.values[0][p])
        }
        #expect(bestBrute.isFinite, "the grid has feasible packages")
        #expect(o.objectiveValue <= bestBrute * (1 + 1e-9), "optimize \(o.objectiveValue) vs brute force \(bestBrute)")
        #expect(o.constraints.count == 2)
        #expect(o.constraints.allSatisfy { $0.slack >= -1e-9 * max(1, abs($0.bound)) }, "every constraint met")
    }

    @Test func scenarioFromTheOptimum() throws {
        var notebook = Notebook()
        _ = notebook.submit("x = 0\ny = 0\nf = (x - 3)^2 + (y - 4)^2")
        _ = notebook.submit("optimize minimize f over x in 0..10, y in 0..10")
        let made = notebook.submit("scenario best = _")
        guard case .success(.scenario(let name, let base, let overrides))? = made.results.last?.result else {
            Issue.record("no scenario: \(made.results)")
            return
        }
        #expect(name == "best" && base == "baseline" && overrides == ["x", "y"])
        guard case .success(.value(_, let value, _))? = notebook.submit("best.f").results.last?.result else {
            Issue.record("best.f has no value")
            return
        }
        #expect((value.scalar ?? 1) < 1e-8)
        // A cell with no levers is refused with a way forward.
        _ = notebook.submit("2 + 2")
        guard case .failure(let diagnostic)? = notebook.submit("scenario other = _").results.last?.result else {
            Issue.record("a plain value made a scenario")
            return
        }
        #expect(diagnostic.message.contains("found no levers"))
    }

    /// `_N.lever` reads one lever a cell found, as a constant in the lever's unit; a definition
    /// keeps the value it read, and a name the cell did not find is an error at the user's input.
    @Test func aLeverACellFound() throws {
        var notebook = loadedModel()
        _ = notebook.submit("optimize minimize (hires - 120 staff)^2 / 1 staff^2 over hires in 0..600 staff")
        func shown(_ text: String) -> String { notebook.shown(text) }
        #expect(shown("_1.hires") == "_1.hires = 120 staff")
        #expect(shown("kept = _1.hires") == "kept = 120 staff")
        _ = notebook.submit("solve hires so return_wait <= 10 bd")
        #expect(shown("kept") == "kept = 120 staff", "a definition keeps the lever it read when it was made")
        #expect(shown("_1.layoffs") == "error: cell 1 found no value for `layoffs`")
        #expect(shown("_4.hires").hasPrefix("_4.hires = 185.9 staff"), "cell 4 is the solve")
        #expect(shown("_2.hires") == "error: cell 2 found no levers")
        #expect(shown("scenario best = _1\nbest.hires") == "best.hires = 120 staff")
        let explained = shown("explain best.hires")
        #expect(explained.contains("120 staff"), "\(explained)")
    }

    @Test func solveResultIsAValue() throws {
        var notebook = loadedModel()
        _ = notebook.submit("solve hires so return_wait <= 10 bd")
        let cell = notebook.submit("hires = _")
        guard case .success(.definition(let defined))? = cell.results.last?.result else {
            Issue.record("hires = _ failed: \(cell.results)")
            return
        }
        #expect(defined.unit.description == "staff")
        #expect(abs((defined.value.scalar ?? 0) - 185.9) < 0.1)
    }

    @Test func solveDoesNotMistakeTheEndOfTheModelForAnEdge() throws {
        let text = output("solve layoffs so return_compliance <= 90%", model: true)
        #expect(text.contains("holds wherever the model has a value"), "\(text)")
        #expect(text.contains("no appointment capacity is left"))
    }

    @Test func solveReportsEveryStretch() throws {
        // Holds on two stretches: x in 0..1 and 3..10 of f = (x - 2)^2 >= 1.
        let text = output("x = 5\nf = (x - 2)^2\nsolve x so f >= 1 in 0..10")
        #expect(text.contains("it also holds for x in"), "\(text)")
    }

    @Test func frontierDominatesEveryPackageInItsBox() throws {
        // Cost x + y against "shortfall" 10 - x·y over a box: the frontier must sit at or below
        // every package tried, and baseline (inside the box) is never better than efficient.
        var notebook = Notebook()
        _ = notebook.submit("x = 1\ny = 1\ncost = x + y\nshortfall = 10 - x * y")
        let cell = notebook.submit("frontier cost vs shortfall over x in 0..5, y in 0..5 points 20")
        let tables = cell.results.compactMap { result -> Table? in
            if case .success(.table(let t)) = result.result { return t } else { return nil }
        }
        #expect(tables.count == 2)
        let frontier = tables[0]
        #expect(frontier.rows.count >= 10)
        // Efficient means cost = 2√(10 - shortfall) at each shortfall (x = y).
        for row in frontier.rows {
            guard case .quantity(let cost, _) = row[2], case .quantity(let shortfall, _) = row[3] else { continue }
            let best = 2 * max(0, 10 - shortfall).squareRoot()
            #expect(cost <= best * (1 + 5e-3), "cost \(cost) at shortfall \(shortfall), best \(best)")
        }
        let scenarios = tables[1]
        guard case .change(let over, _) = scenarios.rows[0][4] else {
            Issue.record("no comparison for baseline")
            return
        }
        #expect(over >= 0)
        #expect(abs(over) < 1e-3, "baseline x = y = 1 is itself efficient")
    }
}

@Suite struct OptimizeScopeTests {
    @Test func constraintsOnLeversAndAScenarioToStartFrom() throws {
        var notebook = Notebook()
        _ = notebook.submit("x = 0\ny = 0\nf = (x - 3)^2 + (y - 4)^2")
        _ = notebook.submit("scenario shifted from baseline { f = (x - 1)^2 + (y - 1)^2 }")
        // A constraint on a lever itself: x at most 2, so the bowl's bottom at x = 3 is cut off.
        let capped = notebook.submit("optimize minimize f over x in 0..10, y in 0..10 such that x <= 2")
        guard case .success(.optimized(let o))? = capped.results.last?.result else {
            Issue.record("optimize failed: \(capped.results)")
            return
        }
        #expect(abs(o.levers[0].value - 2) < 1e-4 && abs(o.levers[1].value - 4) < 1e-4)
        #expect(o.constraints[0].binds)
        let elsewhere = notebook.submit("optimize minimize f over x in 0..10, y in 0..10 in shifted")
        guard case .success(.optimized(let other))? = elsewhere.results.last?.result else {
            Issue.record("optimize in a scenario failed: \(elsewhere.results)")
            return
        }
        #expect(other.scenario == "shifted")
        #expect(abs(other.levers[0].value - 1) < 1e-4 && abs(other.levers[1].value - 1) < 1e-4)
        // Deterministic: the same statement gives the same package and the same count.
        let again = notebook.submit("optimize minimize f over x in 0..10, y in 0..10 in shifted")
        guard case .success(.optimized(let repeated))? = again.results.last?.result else { return }
        #expect(repeated.levers.map(\.value) == other.levers.map(\.value))
        #expect(repeated.evaluations == other.evaluations)
    }
}
