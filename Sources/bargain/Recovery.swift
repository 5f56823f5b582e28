import ArgumentParser
import BargainDiagnostics
import BargainNotebook

/// `bargain --recover [ID]`: the sessions the crash journal kept that were never saved.
struct Recovery {
    let console: Console
    let modelOptions: ModelOptions

    static var directory: String? { StatePaths.file("journal") }

    /// The unsaved sessions no running bargain holds, newest first. Journals of sessions that
    /// were saved after all (a crash right after `:save`) are removed on the way.
    static func waiting() -> [JournalContents] {
        guard let directory else { return [] }
        var found: [JournalContents] = []
        for path in JournalReader.list(directory) {
            // An unreadable journal, or one with damaged records, is never deleted unasked.
            guard let contents = try? JournalReader.read(path) else { continue }
            if contents.hasUnsavedChanges || contents.damagedLine != nil {
                found.append(contents)
            } else {
                Journal.remove(path)
            }
        }
        return found
    }

    /// What the prompt says at start when unsaved sessions are waiting.
    static func waitingNotice() -> String? {
        let found = waiting()
        guard let latest = found.first else { return nil }
        let count = found.count == 1 ? "an unsaved session" : "\(found.count) unsaved sessions"
        return "Found \(count) from earlier (the latest: \(describe(latest))). `bargain --recover` lists and restores them."
    }

    static func describe(_ contents: JournalContents) -> String {
        let cells = contents.cellCount
        var text = "\(cells) \(cells == 1 ? "cell" : "cells")"
        if let started = contents.started { text += ", started \(started)" }
        return text
    }

    func list() throws {
        let found = Recovery.waiting()
        guard !found.isEmpty else {
            console.out("No unsaved sessions.")
            return
        }
        var lines = ["Unsaved sessions, newest first:"]
        for (index, contents) in found.enumerated() {
            var line = "  \(index + 1)  \(Recovery.describe(contents))"
            if let last = contents.lastInput { line += "; last: " + (last.split(separator: "\n").first.map(String.init) ?? "") }
            if let file = contents.file { line += "; saved before to \(file)" }
            lines.append(line)
            lines.append("     " + contents.path)
        }
        lines.append("Restore one with `bargain --recover N`: it goes on at the prompt, and `:save NAME` keeps it.")
        console.out(lines.joined(separator: "\n"))
    }

    /// Runs a journal's inputs again and takes the journal over, to go on where it stopped.
    mutating func restore(_ id: String) throws -> (Notebook, JournalKeeper, String) {
        let found = Recovery.waiting()
        let path: String
        if let number = Int(id) {
            guard number >= 1, number <= found.count else {
                console.errorText("error: there is no unsaved session \(id); `bargain --recover` lists them")
                throw ExitCode(64)
            }
            path = found[number - 1].path
        } else {
            path = id.contains("/") ? id : (Recovery.directory.map { $0 + "/" + id } ?? id)
        }
        let contents = try console.orExit { () throws(Diagnostic) in try JournalReader.read(path) }
        // The journal is this user's own: its header's paths are the ones they gave.
        var notebook = try modelOptions.load(for: contents.header, near: nil, trusted: true, console: console)
        notebook.redo(contents.edits)
        let journal: Journal?
        do {
            journal = try Journal.resume(path, written: notebook.edits.count, afterTornRecord: contents.endsInTornRecord)
        } catch {
            console.error(error)
            throw ExitCode(error.kind.exitCode)
        }
        guard let journal else {
            console.errorText("error: another bargain is using `\(path)`")
            throw ExitCode(75)
        }
        var notice = ["Restored \(notebook.cells.count) \(notebook.cells.count == 1 ? "cell" : "cells") from \(path); the next is [\(notebook.nextNumber)]. `:history` lists them."]
        if !contents.damagedLines.isEmpty {
            let lines = contents.damagedLines.map(String.init).joined(separator: ", ")
            notice.append("note: \(contents.damagedLines.count == 1 ? "a damaged record was" : "\(contents.damagedLines.count) damaged records were") skipped (line \(lines)); every intact one is restored")
        }
        notice += Replay.originNotes(recorded: contents.header, current: notebook.origin).map { "note: " + $0 }
        return (notebook, JournalKeeper(directory: nil, journal: journal), notice.joined(separator: "\n"))
    }
}
