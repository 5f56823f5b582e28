import Testing
@testable import BargainDiagnostics
@testable import BargainUnits
@testable import BargainNotebook
@testable import BargainRendering

/// `lookup` and `interpolate`: tables by bands and along lines, with units, checked like any formula.
@Suite struct LookupTests {
    @Test func bandsAndLines() {
        let table = "[0 yr, 5 yr, 10 yr], [2 wk, 4 wk, 8 wk]"
        #expect(output("lookup(7 yr, \(table))") == "4 wk")
        #expect(output("lookup(5 yr, \(table))") == "4 wk", "a band starts at its point")
        #expect(output("lookup(-1 yr, \(table))") == "2 wk", "held below the first point")
        #expect(output("lookup(30 yr, \(table))") == "8 wk", "held above the last")
        #expect(output("interpolate(7 yr, \(table))") == "5.6 wk")
        #expect(output("interpolate(2.5 yr, \(table))") == "3 wk")
        #expect(output("interpolate(30 yr, \(table))") == "8 wk")
        #expect(output("interpolate(-3 yr, \(table))") == "2 wk")
        #expect(output("lookup(3 mo, [0 yr, 1 yr], [$1, $2])".replacingOccurrences(of: "mo", with: "month")) == "$1")
    }

    @Test func itFollowsItsInputs() {
        let results = statementResults("tenure = 4 yr\nweeks = lookup(tenure, [0 yr, 5 yr], [2 wk, 6 wk])\ntenure = 6 yr\nweeks")
        guard case .success(let outcome)? = results.last?.result else {
            Issue.record("no value")
            return
        }
        #expect(OutcomeText.render(outcome) == "weeks = 6 wk")
    }

    @Test func mistakesAreNamed() {
        func message(_ code: String) -> String {
            guard case .failure(let diagnostic)? = statementResults(code).last?.result else { return "no error" }
            return diagnostic.message
        }
        #expect(message("lookup(1 yr, [0 yr, 5 yr, 4 yr], [1 wk, 2 wk, 3 wk])").contains("must rise: 4 yr comes after 5 yr"))
        #expect(message("lookup(1 yr, [0 yr, 5 yr], [1 wk, 2 wk, 3 wk])").contains("2 points but 3 values"))
        #expect(message("lookup(1 yr, 5 yr, [1 wk])").contains("are a list"))
        #expect(message("lookup(1 yr, [0 yr])").contains("takes 3 arguments"))
        #expect(message("interpolate(1 yr, [0 yr], [1 wk])").contains("at least 2 points"))
        #expect(message("lookup(1 staff, [0 yr, 5 yr], [1 wk, 2 wk])").contains("matching units"))
    }
}
