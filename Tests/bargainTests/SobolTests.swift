import Foundation
import Testing

/// Global sensitivity through the binary: the statement as text, CSV and JSON, and `batch --sobol`.
/// (python/tests/test_sobol.py checks both against SALib and closed forms; test.sh runs it.)
@Suite struct SobolTests {
    let scenario = """
        scenario unsure from baseline {
          referrals = 9000 patients/wk to 10500 patients/wk
          indirect_hours = 6 h/wk/FTE to 9 h/wk/FTE
          outsourcing_share = uniform(30%, 50%)
        }

        """

    @Test func theStatementAsWritten() throws {
        let script = try temporaryFile("s.bargain", scenario + "use unsure\nsensitivity return_wait global samples 10000\n")
        let text = try bargain(["run", script])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("global sensitivity of return_wait in unsure: Sobol' indices, 95% intervals"))
        #expect(lines.contains { $0.hasPrefix("input") && $0.contains("first_order_low") && $0.contains("total_high") })
        // Widest total first: the share seen outside moves the return wait most.
        let rows = lines.filter { ["outsourcing_share ", "referrals ", "indirect_hours "].contains(where: $0.hasPrefix) }
        #expect(rows.map { String($0.prefix { $0 != " " }) } == ["outsourcing_share", "referrals", "indirect_hours"])
        #expect(lines.contains { $0.hasPrefix("10,000 samples, 50,000 evaluations") && $0.contains("seed 0") })
    }

    @Test func csvHasTheColumnsNamedInTheIssueAndJSONTheSameNumbers() throws {
        let script = try temporaryFile("s.bargain", scenario + "sensitivity return_wait global samples 500 seed 3 in unsure\n")
        let csv = try bargain(["run", "--format", "csv", script])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "input,first_order,first_order_low,first_order_high,total,total_low,total_high")
        #expect(lines.count == 4)
        let cells = lines[1].split(separator: ",").map(String.init)
        #expect(cells[0] == "outsourcing_share")
        let numbers = cells.dropFirst().compactMap(Double.init)
        #expect(numbers.count == 6 && numbers[1] < numbers[0] && numbers[0] < numbers[2] && numbers[4] < numbers[3] && numbers[3] < numbers[5])
        let json = try bargain(["run", "--json", script])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"kind\":\"table\"") && json.stdout.contains("\"name\":\"first_order_low\"")
                && json.stdout.contains(cells[1]))
    }

    @Test func errorsAreLocated() throws {
        let script = try temporaryFile("s.bargain", "sensitivity return_wait_by_week global samples 1000\n")
        let run = try bargain(["run", script])
        #expect(run.status == 65)
        #expect(run.stderr.contains("error[E305]") && run.stderr.contains("s.bargain:1:13") && run.stderr.contains("max(return_wait_by_week)"))
        let none = try bargain(["run", try temporaryFile("n.bargain", "sensitivity return_wait global samples 1000\n")])
        #expect(none.status == 65 && none.stderr.contains("no input is uncertain"))
    }

    @Test func batchWritesTheDesignInOrderWithTheSameBytesForAnyThreads() throws {
        let load = try temporaryFile("unsure.bargain", scenario)
        let arguments = ["batch", "--load", load, "--scenario", "unsure", "--sobol", "300", "--seed", "9", "--outputs", "return_wait"]
        let one = try bargain(arguments + ["--threads", "1"]), two = try bargain(arguments + ["--threads", "2"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout == two.stdout)
        let lines = one.stdout.split(separator: "\n")
        #expect(lines[0] == "indirect_hours[h/wk/FTE],referrals[patients/wk],outsourcing_share,sobol_sample,sobol_block,return_wait[bd]")
        #expect(lines.count == 1 + 300 * 5)
        #expect(lines[1].contains(",0,0,") && lines[5].contains(",0,4,") && lines[6].contains(",1,0,"))
        // A design of fewer samples is the first rows of a larger one.
        let fewer = try bargain(["batch", "--load", load, "--scenario", "unsure", "--sobol", "100", "--seed", "9", "--outputs", "return_wait"])
        #expect(one.stdout.hasPrefix(fewer.stdout))
    }

    @Test func batchRefusesWhatItCannotDo() throws {
        let none = try bargain(["batch", "--sobol", "100", "--outputs", "return_wait"])
        #expect(none.status == 64 && none.stderr.contains("--sobol needs uncertain inputs"))
        let mixed = try bargain(["batch", "--sobol", "100", "--vary", "layoffs=0..10:2", "--outputs", "return_wait"])
        #expect(mixed.status == 64 && mixed.stderr.contains("--sobol makes its own rows"))
        let small = try bargain(["batch", "--sobol", "1", "--outputs", "return_wait"])
        #expect(small.status == 64 && small.stderr.contains("at least 2"))
    }
}
