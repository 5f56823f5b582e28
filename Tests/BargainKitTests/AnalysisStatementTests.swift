import Foundation
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

/// The outcome of the last statement of `code` run on the default model.
func lastOutcome(_ code: String, model: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) -> Outcome? {
    var notebook = model ? loadedModel() : Notebook()
    let cell = notebook.submit(code)
    switch cell.results.last?.result {
    case .success(let outcome)?: return outcome
    case .failure(let diagnostic)?:
        Issue.record("unexpected error: \(DiagnosticRenderer().render(diagnostic))", sourceLocation: sourceLocation)
    case nil: Issue.record("no outcome", sourceLocation: sourceLocation)
    }
    return nil
}

func lastTable(_ code: String, model: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) -> Table? {
    guard case .table(let table)? = lastOutcome(code, model: model, sourceLocation: sourceLocation) else { return nil }
    return table
}

@Suite struct WatchTests {
    @Test func watchedValuesAreShownWithTheirChangeAfterEveryEdit() {
        var notebook = loadedModel()
        _ = notebook.submit("watch return_wait, annual_cost")
        let cell = notebook.submit("layoffs = 150 staff")
        let texts = cell.results.map(CellText.render)
        #expect(texts == ["layoffs = 150 staff\nnote: union_2025 follows baseline here and no longer matches its file; `:scenarios` lists what each carries", "return_wait 15.2 → 22.75 bd (+7.553)\nannual_cost $687.8M/yr → $662.2M/yr (-$25.57M/yr)"])
        _ = notebook.submit("unwatch annual_cost")
        #expect(CellText.render(notebook.submit("hires = 0 staff")) == "hires = 0 staff\nreturn_wait = 22.75 bd (unchanged)")
        _ = notebook.submit("unwatch")
        #expect(notebook.submit("hires = 1 staff").results.count == 1)
    }

    @Test func aTypoIsAnErrorWhenWatched() {
        expectFailure("watch retrun_wait", .unknownName, model: true)
        expectFailure("unwatch fte", .unknownName, "not watched", model: true)
    }
}

@Suite struct SweepTests {
    @Test func aRangeOfOneInput() throws {
        let table = try #require(lastTable("sweep layoffs from 0 staff to 600 staff step 200 staff: return_wait, headcount"))
        #expect(table.rows.map { $0.map(\.text) } == [
            ["0 staff", "15.2 bd", "2,400 staff"], ["200 staff", "25.5 bd", "2,200 staff"],
            ["400 staff", "37.92 bd", "2,000 staff"], ["600 staff", "53.17 bd", "1,800 staff"],
        ])
        #expect(table.charts.count == 2)
    }

    @Test func stepsThatDoNotDivideTheRangeStillEndAtItsEnd() throws {
        let table = try #require(lastTable("sweep layoffs from 0 to 500 step 150: headcount"))
        #expect(table.rows.map { $0[0].text } == ["0 staff", "150 staff", "300 staff", "450 staff", "500 staff"])
        let fine = try #require(lastTable("sweep strike_days from 0 bd to 1 bd step 0.1 bd: cancelled_visits"))
        #expect(fine.rows.count == 11, "floating-point steps do not add or drop a point")
    }

    @Test func aListOfValues() throws {
        let table = try #require(lastTable("sweep ai_triage_share in [0%, 50%, 100%]: high_risk_delayed"))
        #expect(table.rows.map { $0.map(\.text) } == [["0%", "54.73 patients/wk"], ["50%", "68.41 patients/wk"], ["100%", "82.09 patients/wk"]])
    }

    @Test func aGridOfTwoInputs() throws {
        let table = try #require(lastTable("sweep layoffs from 0 to 200 step 200, indirect_hours in [3.5 h/wk/FTE, 7.5 h/wk/FTE]: return_wait"))
        #expect(table.columns.map(\.title) == ["layoffs \\ indirect_hours", "3.5 h/wk/FTE", "7.5 h/wk/FTE"])
        #expect(table.rows[0][2].text == "15.2 bd")
    }

    @Test func pointsWithNoValueAreMarkedAndExplained() throws {
        let table = try #require(lastTable("sweep layoffs in [0 staff, 3000 staff]: return_wait"))
        #expect(table.rows[1][1].text == "error")
        #expect(table.notes.first?.contains("layoffs must be fewer than therapists") == true)
    }

    @Test func errors() {
        expectFailure("sweep layoffs from 0 staff to 10 staff step 0 staff: fte", .domain, "more than zero", model: true)
        expectFailure("sweep layoffs from 0 bd to 10 bd step 1 bd: fte", .dimensionMismatch, "in staff", model: true)
        expectFailure("sweep layoffs from 0 to 1e9 step 1: fte", .limit, "bargain batch", model: true)
        expectFailure("sweep raises from 0 to 1 step 1: fte", .typeMismatch, model: true)
        expectFailure("sweep layoffs from 0 to 1 step 1: labor_by_week", .typeMismatch, "single number", model: true)
    }
}

@Suite struct SolveTests {
    func solved(_ code: String) -> (Double, [String])? {
        guard case .solved(let solution)? = lastOutcome(code) else { return nil }
        return (solution.value, SolutionText.notes(solution))
    }

    @Test func findsTheInputThatHitsTheTarget() throws {
        let (layoffs, _) = try #require(solved("solve layoffs so return_wait = 20 bd"))
        expectOutput("layoffs = \(layoffs) staff\nreturn_wait", "return_wait = 20 bd", model: true)
        var notebook = loadedModel()
        _ = notebook.submit("layoffs = \(layoffs) staff")
        guard case .success(let wait)? = notebook.workspace.value(of: "return_wait") else { return }
        #expect(abs((wait.scalar ?? 0) / 0.2 - 20) < 1e-9)
    }

    @Test func largestAndSmallest() throws {
        let (most, _) = try #require(solved("solve layoffs so return_wait <= 20 bd in 0..600"))
        let (exact, _) = try #require(solved("solve layoffs so return_wait = 20 bd in 0..600"))
        #expect(abs(most - exact) < 1e-6)
        let (hires, _) = try #require(solved("solve hires so return_compliance >= 80%"))
        expectOutput("hires = \(hires) staff\nreturn_compliance", "return_compliance = 80%", model: true)
        expectOutput("hires = \(hires - 0.01) staff\nreturn_compliance < 80%", "true", model: true)
    }

    @Test func byYearOutputsAreWrittenOutYearByYear() {
        let sweep = output("sweep hires from 0 staff to 200 staff step 100 staff: return_wait_by_year", model: true)
        let lines = sweep.split(separator: "\n")
        #expect(lines[0].contains("return_wait_by_year[1]") && lines[0].contains("return_wait_by_year[4]"))
        #expect(lines[2].hasSuffix("15.2 bd                15.69 bd                16.28 bd                16.91 bd"))
        #expect(output("diff baseline employer_2025: return_wait_by_year", model: true).contains("return_wait_by_year[4]  baseline"))
        expectFailure("sweep hires in [0, 100]: staff_by_week", .typeMismatch, "`max(staff_by_week)`", model: true)
    }

    @Test func atMostFindsTheFewestHiresWhenTheOutputFalls() throws {
        // The wait falls as hires rise: the answer is where `<=` starts to hold, not the range's end.
        let (hires, _) = try #require(solved("solve hires so max(return_wait_by_year) <= 10 bd in 0..1000"))
        #expect(hires > 1 && hires < 999)
        expectOutput("hires = \(hires + 0.01) staff\nmax(return_wait_by_year) <= 10 bd", "true", model: true)
        expectOutput("hires = \(hires - 0.01) staff\nmax(return_wait_by_year) <= 10 bd", "false", model: true)
        #expect(output("solve layoffs so return_wait <= 200 bd in 0..100", model: true).contains("holds at every layoffs tried, from 0 staff to 100 staff: nothing to solve"))
    }

    @Test func noRootInRangeSaysSo() {
        expectFailure("solve layoffs so return_wait = 10 bd in 0..600", .noSolution, "goes from 15.2 bd to 53.17 bd", model: true)
        expectFailure("solve layoffs so headcount = -5 staff in 0..100", .noSolution, model: true)
    }

    @Test func anAnswerOnAKinkIsFlagged() throws {
        // Outsourced visits are capped by the network: past the cap, more outsourcing sends nobody out.
        let (share, notes) = try #require(solved("solve outsourcing_share so outsourced_visits = 35000 visits/wk in 0..1"))
        #expect(abs(share - 35_000.0 / (9_950 * 8)) < 1e-9)
        #expect(notes.contains { $0.contains("kink") })
    }

    @Test func aJumpPastTheTargetIsFlagged() throws {
        var notebook = Notebook()
        _ = notebook.submit("x = 1\ny = if x < 5 then x else x + 10")
        guard case .solved(let solution)? = notebook.submit("solve x so y = 10 in 0..10").results.last.flatMap({ try? $0.result.get() }) else {
            Issue.record("no solution reported")
            return
        }
        #expect(abs(solution.value - 5) < 1e-6)
        #expect(solution.notes.contains { if case .jumpsPast = $0 { true } else { false } })
        #expect(SolutionText.notes(solution).contains { $0.contains("jumps") })
    }
}

@Suite struct DiffTests {
    @Test func contributionsAddUpToTheTotalChange() throws {
        let table = try #require(lastTable("diff employer_2025 union_2025: annual_cost, return_wait, high_risk_delayed"))
        // Each output is a group of rows: its start, one row per input, and its end.
        var groups: [[[Table.Cell]]] = []
        for row in table.rows {
            if row[0] != .empty { groups.append([]) }
            groups[groups.count - 1].append(row)
        }
        #expect(groups.count == 3)
        for group in groups {
            guard case .quantity(let start, _) = group.first?[4], case .change(let total, _) = group.last?[3],
                  case .quantity(let end, _) = group.last?[4] else {
                Issue.record("a group without start or end")
                continue
            }
            let sum = group.dropFirst().dropLast().reduce(0.0) { sum, row in
                if case .change(let c, _) = row[3] { return sum + c }
                return sum
            }
            #expect(group.count == 7, "start, five inputs, end")
            #expect(abs(sum - total) <= 1e-9 * max(1, abs(total)))
            #expect(abs(start + total - end) <= 1e-9 * max(1, abs(end)))
        }
        #expect(table.notes[0].contains("layoffs 150 staff → 0 staff"))
    }

    @Test func interactingInputsShareTheirJointEffect() throws {
        var notebook = Notebook()
        _ = notebook.submit("a = 1\nb = 1\ny = a * b\nscenario s { a = 3; b = 5 }")
        guard case .success(.table(let table))? = notebook.submit("diff baseline s: y").results.last?.result else {
            Issue.record("no table")
            return
        }
        // y goes from 1 to 15; a alone gives +2, b alone +4, together +14. Shapley averages the
        // two orders: a gets (2 + 10) / 2 = 6, b gets (4 + 12) / 2 = 8.
        let changes = table.rows.compactMap { row -> (String, Double)? in
            guard case .text(let name) = row[2], case .change(let c, _) = row[3] else { return nil }
            return (name, c)
        }
        #expect(changes.first { $0.0 == "a" }?.1 == 6)
        #expect(changes.first { $0.0 == "b" }?.1 == 8)
        #expect(changes.first { $0.0 == "s" }?.1 == 14)
    }

    @Test func manyInputsAreSampledAndStillAddUp() throws {
        var code = "y = 0"
        var overrides: [String] = []
        for i in 0..<12 {
            code = "x\(i) = 1\n" + code + " + x\(i) * x\((i + 1) % 12)"
            overrides.append("x\(i) = \(i + 2)")
        }
        code += "\nscenario s { \(overrides.joined(separator: "; ")) }"
        var notebook = Notebook()
        #expect(!notebook.submit(code).failed)
        guard case .success(.table(let table))? = notebook.submit("diff baseline s: y").results.last?.result else {
            Issue.record("no table")
            return
        }
        #expect(table.notes.contains { $0.contains("sampled") })
        var sum = 0.0, total = 0.0
        for row in table.rows {
            guard case .change(let c, _) = row[3] else { continue }
            if row[2] == .text("s") { total = c } else { sum += c }
        }
        #expect(abs(sum - total) <= 1e-9 * abs(total))
    }

    @Test func identicalScenariosAndMismatchedShapes() throws {
        let table = try #require(lastTable("scenario same {}\ndiff baseline same: fte"))
        #expect(table.notes.first?.contains("nothing to attribute") == true)
        expectFailure("scenario deal { raises = [4%, 3%, 3%]; lump_sums = [1%, 0%, 1%] }\ndiff baseline deal: annual_cost",
                      .typeMismatch, "different shape", model: true)
    }
}

@Suite struct SensitivityTests {
    @Test func widestSwingFirst() throws {
        let table = try #require(lastTable("sensitivity annual_cost over referrals, salary, layoffs by 10%"))
        #expect(table.rows.map { $0[0].text } == ["salary", "referrals"])
        #expect(table.notes.contains { $0.contains("layoffs") && $0.contains("zero") })
        #expect(table.rows[0][3].text == "$654.8M/yr")
        #expect(table.charts.count == 1)
    }

    @Test func badShare() {
        expectFailure("sensitivity fte by 2 staff", .domain, model: true)
    }
}

@Suite struct SimulateTests {
    @Test func percentilesOfAKnownDistribution() throws {
        // 10 to 30 is a lognormal whose 5th and 95th percentiles are 10 and 30, median √300.
        let table = try #require(lastTable("x = 10 to 30\nsimulate 100000 seed 3: x", model: false))
        guard case .quantity(let p5, _) = table.rows[0][4], case .quantity(let p50, _) = table.rows[0][5],
              case .quantity(let p95, _) = table.rows[0][6] else {
            Issue.record("no percentiles")
            return
        }
        // Sampling error of a 5th percentile with 100,000 draws is about 0.7%: allow 3%.
        #expect(abs(p5 - 10) / 10 < 0.03)
        #expect(abs(p50 - 300.0.squareRoot()) / 300.0.squareRoot() < 0.01)
        #expect(abs(p95 - 30) / 30 < 0.03)
    }

    @Test func normalUniformAndTriangular() throws {
        let table = try #require(lastTable("a = normal(100 staff, 10 staff)\nb = uniform(0 wk, 2 wk)\nc = triangular(0, 1, 2)\nsimulate 50000 seed 5: a, b, c", model: false))
        guard case .quantity(let meanA, _) = table.rows[0][2], case .quantity(let sdA, _) = table.rows[0][3],
              case .quantity(let meanB, _) = table.rows[1][2], case .quantity(let medianC, _) = table.rows[2][5] else {
            Issue.record("no statistics")
            return
        }
        #expect(abs(meanA - 100) < 0.5 && abs(sdA - 10) < 0.3)
        #expect(abs(meanB - 1) < 0.02)
        #expect(abs(medianC - 1) < 0.02)
    }

    @Test func sameSeedSameNumbers() throws {
        let code = "scenario u { misroute_ai = 10% to 25%; referrals = 9000 patients/wk to 10000 patients/wk }\nuse u\nsimulate 5000 seed 9: intake_wait, P(intake_wait > 10 bd)"
        let first = try #require(lastTable(code)), second = try #require(lastTable(code))
        #expect(first.rows == second.rows)
        let other = try #require(lastTable(code.replacingOccurrences(of: "seed 9", with: "seed 10")))
        #expect(first.rows != other.rows)
    }

    @Test func withoutSimulateAnUncertainInputShowsItsMedian() {
        expectOutput("x = 10 to 40", "x = 20", model: false)
        expectOutput("x = uniform(1 wk, 3 wk)", "x = 2 wk", model: false)
    }

    @Test func impossibleDistributions() {
        expectFailure("x = 30 to 10", .domain, "low end", model: false)
        expectFailure("x = normal(1, -1)", .domain, model: false)
    }

    @Test func hugeRunsHitAClearLimit() {
        expectFailure("simulate 10000000: fte, capacity, headcount", .limit, "bargain batch --samples", model: true)
        expectFailure("simulate 0: fte", .domain, "whole number", model: true)
    }

    @Test func noUncertainInputsSaysSo() throws {
        let table = try #require(lastTable("simulate 10: fte"))
        #expect(table.notes.contains { $0.contains("no uncertain input") })
    }
}

@Suite struct StatisticsTests {
    @Test func selectionGivesTheSamePercentilesAsSorting() {
        var seed: UInt64 = 42
        for size in [1, 2, 3, 10, 101, 1000] {
            let values = (0..<size).map { _ -> Double in
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                return Double(seed >> 40 % 1000) / 7  // many ties
            }
            let sorted = values.sorted()
            let stats = Statistics(values)
            for p in [0.0, 0.05, 0.5, 0.95, 1.0] {
                let position = p * Double(size - 1)
                let i = Int(position.rounded(.down)), f = position - Double(i)
                let expected = i + 1 < size ? sorted[i] + (sorted[i + 1] - sorted[i]) * f : sorted[i]
                #expect(stats.percentile(p) == expected, "size \(size), p \(p)")
            }
        }
    }
}

/// Errors at the user's input, and the spellings a reader writes (issue 14).
@Suite struct TableReadyTests {
    @Test func anInputInTheWrongUnitIsReportedWhereItWasTyped() throws {
        let diagnostic = try #require(failure("layoffs = 150", model: true))
        let text = DiagnosticRenderer().render(diagnostic)
        #expect(text.contains("`layoffs` is in staff; this is a plain number") && text.contains("<input:1>:1:11"), "\(text)")
        #expect(diagnostic.help == "write `150 staff`")
        let hours = try #require(failure("indirect_hours = 5 h/wk", model: true))
        #expect(hours.message == "`indirect_hours` is in h/wk/FTE; this is in h/wk")
    }

    /// A share given as its plain value is still shown as a share, beside the others in `%`.
    @Test func aShareGivenAsAPlainNumberIsShownInPercent() {
        func shown(_ cells: [String], model: Bool = true) -> String {
            var notebook = model ? loadedModel() : Notebook()
            return cells.map { notebook.shown($0) }.last ?? "nothing"
        }
        #expect(shown(["outsourcing_share = 0.45"]).hasPrefix("outsourcing_share = 45%\n"))
        #expect(shown(["scenario s from baseline { outsourcing_share = 0.5 }", "s.outsourcing_share"]) == "s.outsourcing_share = 50%")
        #expect(shown(["x = 5%", "x = 0.3"], model: false) == "x = 30%")
        #expect(shown(["y = 3", "y = 0.3"], model: false) == "y = 0.3", "a plain number stays plain")
        #expect(shown(["leave = 6 wk/yr", "leave = 0.1"], model: false) == "leave = 5.2 wk/yr", "any unit of no dimension")
        let compared = shown(["outsourcing_share = 0.45", "compare baseline, employer_2025: outsourcing_share"])
        #expect(compared.contains("outsourcing_share       45%            50%   +5 pp"), "\(compared)")
        #expect(shown(["outsourcing_share = 1.5"]).contains("between 0% and 100%"))
    }

    @Test func pluralUnitsAreReadAfterANumberAndAfterIn() {
        expectOutput("3 weeks + 2 days + 8 hours", "3.333 wk")
        expectOutput("x = 2 years\nx in months", "x = 24 month")
        // `years` is also a value of the model: after a number it is the unit.
        expectOutput("2 years in wk", "104 wk", model: true)
    }

    /// "Wait ≤ 10 bd" is not "meets the 10-day rule": said where a wait meets the standard.
    @Test func anAverageWaitAtTheStandardIsNotTheRule() {
        #expect(output("use employer_2025\nsolve layoffs so return_wait <= 10 bd", model: true).contains("note: this is an average wait of 10 bd; the 10 bd rule is about each return"))
        #expect(!output("use employer_2025\nsolve layoffs so return_wait <= 12 bd", model: true).contains("average wait of"))
        #expect(output("compare baseline, employer_2025: return_wait", model: true)
            .hasSuffix("waits are averages: whether returns meet the 10 bd access standard is return_compliance, the share within it"))
    }

    @Test func sensitivityAndExplainTakeAScenario() {
        #expect(output("sensitivity return_wait in employer_2025", model: true).hasPrefix("return_wait = 4.311 bd; each input moved ±10%"))
        #expect(output("sensitivity return_wait in wk over indirect_hours", model: true).hasPrefix("return_wait in wk = 3.039 wk"))
        #expect(output("explain employer_2025.annual_cost depth 1", model: true).contains("(in employer_2025;"))
        expectFailure("explain annual_cost depth 0", .badStatement, "1 or more", model: true)
    }
}
