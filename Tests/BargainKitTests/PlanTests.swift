import Testing
@testable import BargainDiagnostics
@testable import BargainUnits
@testable import BargainFiles
@testable import BargainSyntax
@testable import BargainSemantics
@testable import BargainEngine
@testable import BargainAnalysis
@testable import BargainRendering
@testable import BargainNotebook
@testable import BargainBatch
@testable import BargainBench

/// A plan links kernels into one program over blocks of lanes; it must agree with evaluating
/// each variant on its own.
@Suite struct PlanTests {
    static let outputs = ["headcount", "fte", "capacity", "intake_wait", "return_wait", "return_compliance",
                          "return_weeks_to_clear", "annual_cost", "contract_cost", "severance_cost", "cost_per_visit"]

    @Test func agreesWithTheRuntimeOnEveryLane() throws {
        let notebook = loadedModel()
        let scenario = try #require(notebook.workspace[scenario: "employer_2025"])
        let plan = try Plan.compile(scenario, outputs: Self.outputs.map(PlanOutput.name), parameters: ["layoffs", "indirect_hours"])
        var runner = PlanRunner(plan: plan, lanes: 16)
        var points: [(Double, Double)] = []
        for lane in 0..<16 {
            let layoffs = Double(lane * 37 % 600), indirect = 2.0 + Double(lane % 7)
            points.append((layoffs, indirect))
            runner.set(parameter: 0, lane: lane, to: layoffs)
            runner.set(parameter: 1, lane: lane, to: indirect / 168)
        }
        runner.run()
        for (lane, (layoffs, indirect)) in points.enumerated() {
            var check = notebook
            let cell = check.submit("use employer_2025\nlayoffs = \(layoffs) staff; indirect_hours = \(indirect) h/wk/FTE")
            #expect(!cell.failed)
            for (index, name) in Self.outputs.enumerated() {
                guard case .success(let expected)? = check.workspace.value(of: name) else {
                    Issue.record("\(name) has no value")
                    continue
                }
                let got = runner.output(index, lane: lane), want = expected.scalar ?? .nan
                #expect(got == want || abs(got - want) <= 1e-12 * abs(want), "lane \(lane) \(name): \(got) vs \(want)")
            }
        }
    }

    @Test func onlyWhatVariesIsInThePlan() throws {
        let notebook = loadedModel()
        let plan = try Plan.compile(notebook.workspace.baseline, outputs: [.name("headcount")], parameters: ["layoffs"])
        // The requirements guarding layoffs (fewer than therapists, not negative), then headcount.
        let steps = plan.steps.map(\.name)
        #expect(steps.count == 3 && steps.last == "headcount", "\(steps)")
        #expect(steps.contains("require layoffs < therapists"))
        #expect(steps.contains { $0.hasPrefix("require therapists > 0 staff and layoffs >= 0 staff") })
        let wait = try Plan.compile(notebook.workspace.baseline, outputs: [.name("return_wait")], parameters: ["strike_days"])
        #expect(!wait.steps.contains { $0.name == "fte" }, "fte does not depend on strike days")
    }

    @Test func aFailingLaneIsExplained() throws {
        let notebook = loadedModel()
        let plan = try Plan.compile(notebook.workspace.baseline, outputs: [.name("return_wait")], parameters: ["layoffs"])
        var runner = PlanRunner(plan: plan, lanes: 2)
        runner.set(parameter: 0, lane: 0, to: 100)
        runner.set(parameter: 0, lane: 1, to: 3000)
        runner.run()
        #expect(!runner.failed(lane: 0))
        #expect(runner.failed(lane: 1))
        let diagnostic = runner.diagnose(lane: 1)
        #expect(diagnostic.code == .requirementFailed)
        #expect(diagnostic.notes.contains { $0.contains("layoffs = 3,000 staff") })
    }

    @Test func expressionsAndTheirErrors() throws {
        var notebook = Notebook()
        _ = notebook.submit("a = 2\nb = a * 3")
        let checked = try notebook.workspace.check(Parser.parseExpression(Source(name: "e", text: "b / (a - 4)")))
        let plan = try Plan.compile(notebook.workspace.baseline, outputs: [.expression(label: "q", checked)], parameters: ["a"])
        var runner = PlanRunner(plan: plan, lanes: 2)
        runner.set(parameter: 0, lane: 0, to: 2)
        runner.set(parameter: 0, lane: 1, to: 4)
        runner.run()
        #expect(runner.output(0, lane: 0) == -3)
        #expect(runner.failed(lane: 1))
        #expect(runner.diagnose(lane: 1).code == .divisionByZero)
    }

    @Test func sameSeedSameDrawsHoweverTheBlocksAreCut() {
        let sampler = SeededSampler(seed: 7)
        let whole = (0..<64).map { sampler.uniform(stream: 3, lane: $0) }
        var second = SeededSampler(seed: 7, firstDraw: 32)
        second.firstDraw = 32
        let split = (0..<32).map { sampler.uniform(stream: 3, lane: $0) } + (0..<32).map { second.uniform(stream: 3, lane: $0) }
        #expect(whole == split)
        #expect(Set(whole).count == 64)
        #expect(whole.allSatisfy { $0 > 0 && $0 < 1 })
    }

    @Test func inverseNormal() {
        #expect(abs(Distributions.inverseNormal(0.95) - 1.6448536269514722) < 1e-12)
        #expect(abs(Distributions.inverseNormal(0.5)) < 1e-15)
        #expect(abs(Distributions.inverseNormal(0.001) + 3.090232306167813) < 1e-9)
    }
}
