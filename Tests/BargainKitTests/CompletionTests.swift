import Testing
@testable import BargainNotebook

/// What Tab offers at the prompt: the :commands at the start of a line, a scenario's names after
/// `scenario.`, and otherwise every name, function, unit, keyword and scenario there is.
@Suite struct CompletionTests {
    @Test func commandsAtTheStartOfALine() {
        let offered = Completion.candidates(":sa", before: "", in: Notebook())
        #expect(offered.contains(":save") && offered.contains(":scenarios") && offered.contains(":precision"))
        #expect(offered.allSatisfy { $0.hasPrefix(":") })
    }

    @Test func namesUnitsKeywordsAndScenarios() {
        let offered = Set(Completion.candidates("re", before: "", in: loadedModel()))
        for expected in ["return_wait", "return_compliance", "referrals", "employer_2025", "sqrt", "staff", "sweep", "explain"] {
            #expect(offered.contains(expected), "\(expected) is offered")
        }
    }

    @Test func aScenariosOwnNamesAfterItsDot() {
        var notebook = loadedModel()
        _ = notebook.submit("scenario cut from baseline { layoffs = 150 staff }")
        let offered = Completion.candidates("lay", before: "x = cut.", in: notebook)
        #expect(offered.contains("layoffs") && offered.contains("return_wait"))
        #expect(!offered.contains("sweep"), "keywords are not names of a scenario")
        #expect(Completion.candidates("x", before: "nowhere.", in: notebook).contains("sweep"),
                "after an unknown name and a dot, everything is offered")
    }
}
