import ArgumentParser
import BargainDiagnostics
import BargainFiles
import BargainNotebook

/// `bargain replay FILE [--check | --update]`: a saved session run again against the model.
struct ReplaySession: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-run a saved session and print it as it comes out now.",
        discussion: """
            Runs the session's inputs against the model its header names (the built-in model for \
            care-capacity.bargain; any other, a .bargain file by a relative path without `..`) and \
            prints the session file as it comes out now. Only the language runs: :save and :open in \
            the file do nothing, a :load reads nothing (a file the header lists is loaded from the \
            header), and no file it names is written.
            Exit status: 0 ok (with --check: every entry came out as recorded), 1 with --check when an \
            entry differs, 65 a malformed session file, 74 a file that cannot be read or written.
            """
    )

    @Argument(help: ArgumentHelp("The session file.", valueName: "file"))
    var file: String

    @Flag(help: "Compare with the recorded outputs; print a unified diff per changed entry and exit 1 if any differs.")
    var check = false

    @Flag(help: "Rewrite the recorded outputs (and the model's hash) in place, atomically.")
    var update = false

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var scenarioFiles: ScenarioFileOptions

    func validate() throws {
        if check && update { throw ValidationError("--check and --update cannot be used together") }
    }

    func run() throws {
        let console = Console()
        let replayed = try ReplayedFile(file, modelOptions: modelOptions, scenarioFiles: scenarioFiles, console: console)
        let result = replayed.result, bytes = replayed.bytes
        if check {
            try report(result, console: console)
        } else if update {
            try rewrite(result, over: bytes, console: console)
        } else {
            print(result.text, terminator: "")
        }
    }

    func report(_ result: ReplayResult, console: Console) throws {
        for note in result.originNotes { console.errorText("note: " + note) }
        let diff = SessionDiff.render(path: file, result)
        if !diff.isEmpty { print(diff, terminator: "") }
        let total = result.entries.count
        let changed = result.drifted.count
        if changed == 0 {
            console.errorText("\(file): all \(total) \(total == 1 ? "entry comes" : "entries come") out as recorded")
            return
        }
        console.errorText("\(file): \(changed) of \(total) \(total == 1 ? "entry differs" : "entries differ"); "
                          + "`bargain replay --update \(file)` records what comes out now")
        throw ExitCode(1)
    }

    func rewrite(_ result: ReplayResult, over bytes: [UInt8], console: Console) throws {
        let text = result.text
        guard !text.utf8.elementsEqual(bytes) else {
            console.errorText("\(file) is up to date")
            return
        }
        try console.orExit { () throws(Diagnostic) in try TextFile.writeAtomically(text, to: file) }
        let changed = result.drifted.count
        console.errorText("updated \(file): \(changed) \(changed == 1 ? "entry" : "entries") changed")
    }
}
