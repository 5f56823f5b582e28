import Foundation
import Testing
@testable import BargainDiagnostics
@testable import BargainUnits
@testable import BargainAnalysis
@testable import BargainRendering
@testable import BargainNotebook

/// Exhibits: SVG charts pinned byte for byte (golden files), escaping, scenario summaries, and a
/// replay's drift shown as such. The browser checks are in Tests/browser.
@Suite struct ExhibitTests {
    /// `Tests/BargainKitTests/Golden/NAME.svg`; `UPDATE_GOLDEN=1 swift test --filter ExhibitTests`
    /// rewrites them after a deliberate change (look at them in a browser before committing).
    func golden(_ name: String, _ svg: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name).svg")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (svg + "\n").write(to: url, atomically: false, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(svg + "\n" == expected, "the SVG of \(name) differs from Golden/\(name).svg", sourceLocation: sourceLocation)
    }

    static let staff = UnitProduct(Units.lookup("staff")!)
    static let bd = UnitProduct(Units.lookup("bd")!)

    @Test func aSweepIsALineWithAMarkerAtEachComputedPointFromZero() throws {
        let bd = ExhibitTests.bd, staff = ExhibitTests.staff
        let chart = Chart(.columns(x: [0, 150, 300, 450, 600], y: [3.304, 4.311, 8.424, 16.5, 25.93].map { $0 * bd.factor }),
                          title: "return_wait (bd) as layoffs varies", xLabel: "layoffs (staff)", yLabel: "return_wait (bd)",
                          unit: bd, xUnit: staff)
        let svg = SVGChart.render(chart, id: "sweep")
        #expect(svg.components(separatedBy: "<circle class=\"mark\"").count - 1 == 5)
        #expect(svg.contains(">0</text>"))  // the value axis starts at zero
        #expect(svg.contains("<title id=\"sweep-title\">") && svg.contains("<desc id=\"sweep-desc\">"))
        try golden("sweep", svg)
    }

    @Test func aTimelineMarksEachContractYear() throws {
        let visits = UnitProduct(Units.lookup("visits")!)
        let weeks = (0..<104).map { w in 100_000 + 20_000 * exp(-Double(w) / 20) }
        let chart = Chart(.timeline(values: weeks, yearLength: 52, floor: 0), title: "return_backlog_by_week (visits)",
                          xLabel: "week", yLabel: "return_backlog_by_week (visits)", unit: visits)
        let svg = SVGChart.render(chart, id: "timeline")
        #expect(svg.contains(">year 1</text>") && svg.contains(">year 2</text>"))
        #expect(!svg.contains(">year 3</text>"))
        try golden("timeline", svg)
    }

    @Test func aWaterfallShowsTotalsAsMarkersAndStepsByDirection() throws {
        let money = UnitProduct.dollars / UnitProduct(Units.lookup("yr")!)
        let m = 1e6 * money.factor
        let bars = [Chart.Bar("employer_2025", from: 705.6 * m, to: 705.6 * m),
                    Chart.Bar("outsourcing_share", from: 705.6 * m, to: 678.2 * m),
                    Chart.Bar("layoffs", from: 678.2 * m, to: 704.9 * m),
                    Chart.Bar("union_2025", from: 704.9 * m, to: 704.9 * m)]
        let chart = Chart(.bars(bars), title: "annual_cost: employer_2025 → union_2025", yLabel: "annual_cost ($/yr)", unit: money)
        let svg = SVGChart.render(chart, id: "waterfall")
        #expect(svg.contains(SVGChart.upColour) && svg.contains(SVGChart.downColour))
        #expect(svg.contains(">raises it</text>"))
        try golden("waterfall", svg)
    }

    @Test func aHistogramCountsDrawsFromZero() throws {
        let bd = ExhibitTests.bd
        let chart = Chart(.histogram(centers: [5, 7, 9, 11, 13].map { $0 * bd.factor }, counts: [10, 40, 80, 50, 20]),
                          title: "return_wait: draws per bin", xLabel: "return_wait (bd)", unit: .one, xUnit: bd)
        let svg = SVGChart.render(chart, id: "histogram")
        #expect(svg.components(separatedBy: "<rect class=\"mark\"").count - 1 == 5)
        try golden("histogram", svg)
    }

    @Test func aGridIsOneLinePerColumnWithALegend() throws {
        let bd = ExhibitTests.bd, staff = ExhibitTests.staff
        let chart = Chart(.lines(x: [0, 100, 200], series: [Chart.Series("indirect_hours = 3.5 h/wk/FTE", y: [4.5, 7.1, 11.9].map { $0 * bd.factor }),
                                                              Chart.Series("indirect_hours = 7.5 h/wk/FTE", y: [15.2, 20.1, 25.5].map { $0 * bd.factor })]),
                          title: "return_wait (bd) as layoffs and indirect_hours vary", xLabel: "layoffs (staff)", yLabel: "return_wait (bd)",
                          unit: bd, xUnit: staff)
        let svg = SVGChart.render(chart, id: "grid")
        #expect(svg.contains(">indirect_hours = 7.5 h/wk/FTE</text>"))
        #expect(svg.components(separatedBy: "<circle class=\"mark\"").count - 1 == 6)
        try golden("grid", svg)
    }

    @Test func ticksAreRoundNumbersCoveringTheData() {
        let bd = ExhibitTests.bd
        let ticks = AxisTicks.ticks(0, 25.93 * bd.factor, unit: bd).map { ($0 / bd.factor * 1000).rounded() / 1000 }
        #expect(ticks == [0, 10, 20, 30])
        #expect(AxisTicks.label(700e6 * (UnitProduct.dollars / UnitProduct(Units.lookup("yr")!)).factor,
                                UnitProduct.dollars / UnitProduct(Units.lookup("yr")!)) == "$700M")
        #expect(AxisTicks.label(0.45, .percent) == "45%")
    }

    /// A note or input holding markup comes out as text, in HTML, SVG and Markdown.
    @Test func textFromTheSessionIsEscapedEverywhere() {
        let hostile = "<script>alert(\"x\")</script> & <img src=x onerror=alert(1)> *bold* | pipe"
        let chart = Chart(.columns(x: [0, 1], y: [1, 2]), title: hostile, xLabel: hostile, unit: .one)
        let exhibit = Exhibit(header: .init(title: hostile, date: nil, modelName: hostile, modelHash: nil, seed: 0),
                              scenarios: [], items: [.note(hostile),
                                                     .cell(.init(number: 1, input: hostile, results: [.text(hostile), .outcome(.charts([chart]))],
                                                                 recorded: [hostile]))])
        let html = HTMLDocument.render(exhibit, generator: "test")
        #expect(!html.contains("<script") && !html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;"))
        let (markdown, charts) = MarkdownDocument.render(exhibit, chartStem: "r", generator: "test")
        // Inside a code fence markup is text already; everywhere else it must be escaped.
        var prose: [Substring] = [], fenced = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { fenced.toggle(); continue }
            if !fenced { prose.append(line) }
        }
        #expect(!prose.joined().contains("<script") && !prose.joined().contains("<img"))
        #expect(markdown.contains("```bargain\n" + hostile + "\n```"))
        #expect(markdown.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt; \\*bold\\* \\| pipe"))
        #expect(charts.count == 1 && !charts[0].svg.contains("<script"))
        #expect(markdown.contains("](r-chart-1.svg)"))
    }

    @Test func aMarkdownFenceIsLongerThanAnyBackticksInside() {
        #expect(MarkdownDocument.fenced("a ```` b", language: "text").first == "`````text")
    }

    @Test func theBasisIsTheModelsMark() {
        #expect(ScenarioSummary.split("S/A: the employer said so") == ("S/A", "the employer said so"))
        #expect(ScenarioSummary.split("lever: on the table") == ("lever", "on the table"))
        #expect(ScenarioSummary.split("a plain comment: with a colon") == (nil, "a plain comment: with a colon"))
    }

    /// A baseline edit carries into the proposals: they no longer match their file, until it is put back.
    @Test func aBaselineEditFlagsTheProposalsBuiltOnIt() throws {
        var notebook = loadedModel()
        _ = notebook.submit("strike_days = 50 bd")
        var summaries = ScenarioSummary.all(notebook.workspace, loaded: notebook.start, modelFile: "care-capacity.bargain")
        let employer = try #require(summaries.first { $0.name == "employer_2025" })
        #expect(employer.file == "proposals-2025.bargain")
        #expect(employer.mismatch?.contains("strike_days = 50 bd") == true)
        #expect(employer.changes.first { $0.name == "indirect_hours" }?.basis == "S")
        #expect(summaries.first { $0.name == "baseline" }?.mismatch == nil)
        _ = notebook.submit("strike_days = 0 bd")
        summaries = ScenarioSummary.all(notebook.workspace, loaded: notebook.start, modelFile: "care-capacity.bargain")
        #expect(summaries.allSatisfy { $0.matchesItsFile })
        _ = notebook.submit("use union_2025\nlayoffs = 10 staff")
        summaries = ScenarioSummary.all(notebook.workspace, loaded: notebook.start, modelFile: "care-capacity.bargain")
        #expect(summaries.first { $0.name == "union_2025" }?.mismatch?.contains("edited after loading (layoffs)") == true)
    }

    /// The export replays: a recorded output that no longer comes out is marked, with what was recorded.
    @Test func aReplayedExportMarksDrift() throws {
        let text = """
            bargain session 1
            model: care-capacity.bargain
            scenarios: none
            seed: 0
            saved: 2026-12-01T00:00:00Z

              [1]> return_wait
              return_wait = 99 bd
              [2]> sweep layoffs in [0 staff, 150 staff]: return_wait
              layoffs  return_wait

            bargain session end

            """
        let session = try SessionParser.parse(text, name: "drift.session")
        var notebook = try SessionModel.notebook(for: session.header, near: nil)
        let replay = Replay.run(session, in: &notebook)
        let exhibit = SessionExport.exhibit(replay, after: notebook, title: "drift")
        #expect(exhibit.drifted.map(\.number) == [1, 2])
        let html = HTMLDocument.render(exhibit, generator: "test")
        #expect(html.contains("return_wait = 99 bd"))
        #expect(html.contains("2 of 2 cells come out differently"))
        #expect(html.contains("<span class=\"number\">15.2 bd</span>"))
        #expect(html.contains("<svg"))  // the sweep's chart, from its data, though the session held none
    }
}
