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
        try "unit shift = 8 h\ncoverage = 2 shift/wk\ncost = coverage * $50/h\n".write(toFile: model, atomically: false, encoding: .utf8)
        let grid = directory.appendingPathComponent("grid.csv").path
        try "coverage[shift/wk]\n1\n3\n".write(toFile: grid, atomically: false, encoding: .utf8)
        let result = try bargain(["batch", "--model", model, "--grid", grid, "--outputs", "cost"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "coverage[shifts/wk],cost[$/wk]\n1,400\n3,1200\n")
    }

    @Test func aDimensionOfItsOwnInAModelAScenarioFileAndABatch() throws {
        let directory = try temporaryDirectory()
        let model = directory.appendingPathComponent("beds.bargain").path
        try "unit bed\nbeds_open = 40 beds\ncost_per_bed = $120/bed/day\nweekly_cost = beds_open * cost_per_bed\n"
            .write(toFile: model, atomically: false, encoding: .utf8)
        let offer = directory.appendingPathComponent("more-beds.bargain").path
        try "beds_open = 55 beds\n".write(toFile: offer, atomically: false, encoding: .utf8)
        // An input the model defines keeps its dimension at the prompt, though nothing it feeds
        // would break; one typed at the prompt is a scratch pad.
        let repl = try bargain(["--model", model, "--scenario", offer], input: "more_beds.weekly_cost\nbeds_open = 5 staff\nbeds_open = 5\nn = 2 beds\nn = 3 h\n")
        #expect(repl.stdout.contains("more_beds.weekly_cost = $6,600/day"), "\(repl.stdout)\(repl.stderr)")
        #expect(repl.stderr.contains("`beds_open` is in beds; this is in staff"), "\(repl.stderr)")
        #expect(repl.stderr.contains("`beds_open` is in beds; this is a plain number"), "\(repl.stderr)")
        #expect(repl.stderr.contains("help: write `5 beds`"), "\(repl.stderr)")
        #expect(repl.stdout.hasSuffix("n = 2 beds\nn = 3 h\n"), "\(repl.stdout)")
        let grid = directory.appendingPathComponent("grid.csv").path
        try "beds_open[bed]\n10\n20\n".write(toFile: grid, atomically: false, encoding: .utf8)
        let batch = try bargain(["batch", "--model", model, "--grid", grid, "--outputs", "weekly_cost"])
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(batch.stdout == "beds_open[beds],weekly_cost[$/day]\n10,1200\n20,2400\n", "\(batch.stdout)")
        let wrong = directory.appendingPathComponent("wrong.csv").path
        try "beds_open[staff]\n10\n".write(toFile: wrong, atomically: false, encoding: .utf8)
        let refused = try bargain(["batch", "--model", model, "--grid", wrong, "--outputs", "weekly_cost"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("bed"), "\(refused.stderr)")
    }
}

/// A `[%]` column of shares: 0.45 under `outsourcing_share[%]` is 0.45%; a batch whose values
/// all look like the other reading says so (issue 14).
@Suite struct PercentColumnWarningTests {
    @Test func sharesUnderAPercentHeaderWarn() throws {
        let directory = try temporaryDirectory()
        func run(_ grid: String) throws -> RunResult {
            let path = directory.appendingPathComponent("grid-\(abs(grid.hashValue)).csv").path
            try grid.write(toFile: path, atomically: false, encoding: .utf8)
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

/// `import "file"` in a model: files relative to the one that names them, each read once, cycles
/// and a name defined twice refused, and nowhere but a model file (issue 14).
@Suite struct ModelImportTests {
    @Test func aModelImportsItsParts() throws {
        let directory = try temporaryDirectory()
        func write(_ name: String, _ text: String) throws {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: false, encoding: .utf8)
        }
        try write("model.bargain", "import \"parts/rates.bargain\"\nimport \"common.bargain\"\nseverance_pay = pay_weeks * weekly_pay\n")
        try write("parts/rates.bargain", "import \"../common.bargain\"\npay_weeks = lookup(tenure, [0 yr, 5 yr, 10 yr], [2 wk, 4 wk, 8 wk])\n")
        try write("common.bargain", "tenure = 7 yr\nweekly_pay = $1800/wk\n")
        let model = directory.appendingPathComponent("model.bargain").path
        let ok = try bargain(["--model", model], input: "severance_pay\n")
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout == "severance_pay = $7,200\n", "common.bargain is read once, through either path")

        try write("parts/rates.bargain", "import \"../model.bargain\"\npay_weeks = 2 wk\n")
        let cycle = try bargain(["--model", model], input: "")
        #expect(cycle.status == 65)
        #expect(cycle.stderr.contains("these files import each other: model.bargain -> rates.bargain -> model.bargain"))

        try write("parts/rates.bargain", "tenure = 3 yr\npay_weeks = 2 wk\n")
        let twice = try bargain(["--model", model], input: "")
        #expect(twice.status == 65)
        #expect(twice.stderr.contains("`tenure` is defined in"), "\(twice.stderr)")

        try write("parts/rates.bargain", "import \"missing.bargain\"\npay_weeks = 2 wk\n")
        let missing = try bargain(["--model", model], input: "")
        #expect(missing.status == 74)
        #expect(missing.stderr.contains("cannot import missing.bargain"))
        #expect(missing.stderr.contains("the path is relative to rates.bargain"))

        // At the prompt (and so in a session someone sends) an import reads nothing.
        let prompt = try bargain([], input: "import \"\(directory.appendingPathComponent("common.bargain").path)\"\ntenure\n")
        #expect(prompt.stderr.contains("only a model file may hold one"))
        #expect(prompt.stderr.contains("unknown name `tenure`"))
    }
}

/// `reset NAME`: a scenario back to its file, baseline back to the model; a statement, so a
/// saved session replays it (issue 14).
@Suite struct ResetTests {
    @Test func resetPutsBackWhatTheFilesSay() throws {
        let result = try bargain([], input: """
            use union_2025
            hires = 5 staff
            use baseline
            layoffs = 150 staff
            reset union_2025
            union_2025.hires
            reset baseline
            layoffs
            union_2025.layoffs
            scenario mine from baseline { hires = 3 staff }
            reset mine
            """ + "\n")
        #expect(result.stdout.contains("reset union_2025 to its file: ai_triage_share, raises\nnote: it still follows baseline's edits (layoffs = 150 staff); `reset baseline` puts the model's values back"), "\(result.stdout)")
        #expect(result.stdout.contains("union_2025.hires = 0 staff"))
        #expect(result.stdout.contains("reset baseline to the model's values: layoffs\nlayoffs = 0 staff\nunion_2025.layoffs = 0 staff"))
        #expect(result.stderr.contains("`mine` was made here, not loaded from a file"))
    }
}

/// `precision N`: more digits when packages differ by less than four show, kept by the session
/// so that a replay shows what the table saw (issue 14).
@Suite struct PrecisionTests: ScratchFolder {
    let directory: URL

    init() throws {
        directory = try temporaryDirectory()
    }

    @Test func precisionShowsMoreDigitsFromTheNextCellOn() throws {
        let result = try run([], """
            compare baseline, union_2025: contract_total_cost
            precision 6
            compare baseline, union_2025: contract_total_cost
            :precision 2
            return_wait
            :undo
            :undo
            return_wait
            precision 0
            precision 4.5
            :precision
            """ + "\n")
        #expect(result.stdout.contains("contract_total_cost   $2.748B     $2.917B  +$168.7M  +6.14%"), "\(result.stdout)")
        #expect(result.stdout.contains("precision: 6 significant digits\n"))
        #expect(result.stdout.contains("contract_total_cost  $2.7483B   $2.91703B  +$168.735M  +6.13961%"), "\(result.stdout)")
        // `:precision 2` is the cell `precision 2`; `:undo` takes it back with the cell.
        #expect(result.stdout.contains("precision: 2 significant digits\nreturn_wait = 15 bd\nundid [5] return_wait\nundid [4] precision 2\nreturn_wait = 15.1975 bd"), "\(result.stdout)")
        #expect(result.stderr.contains("`precision` must be a whole number from 1 to 15"))
        #expect(result.stderr.components(separatedBy: "must be a whole number").count == 3, "\(result.stderr)")
        #expect(result.stderr.contains("`:precision` needs a number of significant digits"))
    }

    @Test func aSavedSessionReplaysWithItsPrecision() throws {
        let saved = try run([], "return_wait\nprecision 7\nreturn_wait\ncontract_total_cost in $M\n:save digits\n:export digits.html\n")
        #expect(saved.status == 0, "\(saved.stderr)")
        let file = try read("Sessions/digits.session")
        #expect(file.contains("  [1]> return_wait\n  return_wait = 15.2 bd\n  [2]> precision 7\n  precision: 7 significant digits\n  [3]> return_wait\n  return_wait = 15.19749 bd\n"), "\(file)")
        #expect(file.contains("contract_total_cost = $2,748.295M"), "\(file)")
        let check = try run(["replay", "Sessions/digits.session", "--check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let html = try read("digits.html")
        #expect(html.contains("15.19749 bd"))
        #expect(html.contains("15.2 bd"))
        let json = try run(["run", "--json", try temporaryFile("digits.bargain", "precision 6\nreturn_wait\n")])
        #expect(json.stdout.contains("\"kind\":\"precision\",\"digits\":6"), "\(json.stdout)")
        #expect(json.stdout.contains("\"text\":\"return_wait = 15.1975 bd\""), "\(json.stdout)")
    }
}
