import Foundation
import Testing

/// `optimize`, `frontier` and `scenario NAME = _` through the binary, in the forms the issue
/// says must work as written.
@Suite struct OptimizeCommandTests {
    static let issueForm = "optimize minimize contract_total_cost over hires in 0..600 staff step 1 staff, outsourcing_share in 30%..60%, indirect_hours in 3..10 h/wk/FTE such that max(return_wait_by_year) <= 10 bd, return_compliance >= 90%"

    @Test func optimizeAsWrittenThenAScenarioOfIt() throws {
        let result = try bargain([], input: Self.issueForm + "\nscenario best = _\ncompare baseline, best: return_compliance, contract_total_cost\nbest.hires\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("optimize: minimize contract_total_cost = $"))
        #expect(result.stdout.contains("return_compliance >= 90%"))
        #expect(result.stdout.contains("binds: at 89% it would lower contract_total_cost by $"))
        #expect(result.stdout.contains("scenario best from baseline: hires, outsourcing_share, indirect_hours"))
        #expect(result.stdout.contains("hires = 0 staff") || result.stdout.contains(" staff"))
        // The scenario holds the package: its compliance is the bound the search held it to.
        let compliance = result.stdout.split(separator: "\n").first { $0.hasPrefix("return_compliance") && $0.contains("45.46%") }
        #expect(compliance?.contains("90%") == true, "\(result.stdout)")
    }

    @Test func optimizeAsJSON() throws {
        let script = try temporaryFile("optimize.bargain", Self.issueForm + "\n")
        let result = try bargain(["run", "--json", script])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "optimum")
        let levers = try #require(object["levers"] as? [[String: Any]])
        #expect(levers.map { $0["name"] as? String } == ["hires", "outsourcing_share", "indirect_hours"])
        let hires = try #require(levers[0]["value"] as? Double)
        #expect(hires == hires.rounded())
        let constraints = try #require(object["constraints"] as? [[String: Any]])
        #expect(constraints.count == 2)
        #expect(constraints.contains { $0["binds"] as? Bool == true })
    }

    @Test func infeasibleIsAnEvaluationErrorAtTheConstraint() throws {
        let result = try bargain([], input: "optimize minimize contract_total_cost over hires in 0..10 staff such that max(return_wait_by_year) <= 1 bd\n")
        #expect(result.status == 70)
        #expect(result.stderr.contains("no package with hires in 0..10 staff meets every constraint"))
        #expect(result.stderr.contains("the closest package: hires = 10 staff"))
        #expect(result.stderr.contains("over its bound of 1 bd"))
    }

    @Test func frontierAsWrittenToCSV() throws {
        let directory = try temporaryDirectory()
        let script = directory.appendingPathComponent("frontier.bargain").path
        try "frontier contract_total_cost vs max(return_wait_by_year) over hires in 0..600 staff, outsourcing_share in 30%..60%\n"
            .write(toFile: script, atomically: false, encoding: .utf8)
        let out = directory.appendingPathComponent("frontier.csv").path
        let result = try bargain(["run", "--format", "csv", "--output", out, script])
        #expect(result.status == 0, "\(result.stderr)")
        let csv = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "hires[staff],outsourcing_share[%],contract_total_cost[$],max(return_wait_by_year)[bd]")
        #expect(csv.count >= 10)
        // Efficient: as waits rise down the table, cost falls.
        let rows = csv.dropFirst().map { $0.split(separator: ",").compactMap { Double($0) } }
        for (a, b) in zip(rows, rows.dropFirst()) {
            #expect(b[3] >= a[3] && b[2] <= a[2], "\(a) then \(b)")
        }
        let scenarios = try String(contentsOfFile: directory.appendingPathComponent("frontier-2.csv").path, encoding: .utf8)
        #expect(scenarios.contains("baseline,"))
        #expect(scenarios.contains("union_2025,"))
    }

    @Test func solveAnswersAreValues() throws {
        let result = try bargain([], input: "solve hires so return_wait <= 10 bd\nhires = _\nreturn_wait\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("hires = 185.9 staff\n  return_wait = 10 bd there"))
        #expect(result.stdout.contains("\nhires = 185.9 staff\n"))
        #expect(result.stdout.contains("return_wait = 10 bd\n"))
    }

    /// `_N.lever` reads a lever cell N found, at the prompt, in a definition and in a scenario;
    /// a lever the cell did not find is an error at the user's input.
    @Test func aLeverACellFoundByName() throws {
        let input = "solve hires so return_wait <= 10 bd\n_1.hires\nextra = _1.hires * 2\nscenario more = _1\nmore.hires\n_1.layoffs\n"
        let result = try bargain([], input: input)
        #expect(result.status == 65, "the last line is an error")
        #expect(result.stdout.contains("\n_1.hires = 185.9 staff\n"), "\(result.stdout)")
        #expect(result.stdout.contains("\nextra = 371.8 staff\n"))
        #expect(result.stdout.contains("\nmore.hires = 185.9 staff\n"))
        #expect(result.stderr.contains("error[E201]: cell 1 found no value for `layoffs`\n --> <input:6>:1:1"), "\(result.stderr)")
        #expect(result.stderr.contains("help: its levers: hires"))
    }
}

/// `optimize` and `frontier` in an exhibit: the package and its constraints as real tables, the
/// frontier as an SVG with its points and the scenarios.
@Suite struct OptimizeExhibitTests {
    @Test func findThePackageExportsAsTablesAndAChart() throws {
        let directory = try temporaryDirectory()
        let html = directory.appendingPathComponent("ftp.html").path
        let result = try bargain(["export", repositoryRoot.appendingPathComponent("Sessions/find-the-package.session").path,
                                  "--to", "html", "-o", html])
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<caption>the package</caption>") || page.contains(">the package<"))
        #expect(page.contains("return_compliance &gt;= 90%"))
        #expect(page.contains(">yes<"), "the binding constraint says so")
        // The frontier's SVG: a point per efficient package and a square per scenario.
        let svg = try #require(page.range(of: "Frontier of").map { page[$0.lowerBound...] })
        #expect(svg.contains("baseline at $2.748B"))
        #expect(page.components(separatedBy: "<rect class=\"mark\"").count - 1 >= 4)
    }
}
