import ArgumentParser
import BargainDiagnostics
import BargainNotebook

/// `bargain export FILE --to html|md [-o OUT]`: a saved session, replayed, as a document.
struct ExportSession: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Replay a saved session and write it as an HTML or Markdown document.",
        discussion: """
            Replays the session as `bargain replay` does (only the language runs; the model and \
            scenario files its header names are read, nothing it names is written) and writes every \
            cell as it comes out now: values, tables, charts as SVG, notes as prose, with a summary \
            of what each scenario changes and each input's basis. A cell that comes out differently \
            from the file is marked with what was recorded. HTML is one self-contained file (inline \
            CSS and SVG, no script, nothing fetched); Markdown writes its charts as OUT-chart-N.svg \
            beside it. Without -o, the output is the session's name with .html or .md, beside it.
            Exit status: 0 written, 64 usage, 65 a malformed session file, 74 a file that cannot be read or written.
            """
    )

    @Argument(help: ArgumentHelp("The session file.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The format: html or md.", valueName: "format"))
    var to: ExhibitFormat

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The file to write (default: the session's name with .html or .md).", valueName: "out"))
    var output: String?

    @Option(help: ArgumentHelp("The document's title (default: the session file's name).", valueName: "text"))
    var title: String?

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var scenarioFiles: ScenarioFileOptions

    func validate() throws {
        if let output, let asked = ExhibitFormat(path: output), asked != to {
            throw ValidationError("-o \(output) is a .\(asked.rawValue) file but --to is \(to.rawValue)")
        }
    }

    func run() throws {
        let console = Console()
        let replayed = try ReplayedFile(file, modelOptions: modelOptions, scenarioFiles: scenarioFiles, console: console)
        let replay = replayed.result
        let exhibit = SessionExport.exhibit(replay, after: replayed.notebook, title: title ?? SessionExport.title(forFile: file))
        let path = output ?? Self.defaultOutput(file, to)
        let written = try console.orExit { () throws(Diagnostic) in try SessionExport.write(exhibit, to: path, format: to) }
        for note in replay.originNotes { console.errorText("note: " + note) }
        for mismatch in exhibit.mismatches { console.errorText("note: " + mismatch) }
        let drifted = exhibit.drifted.count
        if drifted > 0 {
            console.errorText("note: \(drifted) of \(exhibit.cells.count) cells come out differently than recorded; the document marks them")
        }
        let charts = written.count - 1
        console.errorText("wrote \(path)" + (charts > 0 ? " and \(charts) \(charts == 1 ? "chart" : "charts") beside it" : "")
                          + " (\(exhibit.cells.count) \(exhibit.cells.count == 1 ? "cell" : "cells"))")
    }

    /// `Sessions/strike.session` → `Sessions/strike.html`.
    static func defaultOutput(_ file: String, _ format: ExhibitFormat) -> String {
        let slash = file.lastIndex(of: "/")
        let folder = slash.map { String(file[...$0]) } ?? ""
        return folder + SessionExport.title(forFile: file) + "." + format.rawValue
    }
}

extension ExhibitFormat: ExpressibleByArgument {}
