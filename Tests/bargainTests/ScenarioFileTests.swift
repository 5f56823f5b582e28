import Foundation
import Testing

/// Scenarios from files: `--scenario FILE` and `:load FILE`.
@Suite struct ScenarioFileTests {
    @Test func aFileOfDefinitionsBecomesAScenarioNamedAfterIt() throws {
        let file = try temporaryFile("deep-cut.bargain", "layoffs = 600 staff  # a deep cut\nhires = 10 staff\n")
        let result = try bargain(["--scenario", file], input: ":scenarios\ndeep_cut.headcount\n")
        #expect(result.stdout.contains("deep_cut from baseline: layoffs, hires"))
        #expect(result.stdout.contains("deep_cut.headcount = 1,810 staff"))
        #expect(result.status == 0)
    }

    @Test func aFileOfScenarioBlocks() throws {
        let file = try temporaryFile("offers.bargain", "scenario a { layoffs = 1 staff }\nscenario b from a { hires = 2 staff }\n")
        let result = try bargain([], input: ":load \(file)\nb.headcount\n")
        #expect(result.stdout.contains("scenario b from a: hires"))
        #expect(result.stdout.contains("b.headcount = 2,401 staff"))
    }

    @Test func aBadScenarioFilePointsIntoIt() throws {
        let file = try temporaryFile("typo.bargain", "layofs = 600 staff\n")
        let result = try bargain(["--scenario", file], input: "")
        #expect(result.status == 65)
        #expect(result.stderr.contains("typo.bargain:1:1"))
        #expect(result.stderr.contains("did you mean `layoffs`?"))
        let missing = try bargain([], input: ":load /no/such/file.bargain\n")
        #expect(missing.status == 74)
    }

    @Test func compareAsJSON() throws {
        let script = try temporaryFile("c.bargain", "compare baseline, employer_2025: layoffs, return_wait\n")
        let result = try bargain(["run", "--json", script])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "table")
        let table = try #require(object["table"] as? [String: Any])
        let rows = try #require(table["rows"] as? [[Any]])
        #expect(rows.count == 2)
        #expect(rows[1][1] as? String == "bd")
    }
}
