import Testing
@testable import BargainDiagnostics
@testable import BargainUnits
@testable import BargainNotebook
@testable import BargainRendering

/// Units a model defines (`unit shift = 8 h`): checked like the built-in ones, shown by name,
/// in every scenario, and fixed once defined.
@Suite struct ModelUnitsTests {
    func last(_ code: String) -> String {
        var notebook = Notebook()
        return notebook.shown(code)
    }

    @Test func aUnitIsAQuantityByName() {
        #expect(last("unit shift = 8 h") == "unit shift = 8 h")
        #expect(last("unit shift = 8 h\ncoverage = 2 shift/wk") == "coverage = 2 shifts/wk")
        #expect(last("unit shift = 8 h\ncoverage = 2 shifts/wk\ncoverage in h/wk") == "coverage = 16 h/wk")
        #expect(last("unit shift = 8 h\nx = 30 h\nx in shift") == "x = 3.75 shifts")
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

    /// `unit bed` alone: a base unit of a dimension of its own, unlike every other.
    @Test func aUnitOfItsOwnDimension() {
        #expect(last("unit bed") == "unit bed: a dimension of its own")
        #expect(last("unit bed\nbeds_open = 40 beds") == "beds_open = 40 beds")
        #expect(last("unit bed\nunit ward = 24 beds\nward_count = 3 wards\nward_count in beds") == "ward_count = 72 beds")
        #expect(last("unit bed\ncost = $120/bed/day\nn = 10 beds\nn * cost") == "$1,200/day")
        #expect(last("unit bed\nx = 2 beds + 3 staff") == "error: cannot add beds and staff")
        #expect(last("unit bed\nx = 2 beds\nx in h") == "error: cannot show beds in h")
        #expect(last("unit bed\nunit room\nx = 2 beds + 1 room").contains("cannot add beds and rooms"))
        #expect(last("unit bed\nx = 4 beds * 9 beds\nsqrt(x)") == "6 beds")
        #expect(last("unit bed\nunit bed") == "unit bed: a dimension of its own", "the same unit again is no change")
        #expect(last("unit bed\nunit bed = 2 h").contains("already defined"))
        #expect(last("unit staff").contains("is a built-in unit"))
        #expect(Dimension(declaring: "bed").description == "bed")
        #expect((Dimension(.money) / Dimension(declaring: "bed")).description == "money / bed")
        #expect((Dimension(declaring: "bed") / Dimension(declaring: "bed")).isDimensionless)
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
