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

@Suite struct UnitTests {
    @Test func conversionsBetweenTimeUnits() {
        expectOutput("1 yr in wk", "52 wk")
        expectOutput("5 bd in wk", "1 wk")
        expectOutput("1 month in wk", "4.333 wk")
        expectOutput("168 h in wk", "1 wk")
        expectOutput("2 wk in bd", "10 bd")
    }

    @Test func cancelledDimensionsArePlainNumbers() {
        expectOutput("6 wk/yr", "0.1154")
        expectOutput("40 h/wk", "0.2381")
        expectOutput("12% * 2", "24%")
    }

    @Test func compoundUnitsKeepTheirSpelling() {
        expectOutput("x = $150k/yr/FTE", "x = $150,000/yr/FTE")
        expectOutput("x = 7.5 h/wk/FTE", "x = 7.5 h/wk/FTE")
        expectOutput("x = 9500 patients/wk", "x = 9,500 patients/wk")
        expectOutput("x = $145/visit", "x = $145/visit")
        expectOutput("x = 12%/yr", "x = 12%/yr")
    }

    @Test func productsCancelMatchingUnits() {
        expectOutput("2400 staff * 0.85 FTE/staff", "2,040 FTE")
        expectOutput("2000 FTE * $150k/yr/FTE", "$300M/yr")
        expectOutput("9500 patients/wk * 8 visits/patient", "76,000 visits/wk")
    }

    @Test func unlikeDimensionsCannotBeAdded() {
        expectFailure("2400 staff + $150k/yr/FTE", .dimensionMismatch, "cannot add staff and $/yr/FTE")
        expectFailure("3 bd < 2 staff", .dimensionMismatch)
        expectFailure("x = 2 staff\nx > 1", .dimensionMismatch, "give `1` a unit")
    }

    @Test func conversionToTheWrongDimension() {
        expectFailure("3 staff in wk", .badConversion, "cannot show staff in wk")
    }

    @Test func unknownUnitsSuggestTheRightOne() {
        expectFailure("3 stafff", .unknownUnit, "did you mean `staff`?")
        expectFailure("3 fortnights", .unknownUnit, "units: $ wk h")
        // The long spellings are units after a number and after `in` (issue 14).
        expectOutput("x = 3 wks", "x = 3 wk")
        expectFailure("2 in hrs", .badConversion, "cannot show a plain number in h")
    }

    @Test func zeroAndInfinityTakeAnyUnit() {
        expectOutput("max(0, 3 staff)", "3 staff")
        expectOutput("x = 2 bd\nif x > 0 then x else inf", "2 bd")
        expectOutput("min(inf, 5 wk)", "5 wk")
    }

    @Test func dimensionAlgebra() {
        let money = Dimension(.money), time = Dimension(.time)
        #expect((money / time) * time == money)
        #expect(time.power(2)?.root(2) == time)
        #expect(time.root(2) == nil)
        #expect((UnitProduct(Units.lookup("h")!) / UnitProduct(Units.lookup("wk")!)).factor == 1.0 / 168)
    }

    @Test func powersOfUnits() {
        expectOutput("(3 wk)^2 / (1 wk)", "9 wk")
        expectOutput("sqrt(4 wk^2)", "2 wk")
        expectFailure("sqrt(4 wk)", .badExponent)
        expectFailure("x = 2\n(3 wk)^x", .badExponent)
    }
}

@Suite struct FormatTests {
    @Test func aboutFourSignificantDigits() {
        #expect(QuantityFormat.number(1964.676923) == "1,965")
        #expect(QuantityFormat.number(14.719373) == "14.72")
        #expect(QuantityFormat.number(0.46685) == "0.4669")
        #expect(QuantityFormat.number(0.1153846) == "0.1154")
        #expect(QuantityFormat.number(46284.3) == "46,284")
        #expect(QuantityFormat.number(100) == "100")
        #expect(QuantityFormat.number(999.96) == "1,000")
        #expect(QuantityFormat.number(-2.5) == "-2.5")
        #expect(QuantityFormat.number(0.00001234) == "1.234e-5")
        #expect(QuantityFormat.number(.infinity) == "∞")
    }

    @Test func money() {
        #expect(QuantityFormat.money(674_943_976.9) == "$674.9M")
        #expect(QuantityFormat.money(1_500_000) == "$1.5M")
        #expect(QuantityFormat.money(67e9) == "$67B")
        #expect(QuantityFormat.money(150_000) == "$150,000")
        #expect(QuantityFormat.money(-29_400_000) == "-$29.4M")
        #expect(QuantityFormat.money(169.5766) == "$169.6")
    }

    @Test func percentsAndLists() {
        expectOutput("x = [5%, 4%, 4%, 4%]", "x = [5%, 4%, 4%, 4%]")
        expectOutput("46.685% in %", "46.69%")
        expectOutput("0.5 in %", "50%")
    }

    @Test func singularForOne() {
        expectOutput("1 visit", "1 visit")
        expectOutput("2 visit", "2 visits")
    }

    @Test func json() {
        #expect(JSONText.number(.infinity) == "\"inf\"")
        #expect(JSONText.number(-.infinity) == "\"-inf\"")
        #expect(JSONText.number(0.1) == "0.1")
        #expect(JSONText.number(3) == "3")
        #expect(JSONText.string("a\"b\n") == "\"a\\\"b\\n\"")
    }
}
