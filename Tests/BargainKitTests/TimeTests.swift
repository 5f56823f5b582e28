import Testing
@testable import BargainDiagnostics
@testable import BargainUnits
@testable import BargainAnalysis
@testable import BargainRendering
@testable import BargainNotebook
import Glibc

/// Time in the language, on small timelines worked by hand: series, recurrences, reductions,
/// by-year lists, the shape checks, and `chart`.
@Suite struct TimeTests {
    /// Two contract years; a referral rate that rises in year 2; a backlog that starts at 50,
    /// falls by 5 a week while the rate is 10 (under the 15 seen), then grows by 5 a week.
    static let backlog = """
        week = timeline(104)
        year = ceil(week / 52 wk)
        rate = [10 visits/wk, 20 visits/wk][year]
        backlog = max(0 visits, previous(backlog, 50 visits) + (rate - 15 visits/wk) * 1 wk)
        """

    func values(_ name: String, after code: String) -> [Double] {
        var notebook = Notebook()
        let results = notebook.submit(code).results
        for result in results { if case .failure(let d) = result.result { Issue.record("\(d.message)") } }
        return valueOf(notebook, name)?.numbers ?? []
    }

    @Test func aRecurrenceStartsFromItsStartAndReadsLastWeek() {
        let weeks = values("backlog", after: Self.backlog)
        #expect(weeks.count == 104)
        // Week 1: 50 - 5; week 10: empty, and it stays empty while the rate is low.
        #expect(weeks[0] == 45 && weeks[8] == 5 && weeks[9] == 0 && weeks[51] == 0)
        // Year 2 adds 5 a week from empty: week 104 is 52 weeks × 5.
        #expect(weeks[52] == 5 && weeks[103] == 260)
    }

    @Test func reductions() {
        let code = Self.backlog + "\n"
        expectOutput(code + "sum(backlog)", "7,115 visits")   // 45+40+…+5 = 225, then 5+10+…+260 = 6,890
        expectOutput(code + "first(backlog)", "45 visits")
        expectOutput(code + "last(backlog)", "260 visits")
        expectOutput(code + "min(backlog)", "0 visits")
        expectOutput(code + "max(backlog)", "260 visits")
        expectOutput(code + "backlog[3]", "35 visits")
        expectOutput(code + "first_week(backlog <= 0 visits)", "10 wk")
        expectOutput(code + "first_week(backlog > 1000 visits)", "∞ wk")
        expectOutput(code + "mean_by_year(rate)", "[10 visits/wk, 20 visits/wk]")
        expectOutput(code + "sum_by_year(rate * 1 wk)", "[520 visits, 1,040 visits]")
        #expect(abs((number("m", after: code + "m = mean(backlog)", model: false) ?? 0) - 7115.0 / 104) < 1e-12)
    }

    @Test func elementWiseMinMaxAndIf() {
        let code = Self.backlog + "\n"
        #expect(values("capped", after: code + "capped = min(rate, 12 visits/wk)").prefix(53).suffix(2) == [10, 12])
        #expect(values("late", after: code + "late = if week > 52 wk then 1 else 0").reduce(0, +) == 52)
    }

    @Test func shapesAreCheckedLikeUnits() {
        expectFailure("week = timeline(52)\nweek + [1 wk, 2 wk]", .listLengthMismatch, "a by-week series and a list")
        expectFailure("week = timeline(52)\nweek + [1, 2]", .dimensionMismatch, "a series in wk")
        expectFailure("week = timeline(8)\nyear = ceil(week / 52 wk)\nmean_by_year(year)", .typeMismatch, "whole number of contract years")
    }

    @Test func recurrenceMistakesAreLocated() {
        expectFailure("week = timeline(8)\nx = previous(x) + 1", .wrongArity, "needs a start")
        expectFailure("week = timeline(8)\nx = x[2] + 1", .cycle, "previous(x, start)")
        expectFailure("week = timeline(8)\nx = previous(x, 0) + sum(x)", .cycle, "computed yet")
        expectFailure("week = timeline(8)\na = b + week; b = a * 2", .cycle, "b -> a -> b")
    }

    @Test func chartDrawsASeriesOverTheWeeksWithYearsMarked() {
        let text = output(Self.backlog + "\nchart backlog")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "backlog (visits)")
        // The value axis starts at zero and tops at the largest week.
        #expect(lines[1].hasPrefix("260 visits ┤") && lines[10].hasPrefix("  0 visits ┤"))
        // 104 weeks fit one column per 2 weeks: 52 columns, the end of year 1 marked under column 26.
        let axis = lines[11].drop(while: { $0 == " " })
        #expect(axis.count == 53 && Array(axis)[26] == "┴")
        #expect(lines[12].contains("year 1") && lines[12].contains("year 2"))
        #expect(lines[13].contains("weeks 1–104, each column the mean of 2 weeks"))
    }

    @Test func chartStartsWhereAskedAndRefusesASingleValue() {
        let text = output(Self.backlog + "\nchart backlog from 100 visits")
        #expect(text.split(separator: "\n")[10].hasPrefix("100 visits ┤"))
        expectFailure(Self.backlog + "\nchart backlog from 3 wk", .dimensionMismatch, "write it in visits")
        expectFailure(Self.backlog + "\nchart sum(backlog)", .typeMismatch, "nothing to chart over the weeks")
        let years = output(Self.backlog + "\nchart mean_by_year(rate)")
        #expect(years.contains("year 1 │") && years.contains("year 2 │") && years.hasSuffix("20 visits/wk"))
    }

    /// Staff and quits read each other: quits from last week's staff, staff from this week's
    /// quits. Written in any order in a model file, they are computed week by week together.
    static let turnover = """
        week = timeline(104)
        rate = 1%/wk
        hires = 20 staff/wk
        quits = previous(headcount, 1000 staff) * rate * 1 wk
        headcount = previous(headcount, 1000 staff) - quits + hires * 1 wk
        twice = headcount * 2
        """

    func model(_ text: String) throws(Diagnostic) -> Notebook {
        try Notebook.loading(models: [Source(name: "m.bargain", text: text)])
    }

    @Test func seriesThatReadEachOthersLastWeekAreComputedTogether() throws {
        var notebook = try model(Self.turnover)
        // H(t) = 0.99 H(t-1) + 20 from 1,000: H(t) = 2,000 - 1,000 × 0.99^t.
        let staff = try #require(valueOf(notebook, "headcount")?.numbers)
        let quits = try #require(valueOf(notebook, "quits")?.numbers)
        for t in [1, 2, 52, 104] {
            #expect(abs(staff[t - 1] - (2000 - 1000 * pow(0.99, Double(t)))) < 1e-9)
            let before = t == 1 ? 1000 : staff[t - 2]
            #expect(abs(quits[t - 1] - before * 0.01) < 1e-12)
        }
        #expect(valueOf(notebook, "twice")?.numbers.last == staff.last.map { $0 * 2 })
        // An edit at the prompt re-projects both; a sweep (the plan) agrees with the prompt.
        _ = notebook.submit("rate = 2%/wk")
        #expect(abs((valueOf(notebook, "headcount")?.numbers.last ?? 0) - 1000) < 1e-9)
        let sweep = OutcomeText.render(try #require(try notebook.submit("sweep rate in [1%/wk, 2%/wk]: last(headcount)").results.last?.result.get()))
        #expect(sweep.contains("1%/wk      1,648 staff") && sweep.contains("2%/wk      1,000 staff"))
    }

    /// The error a model file gives; a recorded failure if it loads.
    func modelError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Diagnostic? {
        do {
            _ = try model(text)
            Issue.record("expected an error from: \(text)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    @Test func aLoopWithinAWeekIsStillACycle() {
        #expect(modelError("week = timeline(8)\na = b + week\nb = a * 2")?.code == .cycle)
        let total = modelError("week = timeline(8)\na = previous(b, 1) + 1\nb = a + sum(a)")
        #expect(total?.code == .cycle && total?.message.contains("not computed yet") == true, "\(total?.message ?? "")")
        let number = modelError("week = timeline(8)\na = previous(b, 1) + week / 1 wk\nb = sum(a)")
        #expect(number?.code == .typeMismatch && number?.message.contains("must be a series") == true, "\(number?.message ?? "")")
        let start = modelError("week = timeline(8)\na = previous(b, 1 wk) + week\nb = a / 1 wk")
        #expect(start?.code == .dimensionMismatch, "\(start?.message ?? "")")
    }

    @Test func aModelFileMayDefineNamesInAnyOrder() throws {
        let notebook = try model("total = a + b\na = 2\nb = 3")
        #expect(valueOf(notebook, "total") == .number(5))
    }

    /// A sweep's chart starts at zero too and marks the points that were computed.
    @Test func sweepChartsStartAtZeroAndMarkComputedPoints() throws {
        var notebook = loadedModel()
        guard case .success(.table(let table))? = notebook.submit("sweep layoffs from 0 staff to 600 staff step 150 staff: return_wait").results.last?.result,
              let chart = table.charts.first else {
            Issue.record("no chart")
            return
        }
        let lines = ChartText.render(chart, style: .unicode).split(separator: "\n").map(String.init)
        #expect(lines[10].hasPrefix("    0 bd ┤"), "\(lines)")
        #expect(lines[11].filter { $0 == "┴" }.count == 5, "\(lines[11])")
    }

    @Test func chartIsStillANameAModelMayDefine() {
        expectOutput("chart = 3\nchart * 2", "6")
    }
}
