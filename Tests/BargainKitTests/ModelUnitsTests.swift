import Testing
@testable import BargainDiagnostics
@testable import BargainUnits
@testable import BargainNotebook
@testable import BargainRendering

/// Units a model defines (`unit shift = 8 h`): checked like the built-in ones, shown by name,
/// in every scenario, and fixed once defined.
@Suite struct ModelUnitsTests {
    func last(_ code: String) -> String {
        switch statementResults(code).last?.result {
        case .success(let outcome)?: return OutcomeText.render(outcome)
        case .failure(let diagnostic)?: return "error: " + diagnostic.message
        case nil: return "nothing"
        }
    }

    @Test func aUnitIsAQuantityByName() {
        #expect(last("unit shift = 8 h") == "unit shift = 8 h")
        #expect(last("unit shift = 8 h\ncoverage = 2 shift/wk") == "coverage = 2 shift/wk")
        #expect(last("unit shift = 8 h\ncoverage = 2 shifts/wk\ncoverage in h/wk") == "coverage = 16 h/wk")
        #expect(last("unit shift = 8 h\nx = 30 h\nx in shift") == "x = 3.75 shift")
        // It cancels against the other units of its dimension in a computation.
        #expect(last("unit shift = 8 h\ncoverage = 2 shift/wk\ncost = coverage * $50/h") == "cost = $800/wk")
        #expect(last("unit dozen = 12\neggs = 3 dozen\neggs * 2") == "72")
    }

    @Test func itIsCheckedLikeAnyUnit() {
        #expect(last("unit shift = 8 h\nx = 2 shift + 3 staff").contains("error: "))
        #expect(last("unit shift = 8 h\nunit shift = 9 h") == "error: unit `shift` is already defined as 8 h")
        #expect(last("unit shift = 8 h\nunit shift = 8 h") == "unit shift = 8 h", "the same unit again is no change")
        #expect(last("unit staff = 2 h") == "error: `staff` is a built-in unit")
        #expect(last("unit nothing = 0 h").contains("more than zero"))
        #expect(last("x = 1\nunit x = 2 h").contains("already names a value"))
        #expect(last("unit shift = 8 h\nshift = 5").contains("is a unit this model defines"))
    }

    @Test func everyScenarioHasIt() {
        let text = last("""
            unit shift = 8 h
            coverage = 2 shift/wk
            scenario more from baseline { coverage = 4 shifts/wk }
            more.coverage in h/wk
            """)
        #expect(text == "more.coverage = 32 h/wk")
    }
}
