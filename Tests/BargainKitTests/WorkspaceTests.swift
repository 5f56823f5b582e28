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

@Suite struct WorkspaceTests {
    @Test func formulasFollowTheirInputs() {
        expectOutput("a = 2 staff\nb = a * 3\na = 5 staff\nb", "b = 15 staff")
    }

    @Test func anEditRecomputesExactlyWhatDependsOnIt() {
        var notebook = Notebook()
        _ = notebook.submit("a = 1\nb = a + 1\nc = b + 1\nunrelated = 7\nalso = unrelated * 2")
        let before = notebook.workspace.baseline.runtime.evaluations
        let cell = notebook.submit("a = 10")
        guard case .success(.definition(let defined)) = cell.results[0].result else {
            Issue.record("not a definition")
            return
        }
        #expect(defined.recomputed == 3)
        #expect(notebook.workspace.baseline.runtime.evaluations - before == 3)
        #expect(valueOf(notebook, "c") == .number(12))
    }

    @Test func anEditThatKeepsTheUnitChecksNothingDownstreamAgain() {
        var program = Program()
        for line in ["a = 2 staff", "b = a * 2", "c = b + 1 staff"] {
            _ = try? program.define(Parser.parse(Source(name: "t", text: line))[0])
        }
        let sameUnit = try? program.define(Parser.parse(Source(name: "t", text: "a = 5 staff"))[0])
        #expect(sameUnit?.affected == ["a", "b", "c"])
        #expect(sameUnit?.rechecked == ["a"])
        let newUnit = try? program.define(Parser.parse(Source(name: "t", text: "a = 5 FTE"))[0])
        #expect(newUnit == nil, "c adds staff to FTE")
    }

    @Test func aFailedEntryLeavesTheSessionAsItWas() {
        var notebook = Notebook()
        _ = notebook.submit("a = 2 staff\nb = a * 2")
        #expect(notebook.submit("a = 3 wk\n").failed == false)  // a can change unit: b follows
        _ = notebook.submit("a = 2 staff\nc = b + 1 staff")
        let failed = notebook.submit("a = 3 wk")  // c would add wk and staff
        #expect(failed.failed)
        #expect(valueOf(notebook, "a") == .number(2))
        #expect(notebook.workspace.baseline.program["a"]?.unit.description == "staff")
    }

    @Test func cyclesAreRefusedAndNamed() {
        expectFailure("a = 1\nb = a + 1\na = b * 2", .cycle, "a -> b -> a")
        expectFailure("x = 1\nx = x + 1", .cycle, "x -> x")
    }

    @Test func definitionThatFailsToEvaluateIsNotKept() {
        var notebook = Notebook()
        _ = notebook.submit("a = 1")
        #expect(notebook.submit("a = 1 / 0").failed)
        #expect(valueOf(notebook, "a") == .number(1))
    }

    @Test func downstreamFailuresAreReportedAsWarnings() {
        var notebook = Notebook()
        _ = notebook.submit("a = 1\nb = 1 / a")
        let cell = notebook.submit("a = 0")
        guard case .success(.definition(let defined)) = cell.results[0].result else {
            Issue.record("a = 0 should succeed")
            return
        }
        #expect(defined.broken.map(\.name) == ["b"])
        #expect(OutcomeText.render(.definition(defined)).contains("warning: 1 value now fails (b)"))
    }

    @Test func requirementsNameTheirInputs() {
        let all = statementResults("a = 5 staff\nb = 3 staff\nc = a - b\nrequire c > 0 else \"c must be positive\"\nd = c * 2\nb = 9 staff\nd")
        guard let diagnostic = all.last?.diagnostic else {
            Issue.record("d should fail")
            return
        }
        #expect(diagnostic.code == .requirementFailed)
        #expect(diagnostic.message == "c must be positive")
        let text = DiagnosticRenderer().render(diagnostic)
        #expect(text.contains("a = 5 staff") && text.contains("b = 9 staff"))
    }

    @Test func scenariosOverrideAndInherit() {
        let code = """
            a = 2 staff
            b = a * 10
            scenario s from baseline {
              a = 3 staff
            }
            s.b
            """
        expectOutput(code, "s.b = 30 staff")
        expectOutput(code + "\nb", "b = 20 staff")
        expectOutput(code + "\nuse s\nb", "b = 30 staff")
    }

    @Test func baselineEditsFlowIntoScenariosThatDoNotSetThem() {
        let code = "a = 2\nc = 5\nb = a * c\nscenario s from baseline { a = 3 }\nc = 7\n"
        expectOutput(code + "s.b", "s.b = 21")
        expectOutput(code + "a = 100\ns.b", "s.b = 21")
    }

    @Test func scenarioOverridesMustNameExistingDefinitions() {
        expectFailure("layoffs = 1\nscenario s { layofs = 2 }", .unknownName, "did you mean `layoffs`?")
        expectFailure("scenario s from nowhere { }", .unknownScenario)
        expectFailure("use nowhere", .unknownScenario)
    }

    @Test func aBaselineEditThatBreaksAScenarioIsRefused() {
        var notebook = Notebook()
        _ = notebook.submit("a = 1 staff\nb = 2 staff\nscenario s { b = a + 1 staff }")
        #expect(notebook.submit("a = 1 wk").failed)
        #expect(valueOf(notebook, "a") == .number(1))
    }

    @Test func definitionsCannotReadOtherScenarios() {
        expectFailure("a = 1\nscenario s { a = 2 }\nx = s.a", .badStatement, "cannot read a value from another scenario")
    }

    @Test func aThousandChainedDefinitions() {
        var notebook = Notebook()
        var code = "x0 = 1\n"
        for i in 1..<1000 { code += "x\(i) = x\(i - 1) + 1\n" }
        _ = notebook.submit(code)
        #expect(valueOf(notebook, "x999") == .number(1000))
        _ = notebook.submit("x0 = 2")
        #expect(valueOf(notebook, "x999") == .number(1001))
        let before = notebook.workspace.baseline.runtime.evaluations
        _ = notebook.submit("x998 = 0")
        #expect(notebook.workspace.baseline.runtime.evaluations - before == 2)
    }
}
