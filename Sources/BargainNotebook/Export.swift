import BargainDiagnostics
import BargainUnits
import BargainFiles
import BargainAnalysis
import BargainRendering

/// The formats a session exports to: one HTML file, or Markdown with its charts as SVG files beside it.
package enum ExhibitFormat: String, Sendable, CaseIterable {
    case html
    case md

    /// The format a file name asks for, by its extension.
    package init?(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { self = .html }
        else if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { self = .md }
        else { return nil }
    }
}

/// Turns a session into an `Exhibit` (from a replay, or the prompt's cells so far) and writes it.
/// The only files written are the one named and, for Markdown, its charts beside it.
package enum SessionExport {
    static var generator: String { "bargain \(BargainVersion.string)" }

    /// A replayed session file: each entry as it comes out now, with what the file recorded
    /// where that differs.
    package static func exhibit(_ replay: ReplayResult, after notebook: Notebook, title: String) -> Exhibit {
        var items: [Exhibit.Item] = []
        for item in replay.items {
            switch item {
            case .note(let text):
                items.append(.note(text))
            case .entry(let entry):
                let results: [Exhibit.Result]
                switch entry.results {
                case .cell(let cell): results = cell.results.map(result)
                case .command(.success(let text)): results = [.text(text)]
                case .command(.failure(let diagnostic)): results = [.error(diagnostic)]
                case .none: results = []
                }
                var digits = QuantityFormat.defaultDigits
                if case .cell(let cell) = entry.results { digits = cell.digits }
                items.append(.cell(Exhibit.Cell(number: entry.number, input: entry.recorded.input, results: results,
                                                recorded: entry.differs ? entry.recorded.output : nil, digits: digits)))
            }
        }
        return Exhibit(header: header(notebook.origin, title: title, date: replay.header.saved,
                                      notes: replay.originNotes),
                       scenarios: ScenarioSummary.all(notebook.workspace, loaded: notebook.start, modelFile: notebook.origin.model?.name), items: items)
    }

    /// The session at the prompt so far: its cells were just computed, so nothing has drifted.
    package static func exhibit(_ notebook: Notebook, title: String, date: String?) -> Exhibit {
        let items: [Exhibit.Item] = notebook.items.map { item in
            switch item {
            case .note(let text): return .note(text)
            case .cell(let cell): return .cell(Exhibit.Cell(number: cell.number, input: cell.input, results: cell.results.map(result), digits: cell.digits))
            }
        }
        return Exhibit(header: header(notebook.origin, title: title, date: date, notes: []),
                       scenarios: ScenarioSummary.all(notebook.workspace, loaded: notebook.start, modelFile: notebook.origin.model?.name), items: items)
    }

    static func result(_ statement: StatementResult) -> Exhibit.Result {
        switch statement.result {
        case .success(let outcome): return .outcome(outcome)
        case .failure(let diagnostic): return .error(diagnostic)
        }
    }

    static func header(_ origin: SessionOrigin, title: String, date: String?, notes: [String]) -> Exhibit.Header {
        Exhibit.Header(title: title, date: date, modelName: origin.model?.name, modelHash: origin.model?.sha256, seed: origin.seed,
                       scenarioFiles: origin.scenarios.map { ($0.name, $0.sha256) }, originNotes: notes)
    }

    /// A title from a file name: `Sessions/strike-2025.session` is "strike-2025".
    package static func title(forFile path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }

    /// Writes the exhibit atomically; for Markdown, its charts first (`NAME-chart-1.svg`, … beside
    /// it), so the document never links a chart that is not there. Returns the paths written.
    package static func write(_ exhibit: Exhibit, to path: String, format: ExhibitFormat) throws(Diagnostic) -> [String] {
        switch format {
        case .html:
            try TextFile.writeAtomically(HTMLDocument.render(exhibit, generator: generator), to: path)
            return [path]
        case .md:
            let slash = path.lastIndex(of: "/")
            let folder = slash.map { String(path[...$0]) } ?? ""
            let stem = title(forFile: path)
            let (text, charts) = MarkdownDocument.render(exhibit, chartStem: stem, generator: generator)
            let files = charts.map { (text: $0.svg + "\n", path: folder + $0.name) }
            try TextFile.writeAtomically(files)
            try TextFile.writeAtomically(text, to: path)
            return [path] + files.map(\.path)
        }
    }
}

extension Notebook {
    /// `:export FILE.html` or `:export FILE.md`: the session so far as a document.
    func export(to path: String, files: SessionFolder) -> Result<String, Diagnostic> {
        guard let format = ExhibitFormat(path: path) else {
            return .failure(exportUsage(":export", path, "`:export report.html` (one file, charts inline) or `:export report.md` (charts as SVG files beside it)"))
        }
        let title = file.map(SessionExport.title(forFile:)) ?? "bargain session"
        let exhibit = SessionExport.exhibit(self, title: title, date: Timestamp.iso8601(files.clock()))
        do {
            let written = try SessionExport.write(exhibit, to: path, format: format)
            let charts = written.count - 1
            let mismatches = exhibit.mismatches.map { "\nnote: " + $0 }.joined()
            return .success("exported \(exhibit.cells.count) \(exhibit.cells.count == 1 ? "cell" : "cells") to \(path)"
                            + (charts > 0 ? " and \(charts) \(charts == 1 ? "chart" : "charts") beside it" : "") + mismatches)
        } catch {
            return .failure(error)
        }
    }

    /// `:chart FILE.svg`: the last chart the session drew (a `chart` statement's, or a sweep's,
    /// diff's, sensitivity's or simulate's) as an SVG file.
    func writeLastChart(to path: String) -> Result<String, Diagnostic> {
        guard path.lowercased().hasSuffix(".svg") else {
            return .failure(exportUsage(":chart", path, "`:chart backlog.svg` writes the last chart as SVG"))
        }
        let drawn = cells.lazy.reversed().compactMap { cell in
            Exhibit.Cell(number: cell.number, input: cell.input, results: cell.results.map(SessionExport.result)).charts.last.map { (cell, $0) }
        }.first
        guard let (cell, chart) = drawn else {
            return .failure(Diagnostic(.usage, "there is no chart yet",
                                       help: "`chart return_backlog_by_week` draws one; so do sweep, diff, sensitivity and simulate"))
        }
        do {
            let svg = QuantityFormat.$digits.withValue(cell.digits) { SVGChart.render(chart, id: "chart") }
            try TextFile.writeAtomically(svg + "\n", to: path)
        } catch {
            return .failure(error)
        }
        return .success("wrote the chart of [\(cell.number)] (\(chart.title)) to \(path)")
    }

    func exportUsage(_ command: String, _ path: String, _ help: String) -> Diagnostic {
        let text = "\(command) \(path)"
        let source = Source(name: "<command>", text: text)
        return Diagnostic(.usage, path.isEmpty ? "`\(command)` needs a file" : "`\(command)` writes \(command == ":chart" ? ".svg" : ".html or .md") files",
                          at: Span(source, command.utf8.count + (path.isEmpty ? 0 : 1), source.bytes.count), help: help)
    }
}
