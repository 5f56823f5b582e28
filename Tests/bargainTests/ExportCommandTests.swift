import Foundation
import Testing

/// `bargain export`, `:export` and `:chart`, through the built binary, in a scratch folder.
@Suite struct ExportCommandTests: ScratchFolder {
    let directory: URL

    init() throws {
        directory = try temporaryDirectory()
    }

    func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    @Test func anHTMLExportIsOneSelfContainedFile() throws {
        let session = repositoryRoot.appendingPathComponent("Sessions/what-ifs.session").path
        let result = try run(["export", session, "--to", "html", "-o", path("what-ifs.html"), "--title", "What-ifs <b>2025</b>"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("wrote \(path("what-ifs.html")) (14 cells)"))
        #expect(try files() == ["what-ifs.html"])
        let html = try read("what-ifs.html")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<h1>What-ifs &lt;b&gt;2025&lt;/b&gt;</h1>"))
        #expect(html.contains("<meta name=\"viewport\""))
        // No address but the SVG namespace's name, which nothing fetches.
        let addresses = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!html.contains("<script") && !addresses.contains("http://") && !addresses.contains("https://"))
        #expect(html.components(separatedBy: "<svg ").count - 1 == 8)
        #expect(html.contains("<th scope=\"col\" class=\"num\">return_wait<span class=\"unit\">(bd)</span></th>"))
        #expect(html.contains("<td class=\"basis\" title=\"sourced\">S</td>"))
        #expect(html.contains("sha256:"))
    }

    @Test func aMarkdownExportWritesItsChartsBesideItAndNothingElse() throws {
        let session = repositoryRoot.appendingPathComponent("Sessions/proposals.session").path
        let result = try run(["export", session, "--to", "md", "-o", path("report.md")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try files() == ["report-chart-1.svg", "report-chart-2.svg", "report.md"])
        let markdown = try read("report.md")
        #expect(markdown.contains("![annual\\_cost: employer\\_2025 → union\\_2025](report-chart-1.svg)"))
        #expect(markdown.contains("| ---: |") || markdown.contains("| ---:"))
        #expect(try read("report-chart-1.svg").hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    }

    @Test func withoutAnOutputTheDocumentGoesBesideTheSession() throws {
        let session = try String(contentsOf: repositoryRoot.appendingPathComponent("Sessions/strike.session"), encoding: .utf8)
        try FileManager.default.createDirectory(atPath: path("Sessions"), withIntermediateDirectories: true)
        try session.write(toFile: path("Sessions/strike.session"), atomically: false, encoding: .utf8)
        let result = try run(["export", "Sessions/strike.session", "--to", "md"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("wrote Sessions/strike.md (17 cells)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: path("Sessions")).sorted() == ["strike.md", "strike.session"])
        #expect(try read("Sessions/strike.md").contains("# strike"))
    }

    /// A scenario file the session was made with is named in the header with its hash, and its
    /// scenario says it came from there; edited at the prompt, it is flagged.
    @Test func scenarioFilesAreNamedAndTheirScenariosFlaggedWhenEdited() throws {
        try "scenario offer from baseline {\n  layoffs = 50 staff\n}\n".write(toFile: path("offer.bargain"), atomically: false, encoding: .utf8)
        let saved = try run(["--scenario", "offer.bargain"], "use offer\nhires = 20 staff\n:save s.session\n")
        #expect(saved.status == 0, "\(saved.stderr)")
        let result = try run(["export", "s.session", "--to", "html", "-o", "s.html"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("note: offer no longer matches offer.bargain: it was edited after loading (hires)"))
        let html = try read("s.html")
        #expect(html.contains("<dt>Scenario files</dt><dd>offer.bargain <code>sha256:"))
        #expect(html.contains("offer <small>from baseline, in offer.bargain</small>"))
        #expect(html.contains("<th scope=\"row\">hires</th><td class=\"num\">20 staff</td><td class=\"num\">0 staff</td>"))
        #expect(html.contains("<em>(set in this session)</em>"))
    }

    @Test func theFormatAndTheFileMustAgree() throws {
        let session = repositoryRoot.appendingPathComponent("Sessions/strike.session").path
        let result = try run(["export", session, "--to", "html", "-o", path("x.md")])
        #expect(result.status == 64)
        #expect(result.stderr.contains("is a .md file but --to is html"))
        #expect(try files().isEmpty)
    }

    @Test func aMalformedSessionIsRefusedWithItsLine() throws {
        let file = path("bad.session")
        try "bargain session 1\nmodel: none\nnonsense\n".write(toFile: file, atomically: false, encoding: .utf8)
        let result = try run(["export", file, "--to", "html", "-o", path("bad.html")])
        #expect(result.status == 65)
        #expect(result.stderr.contains("E502"))
        #expect(!FileManager.default.fileExists(atPath: path("bad.html")))
    }

    /// A session is data: an `:export` or `:chart` in its cells writes nothing when it is exported or replayed.
    @Test func anExportInsideASessionWritesNothing() throws {
        let file = path("sneaky.session")
        try """
            bargain session 1
            model: care-capacity.bargain
            scenarios: none
            seed: 0

              [1]> :export stolen.html
              [1]> chart staff_by_week
              [1]> :chart stolen.svg

            bargain session end

            """.write(toFile: file, atomically: false, encoding: .utf8)
        let result = try run(["export", file, "--to", "html", "-o", path("out.html")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try files() == ["out.html", "sneaky.session"])
        let html = try read("out.html")
        #expect(html.contains("not exported: a replay writes no files"))
        #expect(html.contains("not written: a replay writes no files"))
    }

    @Test func atThePromptExportAndChartWriteWhatTheyName() throws {
        let input = """
            # <b>Backlog</b> after a strike
            :chart early.svg
            strike_days = 50 bd
            chart return_backlog_by_week
            :chart backlog.svg
            :export notes.txt
            :export report.html
            :export report.md

            """
        let result = try run([], input)
        #expect(result.stderr.contains("there is no chart yet"))
        #expect(result.stdout.contains("wrote the chart of [2] (return_backlog_by_week (visits)) to backlog.svg"))
        #expect(result.stderr.contains("`:export` writes .html or .md files"))
        #expect(result.stdout.contains("exported 2 cells to report.html"))
        #expect(result.stdout.contains("note: employer_2025 no longer matches proposals-2025.bargain: it carries edits made to baseline since the model was loaded (strike_days = 50 bd)"))
        #expect(result.stdout.contains("exported 2 cells to report.md and 1 chart beside it"))
        #expect(try files() == ["backlog.svg", "report-chart-1.svg", "report.html", "report.md"])
        let html = try read("report.html")
        #expect(html.contains("<p class=\"note\">&lt;b&gt;Backlog&lt;/b&gt; after a strike</p>"))
        #expect(html.contains("No longer as in its file:"))
        #expect(try read("backlog.svg").contains(">year 4</text>"))
    }
}
