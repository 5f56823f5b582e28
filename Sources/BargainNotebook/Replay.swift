import BargainDiagnostics

/// Runs a session file's inputs again, in order, and says what comes out now.
///
/// Only the language runs: entries go through `Notebook.enter` with the `.replay` context, in
/// which `:save` and `:open` do nothing on disk. Given the same file and model, a replay gives
/// the same bytes: nothing in it reads the clock, and the header's `saved` time is copied.
package enum Replay {
    package static func run(_ session: SessionFile, in notebook: inout Notebook) -> ReplayResult {
        notebook.origin.seed = session.header.seed
        var items: [ReplayedItem] = []
        items.reserveCapacity(session.items.count)
        for item in session.items {
            switch item {
            case .note(let text):
                notebook.addNote(text)
                items.append(.note(text))
            case .entry(let recorded):
                let prompt = notebook.nextNumber
                let number: Int
                let output: [String]
                var results: ReplayedResults = .none
                switch notebook.enter(recorded.input, context: .replay(session.header)) {
                case .cell(let cell):
                    number = cell.number
                    output = SessionWriter.outputLines(CellText.render(cell))
                    results = .cell(cell)
                case .command(let result):
                    number = prompt
                    output = SessionWriter.outputLines(shown(result))
                    results = .command(result)
                case .note, .nothing, .quit:
                    number = prompt
                    output = []
                }
                let differs = (recorded.number.map { $0 != number } ?? false) || recorded.output != output
                items.append(.entry(ReplayedEntry(recorded: recorded, number: number, output: output, differs: differs, results: results)))
            }
        }
        return ReplayResult(header: session.header, origin: notebook.origin, items: items)
    }

    static func shown(_ result: Result<String, Diagnostic>) -> String {
        switch result {
        case .success(let text): return text
        case .failure(let diagnostic):
            var text = DiagnosticRenderer().render(diagnostic)
            if text.hasSuffix("\n") { text.removeLast() }
            return text
        }
    }

    /// What to say when a session runs against other files than it was saved with: the model
    /// (`modelNote`), and each scenario file its header lists that has changed or is not loaded.
    package static func originNotes(recorded header: SessionHeader, current origin: SessionOrigin) -> [String] {
        var notes = modelNote(recorded: header.model, current: origin.model).map { [$0] } ?? []
        for stamp in header.scenarios {
            guard let now = origin.scenarios.first(where: { $0.name == stamp.name }) else {
                notes.append("the session was saved with the scenario file \(stamp.name); it now runs without it")
                continue
            }
            if now.sha256 != stamp.sha256 {
                notes.append("the scenario file \(stamp.name) has changed since the session was saved (sha256:\(stamp.shortHash)… then, \(now.shortHash)… now)")
            }
        }
        return notes
    }

    /// What to say when a session runs against another model than it was saved with; nil when
    /// it is the same (or the file did not record a hash to compare).
    static func modelNote(recorded: ModelReference, current: FileStamp?) -> String? {
        switch (recorded, current) {
        case (.none, nil):
            return nil
        case (.none, let now?):
            return "the session was saved with no model; it now runs against \(now.name)"
        case (.file(let name, _), nil):
            return "the session was saved with the model \(name); it now runs with no model"
        case (.file(let name, let hash), let now?):
            let then = hash.map { " (sha256:\($0.prefix(12))…)" } ?? ""
            if name != now.name {
                return "the session was saved with the model \(name)\(then); it now runs against \(now.name) (sha256:\(now.shortHash)…)"
            }
            if let hash, hash != now.sha256 {
                return "the model \(name) has changed since the session was saved (sha256:\(hash.prefix(12))… then, \(now.shortHash)… now)"
            }
            return nil
        }
    }
}

/// A replayed session: the file's header and each item as it comes out now.
package struct ReplayResult: Sendable {
    /// The header as read.
    package let header: SessionHeader
    /// The model, scenario files and seed the replay ran with.
    package let origin: SessionOrigin
    let items: [ReplayedItem]

    package var entries: [ReplayedEntry] {
        items.compactMap { if case .entry(let entry) = $0 { entry } else { nil } }
    }

    /// Entries whose number or output differs from the file's.
    package var drifted: [ReplayedEntry] { entries.filter(\.differs) }

    /// The header as it comes out now: the model and scenario files this replay used, the rest
    /// (seed, saved time) as the file has it.
    var currentHeader: SessionHeader {
        var now = SessionHeader(origin: origin, saved: header.saved)
        now.seed = header.seed
        return now
    }

    /// Notes on the files the session now runs against (see `Replay.originNotes`).
    package var originNotes: [String] { Replay.originNotes(recorded: header, current: origin) }

    /// The session file as it comes out now: what `replay` prints and `--update` writes.
    package var text: String {
        SessionWriter.render(currentHeader, items.map { item in
            switch item {
            case .note(let text): return .note(text)
            case .entry(let entry): return .entry(number: entry.number, input: entry.recorded.input, output: entry.output)
            }
        })
    }
}

package enum ReplayedItem: Sendable {
    case note(String)
    case entry(ReplayedEntry)
}

/// One entry of a replay: what the file recorded and what came out now.
package struct ReplayedEntry: Sendable {
    let recorded: RecordedEntry
    package let number: Int
    package let output: [String]
    let differs: Bool
    /// What the entry did now, as data (an exhibit renders it; `output` is its text).
    package let results: ReplayedResults

    /// The entry's lines as the file would now hold them.
    package var lines: [String] {
        SessionWriter.entryLines(number: number, input: recorded.input, output: output)
    }
}

/// An entry's results in a replay: a cell's outcomes, or a `:command`'s text.
package enum ReplayedResults: Sendable {
    case none
    case cell(Cell)
    case command(Result<String, Diagnostic>)
}
