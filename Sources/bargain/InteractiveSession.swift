import Glibc
import BargainUnits
import BargainEngine
import BargainNotebook
import LineEditing

/// The prompt, for a person at a terminal: line editing, history kept between runs, completion,
/// multi-line entries while a bracket is open, and Ctrl-C that abandons the entry, not the session.
struct InteractiveSession {
    var notebook: Notebook
    let console: Console
    let journal: JournalKeeper
    /// Shown under the banner: a recovered session, or unsaved ones waiting to be.
    var notice: String?

    mutating func run() {
        let editor = LineEditor(historyFile: StatePaths.file("history"))
        console.out(banner())
        if let notice { console.out(notice) }
        var reader = EntryReader()
        defer { journal.finish(notebook, console: console) }
        while true {
            editor.completer = { [notebook] word, before in Completion.candidates(word, before: before, in: notebook) }
            switch editor.read(prompt: reader.isContinuing ? "...> " : prompt()) {
            case .endOfInput:
                save(editor)
                return
            case .interrupted:
                _ = reader.flush()  // Ctrl-C drops the whole unfinished entry
            case .line(let text):
                // A paste can bring several lines at once.
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    guard let entry = reader.add(String(line)) else { continue }
                    editor.addHistory(entry)
                    if case .quit = EntryDispatch.run(entry, in: &notebook, console: console, journal: journal) {
                        save(editor)
                        return
                    }
                }
            }
        }
    }

    func prompt() -> String {
        let scenario = notebook.workspace.current
        let number = notebook.nextNumber
        return scenario == Workspace.baselineName ? "[\(number)]> " : "[\(number)] \(scenario)> "
    }

    func banner() -> String {
        let program = notebook.workspace.baseline.program
        let inputs = program.valueNames.filter { program[$0]?.isInput ?? false }.count
        let formulas = program.valueNames.count - inputs
        let model = program.valueNames.isEmpty ? "no model loaded" : "\(plural(inputs, "input")), \(plural(formulas, "formula"))"
        return "bargain \(BargainVersion.string) (\(model)). Type :help for help, Ctrl-D to leave."
    }

    func save(_ editor: LineEditor) {
        do {
            try editor.saveHistory()
        } catch {
            console.errorText("warning: history not saved: \(error)")
        }
    }

}

/// Where bargain keeps its state between runs: `$XDG_STATE_HOME/bargain`, else
/// `~/.local/state/bargain`; nil without either variable.
enum StatePaths {
    static var directory: String? {
        if let state = getenv("XDG_STATE_HOME").map({ String(cString: $0) }), !state.isEmpty {
            return state + "/bargain"
        }
        if let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty {
            return home + "/.local/state/bargain"
        }
        return nil
    }

    static func file(_ name: String) -> String? { directory.map { $0 + "/" + name } }
}

