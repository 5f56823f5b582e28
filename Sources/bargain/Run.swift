import ArgumentParser
import BargainDiagnostics
import BargainFiles
import BargainAnalysis
import BargainRendering
import BargainNotebook

/// `bargain run FILE…`: scripts, one session, stopping at the first error unless told otherwise.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run script files in one session and print each statement's result.",
        discussion: """
            With --format csv or jsonl only the tables statements make (sweep, compare, simulate, diff, …) are \
            written, as data; with --output and several tables, the second goes to NAME-2.csv and so on. \
            Exit status: 0 ok, 65 a parse, name or unit error, 70 an evaluation error, 74 a file that cannot be read or written.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, jsonl
    }

    @Argument(help: ArgumentHelp("Script files, run in order.", valueName: "file"))
    var files: [String]

    @Flag(help: "Print one JSON object per statement (JSON Lines).")
    var json = false

    @Option(help: ArgumentHelp("How tables are written: table (text, the default), csv or jsonl.", valueName: "format"))
    var format: Format = .table

    @Option(help: ArgumentHelp("With --format csv or jsonl: write the tables here (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .customLong("keep-going"), help: "Go on after a failing statement; the exit status still reports it.")
    var keepGoing = false

    @Flag(help: "Draw charts (as plain text) even when output is not a terminal.")
    var charts = false

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var scenarioFiles: ScenarioFileOptions

    func validate() throws {
        if json && format != .table { throw ValidationError("--json and --format cannot be used together") }
        if output != nil && format == .table { throw ValidationError("--output needs --format csv or jsonl") }
    }

    func run() throws {
        let console = Console(forceCharts: charts)
        var notebook = try modelOptions.load(console: console, scenarioFiles: scenarioFiles.scenario, seed: scenarioFiles.seed)
        var tables = TableOutput(format: format, path: output)
        var status: Int32 = 0
        for file in files {
            let text = try console.orExit { () throws(Diagnostic) in try TextFile.read(file) }
            for cell in notebook.run(script: Source(name: file, text: text), keepGoing: keepGoing) {
                if json {
                    CellJSON.lines(cell).forEach(console.out)
                } else if format == .table {
                    console.show(cell)
                } else {
                    try tables.add(cell, console: console)
                }
                if let failure = cell.results.compactMap(\.diagnostic).first {
                    if status == 0 { status = failure.kind.exitCode }
                    if !keepGoing { throw ExitCode(status) }
                }
            }
        }
        tables.finish(console: console)
        if status != 0 { throw ExitCode(status) }
    }
}

/// The tables a script makes, written as CSV or JSON Lines: to standard output (CSV tables
/// separated by a blank line), or to files (`out.csv`, `out-2.csv`, …), each written atomically.
struct TableOutput {
    let format: Run.Format
    let path: String?
    var count = 0

    init(format: Run.Format, path: String?) {
        self.format = format
        self.path = path
    }

    mutating func add(_ cell: Cell, console: Console) throws {
        for entry in cell.results {
            switch entry.result {
            case .failure(let diagnostic): console.error(diagnostic)
            case .success(.table(let table)): try write(table, console: console)
            case .success: break
            }
        }
    }

    mutating func write(_ table: Table, console: Console) throws {
        count += 1
        let lines = format == .csv ? [TableData.csvHeader(table)] + table.rows.map(TableData.csvRow) : TableData.jsonLines(table)
        let text = lines.joined(separator: "\n") + "\n"
        guard let path else {
            if count > 1 && format == .csv { console.out("") }
            print(text, terminator: "")
            return
        }
        try console.orExit { () throws(Diagnostic) in try TextFile.writeAtomically(text, to: TableOutput.numbered(path, count)) }
    }

    /// `out.csv`, then `out-2.csv`, `out-3.csv` …
    static func numbered(_ path: String, _ n: Int) -> String {
        guard n > 1 else { return path }
        let slash = path.lastIndex(of: "/")
        if let dot = path.lastIndex(of: "."), slash.map({ dot > $0 }) ?? true {
            return String(path[..<dot]) + "-\(n)" + String(path[dot...])
        }
        return path + "-\(n)"
    }

    /// Says so when a script asked for data and made no table.
    func finish(console: Console) {
        if count == 0 && format != .table { console.errorText("note: the script made no table to write") }
    }
}
