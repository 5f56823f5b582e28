import ArgumentParser
import BargainKit

/// `bargain run FILE…`: scripts, one session, stopping at the first error unless told otherwise.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run script files in one session and print each statement's result.",
        discussion: "Exit status: 0 ok, 65 a parse, name or unit error, 70 an evaluation error, 74 a file that cannot be read."
    )

    @Argument(help: ArgumentHelp("Script files, run in order.", valueName: "file"))
    var files: [String]

    @Flag(help: "Print one JSON object per statement (JSON Lines).")
    var json = false

    @Flag(name: .customLong("keep-going"), help: "Go on after a failing statement; the exit status still reports it.")
    var keepGoing = false

    @Flag(help: "Draw charts (as plain text) even when output is not a terminal.")
    var charts = false

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var scenarioFiles: ScenarioFileOptions

    func run() throws {
        let console = Console(forceCharts: charts)
        var notebook = try modelOptions.load(console: console, scenarioFiles: scenarioFiles.scenario)
        var status: Int32 = 0
        for file in files {
            let text: String
            do {
                text = try TextFile.read(file)
            } catch {
                console.error(error)
                throw ExitCode(error.kind.exitCode)
            }
            for cell in notebook.run(script: Source(name: file, text: text), keepGoing: keepGoing) {
                if json {
                    CellJSON.lines(cell).forEach(console.out)
                } else {
                    console.show(cell)
                }
                if let failure = cell.entries.compactMap(\.diagnostic).first {
                    if status == 0 { status = failure.kind.exitCode }
                    if !keepGoing { throw ExitCode(status) }
                }
            }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
