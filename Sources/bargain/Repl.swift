import ArgumentParser
import BargainKit

/// `bargain` with no subcommand: the prompt, or statements piped in on standard input.
struct Repl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Start the prompt (the default). With input piped in, run it without prompts.",
        discussion: "With piped input the exit status is 0 when every statement succeeded, else the first failure's (65 or 70)."
    )

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var scenarioFiles: ScenarioFileOptions

    @Flag(help: "Draw charts (as plain text) even when output is not a terminal.")
    var charts = false

    func run() throws {
        let console = Console(forceCharts: charts)
        var notebook = try modelOptions.load(console: console, scenarioFiles: scenarioFiles.scenario)
        Interrupt.install()
        notebook.cancellation = Cancellation { Interrupt.requested }
        if Console.inputIsTerminal {
            var session = InteractiveSession(notebook: notebook, console: console)
            session.run()
        } else {
            var session = PipedSession(notebook: notebook, console: console)
            let status = session.run()
            if status != 0 { throw ExitCode(status) }
        }
    }
}

/// Statements from a pipe: no prompt, no history; the exit status reports the first failure.
struct PipedSession {
    var notebook: Notebook
    let console: Console

    mutating func run() -> Int32 {
        var status: Int32 = 0
        var reader = EntryReader()
        while let line = readLine() {
            guard let entry = reader.add(line) else { continue }
            if !handle(entry, status: &status) { break }
        }
        if let rest = reader.flush() { _ = handle(rest, status: &status) }
        return status
    }

    /// Runs one entry; false when it asked to quit.
    mutating func handle(_ entry: String, status: inout Int32) -> Bool {
        switch EntryDispatch.run(entry, in: &notebook, console: console) {
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
        if pending.isEmpty, line.trimmingCharacters(in: .whitespaces).hasPrefix(":") { return line }
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

/// Runs one entry, a statement or a :command, and prints what came of it.
enum EntryDispatch {
    enum Result { case ok, failed(Int32), quit }

    static func run(_ entry: String, in notebook: inout Notebook, console: Console) -> Result {
        do {
            defer { Interrupt.clear() }
            if let command = try ReplCommand.parse(entry) {
                switch notebook.perform(command) {
                case .quit: return .quit
                case .text(let text):
                    if !text.isEmpty { console.out(text) }
                    return .ok
                case .failure(let diagnostic):
                    console.error(diagnostic)
                    return .failed(diagnostic.kind.exitCode)
                }
            }
        } catch {
            console.error(error)
            return .failed(error.kind.exitCode)
        }
        if entry.trimmingCharacters(in: .whitespaces).isEmpty { return .ok }
        let cell = notebook.submit(entry)
        console.show(cell)
        if let failure = cell.entries.compactMap(\.diagnostic).first { return .failed(failure.kind.exitCode) }
        return .ok
    }
}

extension String {
    func trimmingCharacters(in set: CharacterSet) -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
        return String(s)
    }

    enum CharacterSet { case whitespaces }
}
