import BargainNotebook

/// Keeps a session's crash journal in step with its notebook: created at the first note or
/// cell, appended after every entry, removed at the end if everything was saved.
final class JournalKeeper {
    /// Where journals go; nil when this session keeps none (piped input).
    let directory: String?
    private(set) var journal: Journal?
    /// Set after a write failed: warn once, then go on without.
    private var broken = false

    init(directory: String?, journal: Journal? = nil) {
        self.directory = directory
        self.journal = journal
    }

    func record(_ notebook: Notebook, console: Console) {
        guard !broken, journal != nil || (directory != nil && !notebook.edits.isEmpty) else { return }
        do {
            if journal == nil, let directory {
                let now = Timestamp.now()
                let header = SessionHeader(origin: notebook.origin, saved: Timestamp.iso8601(now))
                journal = try Journal.create(in: directory, header: header, now: now)
            }
            try journal?.catchUp(with: notebook)
        } catch {
            broken = true
            console.errorText("warning: \(error.message); cells are not kept for recovery from here on: `:save` keeps them")
        }
    }

    /// At the end of the session: drop the journal when nothing in it is unsaved, else say where it is.
    func finish(_ notebook: Notebook, console: Console) {
        guard let journal else { return }
        if notebook.hasUnsavedChanges {
            let count = notebook.cells.count
            console.errorText("note: this session is not saved (\(count) \(count == 1 ? "cell" : "cells")); `bargain --recover` restores it")
        } else {
            journal.remove()
        }
        self.journal = nil
    }
}
