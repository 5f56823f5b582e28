import Foundation
import Testing

/// The analysis statements through the binary: tables, charts only where asked, JSON as data.
@Suite struct AnalysisCommandTests {
    @Test func sweepSolveDiffSimulateInAScript() throws {
        let script = try temporaryFile("analysis.bargain", """
            sweep layoffs from 0 staff to 300 staff step 150 staff: return_wait
            solve layoffs so return_wait = 20 bd in 0..600
            diff employer_2025 union_2025: annual_cost
            x = 10 to 30
            simulate 1000 seed 2: x
            """)
        let result = try bargain(["run", script])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("150 staff     22.75 bd"))
        #expect(result.stdout.contains("layoffs = 97.65 staff"))
        #expect(result.stdout.contains("outsourcing_share   -$27.4M/yr"))
        #expect(result.stdout.contains("1,000 draws, seed 2"))
        #expect(!result.stdout.contains("└"), "no chart when output is not a terminal")
        let charted = try bargain(["run", "--charts", script])
        #expect(charted.stdout.contains("layoffs (staff)"))
        #expect(charted.stdout.contains("#"))
    }

    @Test func sweepAsJSONLines() throws {
        let script = try temporaryFile("sweep.bargain", "sweep layoffs in [0 staff, 100 staff]: return_wait, annual_cost\n")
        let result = try bargain(["run", "--json", script])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let table = try #require(object["table"] as? [String: Any])
        let columns = try #require(table["columns"] as? [[String: Any]])
        #expect(columns.map { $0["unit"] as? String } == ["staff", "bd", "$/yr"])
        let rows = try #require(table["rows"] as? [[Double]])
        #expect(rows[1][0] == 100)
        #expect(abs(rows[0][1] - 15.197492514275066) < 1e-9)
    }

    @Test func noSolutionExitsWithAnEvaluationError() throws {
        let result = try bargain([], input: "solve layoffs so return_wait = 10 bd in 0..600\n")
        #expect(result.status == 70)
        #expect(result.stderr.contains("no value of `layoffs` in 0 staff..600 staff"))
    }

    @Test func chartsOnATerminal() throws {
        let directory = try temporaryDirectory()
        let repl = try PTYProcess(builtProduct("bargain"), environment: [
            "TERM": "xterm", "LANG": "C.UTF-8", "INPUTRC": "/dev/null", "HOME": directory.path,
            "XDG_STATE_HOME": directory.path, "NO_COLOR": "1",
        ])
        try repl.expect("[1]> ")
        repl.send("sweep layoffs from 0 staff to 600 staff step 100 staff: return_wait\r")
        try repl.expect("return_wait (bd) as layoffs varies")
        try repl.expect("└")
        try repl.expect("[2]> ")
    }
}
