import Foundation
import Testing

/// Issue 10's "also at the table": a grid per output, and `P(…)` in sweep and solve.
@Suite struct AtTheTableTests {
    @Test func twoLeverSweepShowsEveryOutput() throws {
        let result = try bargain([], input: "sweep layoffs from 0 staff to 300 staff step 150 staff, hires in [0 staff, 200 staff]: return_wait, annual_cost\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("return_wait (bd)\nlayoffs \\ hires"))
        #expect(result.stdout.contains("annual_cost ($/yr)\nlayoffs \\ hires"))
        #expect(result.stdout.contains("      150 staff  22.75 bd"), "\(result.stdout)")
    }

    @Test func chanceInSweepAndSolve() throws {
        let result = try bargain([], input: """
            misroute_ai = 10% to 25%
            no_show_rate = 5% to 15%
            sweep outsourcing_share from 30% to 50% step 10%: P(return_wait > 15 bd)
            solve outsourcing_share so P(return_wait > 15 bd) <= 10%
            """ + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        // The chance falls as more patients go outside, from certain to rare.
        let rows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("              ") && $0.hasSuffix("%") }
        let chances = rows.compactMap { Double($0.split(separator: " ").last!.dropLast().replacingOccurrences(of: ",", with: "")) }
        #expect(chances.count == 3, "\(result.stdout)")
        #expect(chances == chances.sorted(by: >))
        #expect(chances.first == 100)
        #expect(result.stdout.contains("the share of 4,000 draws at each point"))
        #expect(result.stdout.contains("the smallest outsourcing_share with P(return_wait > 15 bd) <= 10%"))
        #expect(!result.stdout.contains("kink"), "a chance is a step function of the input: no kink to report")
    }

    @Test func chanceIsCheckedAndCounted() throws {
        let notCondition = try bargain([], input: "sweep layoffs in [0 staff]: P(return_wait)\n")
        #expect(notCondition.status != 0)
        #expect(notCondition.stderr.contains("`P(…)` takes a condition"))
        let tooMany = try bargain([], input: "sweep layoffs from 0 staff to 2000 staff step 1 staff: P(return_wait > 15 bd)\n")
        #expect(tooMany.status != 0)
        #expect(tooMany.stderr.contains("at most 1,000 points with a P(…)"))
    }
}

/// A model's own units in a batch header and in a scenario file.
@Suite struct ModelUnitsCommandTests {
    @Test func aModelsUnitInABatchHeader() throws {
        let directory = try temporaryDirectory()
        let model = directory.appendingPathComponent("shifts.bargain").path
        try "unit shift = 8 h\ncoverage = 2 shift/wk\ncost = coverage * $50/h\n".write(toFile: model, atomically: true, encoding: .utf8)
        let grid = directory.appendingPathComponent("grid.csv").path
        try "coverage[shift/wk]\n1\n3\n".write(toFile: grid, atomically: true, encoding: .utf8)
        let result = try bargain(["batch", "--model", model, "--grid", grid, "--outputs", "cost"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "coverage[shift/wk],cost[$/wk]\n1,400\n3,1200\n")
    }
}

/// A `[%]` column of shares: 0.45 under `outsourcing_share[%]` is 0.45%; a batch whose values
/// all look like the other reading says so (issue 14).
@Suite struct PercentColumnWarningTests {
    @Test func sharesUnderAPercentHeaderWarn() throws {
        let directory = try temporaryDirectory()
        func run(_ grid: String) throws -> RunResult {
            let path = directory.appendingPathComponent("grid-\(abs(grid.hashValue)).csv").path
            try grid.write(toFile: path, atomically: true, encoding: .utf8)
            return try bargain(["batch", "--grid", path, "--outputs", "return_wait", "--keep-going"])
        }
        let shares = try run("outsourcing_share[%]\n0.40\n0.45\n")
        #expect(shares.stderr.contains("warning: every value in `outsourcing_share[%]` is at most 1"), "\(shares.stderr)")
        #expect(shares.stdout.hasPrefix("outsourcing_share[%],return_wait[bd]"), "the rows are still written, as read")
        let percents = try run("outsourcing_share[%]\n40\n45\n")
        #expect(!percents.stderr.contains("warning"))
        let plain = try run("outsourcing_share\n0.40\n0.45\n")
        #expect(!plain.stderr.contains("warning"), "a bare number under a plain header is the share itself")
    }
}
