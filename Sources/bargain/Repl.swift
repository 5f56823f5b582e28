import ArgumentParser
import BargainSyntax
import BargainEngine
import BargainNotebook
import LineEditing

/// `bargain` with no subcommand: the prompt, or statements piped in on standard input.
struct Repl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Start the prompt (the default). With input piped in, run it without prompts.",
        discussion: """
            With piped input the exit status is 0 when every statement succeeded, else the first failure's (65 or 70).
            At the prompt every cell goes to a crash journal before the next prompt; `bargain --recover` lists \
            sessions that were not saved, and `bargain --recover ID` restores one and goes on with it.
            """
    )

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var scenarioFiles: ScenarioFileOptions

    @Flag(help: "Draw charts (as plain text) even when output is not a terminal.")
    var charts = false

    @Flag(name: .customLong("recover"), help: "List the unsaved sessions kept by the crash journal; with ID, restore that one and go on with it.")
    var recover = false

    @Argument(help: ArgumentHelp("With --recover: the session to restore, by its number in the list or its journal file.", valueName: "id"))
    var journalID: String?

    func validate() throws {
        if let journalID, !recover { throw ValidationError("unexpected argument '\(journalID)'") }
    }

    func run() throws {
        let console = Console(forceCharts: charts)
        Interrupt.install()
        if recover {
            var recovery = Recovery(console: console, modelOptions: modelOptions)
            guard let journalID else { return try recovery.list() }
            let (notebook, journal, notice) = try recovery.restore(journalID)
            try runSession(notebook, console: console, journal: journal, notice: notice)
            return
        }
        let notebook = try modelOptions.load(console: console, scenarioFiles: scenarioFiles.scenario, seed: scenarioFiles.seed)
        let journal = JournalKeeper(directory: Console.inputIsTerminal ? StatePaths.file("journal") : nil)
        try runSession(notebook, console: console, journal: journal,
                       notice: Console.inputIsTerminal ? Recovery.waitingNotice() : nil)
    }

    func runSession(_ start: Notebook, console: Console, journal: JournalKeeper, notice: String?) throws {
        var notebook = start
        // Long statements (optimize, frontier) say how far they have got on a terminal's stderr,
        // on one line that is cleared when they finish.
        notebook.cancellation = Cancellation({ Interrupt.requested }, progress: Console.progressLine)
        if Console.inputIsTerminal {
            var session = InteractiveSession(notebook: notebook, console: console, journal: journal, notice: notice)
            session.run()
        } else {
            if let notice { console.errorText(notice) }
            var session = PipedSession(notebook: notebook, console: console, journal: journal)
            let status = session.run()
            if status != 0 { throw ExitCode(status) }
        }
    }
}

/// Statements from a pipe: no prompt, no history; the exit status reports the first failure.
struct PipedSession {
    var notebook: Notebook
    let console: Console
    /// Only a recovered session keeps its journal when fed from a pipe.
    let journal: JournalKeeper

    mutating func run() -> Int32 {
        var status: Int32 = 0
        var reader = EntryReader()
        defer { journal.finish(notebook, console: console) }
        while let line = readLine() {
            guard let entry = reader.add(line) else { continue }
            if !handle(entry, status: &status) { return status }
        }
        if let rest = reader.flush() { _ = handle(rest, status: &status) }
        return status
    }

    /// Runs one entry; false when it asked to quit.
    mutating func handle(_ entry: String, status: inout Int32) -> Bool {
        switch EntryDispatch.run(entry, in: &notebook, console: console, journal: journal) {
        case .quit: return false
        case .failed(let code): if status == 0 { status = code }
        case .ok: break
        }
        return true
    }
}

/// Collects lines into entries: an entry goes on while a bracket is open or a line ends in an operator.
struct EntryReader {
    var pending: [String] = []

    /// The finished entry, if this line completes one.
    mutating func add(_ line: String) -> String? {
        if pending.isEmpty, line.trimmingCharacters(in: " \t\n\r").hasPrefix(":") { return line }
        pending.append(line)
        let text = pending.joined(separator: "\n")
        if needsContinuation(text) { return nil }
        pending = []
        return text
    }

    var isContinuing: Bool { !pending.isEmpty }

    mutating func flush() -> String? {
        defer { pending = [] }
        return pending.isEmpty ? nil : pending.joined(separator: "\n")
    }
}

/// Runs one entry, a note, a statement or a :command, journals it, and prints what came of it.
enum EntryDispatch {
    enum Result { case ok, failed(Int32), quit }

    static func run(_ entry: String, in notebook: inout Notebook, console: Console, journal: JournalKeeper) -> Result {
        defer { Interrupt.clear() }
        let result = notebook.enter(entry, context: .live(SessionFolder()))
        // On disk before anything is shown, so whatever was seen is also kept.
        journal.record(notebook, console: console)
        switch result {
        case .nothing, .note:
            return .ok
        case .quit:
            return .quit
        case .cell(let cell):
            console.show(cell)
            if let failure = cell.results.compactMap(\.diagnostic).first { return .failed(failure.kind.exitCode) }
            return .ok
        case .command(.success(let text)):
            if !text.isEmpty { console.out(text) }
            return .ok
        case .command(.failure(let diagnostic)):
            console.error(diagnostic)
            return .failed(diagnostic.kind.exitCode)
        }
    }
}
