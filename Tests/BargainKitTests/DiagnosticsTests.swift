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

@Suite struct DiagnosticsTests {
    @Test func rendersTheLineWithCaretsUnderEachSpan() {
        var notebook = Notebook()
        _ = notebook.submit("therapists = 2400 staff")
        _ = notebook.submit("salary = $150k/yr/FTE")
        guard let diagnostic = notebook.submit("therapists + salary").results.first?.diagnostic else {
            Issue.record("expected an error")
            return
        }
        let text = DiagnosticRenderer().render(diagnostic)
        let expected = """
            error[E301]: cannot add staff and $/yr/FTE
             --> <input:3>:1:1
              |
            1 | therapists + salary
              | ^^^^^^^^^^ staff
              |              ------ $/yr/FTE
              = help: $/yr/FTE measures money / time / FTE

            """
        #expect(text == expected)
    }

    @Test func colourOnlyWhenAsked() {
        guard let diagnostic = failure("1 +") else { return }
        #expect(!DiagnosticRenderer(colorize: false).render(diagnostic).contains("\u{1B}["))
        #expect(DiagnosticRenderer(colorize: true).render(diagnostic).contains("\u{1B}["))
    }

    @Test func longLinesAreCutAroundTheSpan() {
        let line = "x = " + String(repeating: "1 + ", count: 100) + "bogus"
        guard let diagnostic = failure(line) else { return }
        let text = DiagnosticRenderer().render(diagnostic)
        #expect(text.split(separator: "\n").allSatisfy { $0.count < 130 })
        #expect(text.contains("bogus"))
    }

    @Test func controlCharactersAreNotPrinted() {
        guard let diagnostic = failure("x = 3 \u{1B}[2J") else { return }
        #expect(!DiagnosticRenderer().render(diagnostic).contains("\u{1B}"))
    }

    @Test func errorsInAModelPointIntoTheModelFile() {
        do {
            _ = try Notebook.loading(models: [Source(name: "my-model.bargain", text: "a = 1\nb = a +\n")])
            Issue.record("expected an error")
        } catch {
            #expect(error.primarySpan?.description.hasPrefix("my-model.bargain:") == true)
        }
    }

    @Test func everyCodeIsDistinctAndKnowsItsKind() {
        let codes = DiagnosticCode.allCases.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        #expect(DiagnosticCode.dimensionMismatch.kind.exitCode == 65)
        #expect(DiagnosticCode.divisionByZero.kind.exitCode == 70)
        #expect(DiagnosticCode.io.kind.exitCode == 74)
    }

    @Test func didYouMean() {
        #expect(Suggestions.closest(to: "layof", in: ["layoffs", "hires", "therapists"]) == ["layoffs"])
        #expect(Suggestions.closest(to: "y", in: ["$", "%", "x"]).isEmpty)
        #expect(Suggestions.closest(to: "fte", in: ["FTE", "fee"]).first == "FTE")
    }
}
