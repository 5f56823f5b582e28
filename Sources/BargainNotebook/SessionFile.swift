
/// A session file, read or about to be written: a header, then notes and entries in order.
///
/// The format (version 1) follows Cram's transcripts; README's "Session files" section is its
/// description for people, `SessionParser` and `SessionWriter` are the description for the
/// machine.
///
///     bargain session 1
///     model: care-capacity.bargain sha256:9f2c…
///     scenarios: none
///     seed: 0
///     saved: 2025-06-02T14:05:09Z
///
///     A strike of 20 business days.
///
///       [1]> strike_days = 20 bd
///       strike_days = 20 bd
///       [2]> return_wait
///       return_wait = 19.4 bd
///
///     bargain session end
package struct SessionFile: Sendable {
    package var header: SessionHeader
    var items: [Item]

    package enum Item: Sendable {
        case note(String)
        case entry(RecordedEntry)
    }

    init(header: SessionHeader, items: [Item]) {
        self.header = header
        self.items = items
    }

    package var entries: [RecordedEntry] {
        items.compactMap { if case .entry(let entry) = $0 { entry } else { nil } }
    }
}

/// What a session file says before its first note or entry.
package struct SessionHeader: Sendable, Equatable {
    /// The format this bargain reads and writes.
    static let formatVersion = 1

    package var model: ModelReference
    package var scenarios: [FileStamp]
    package var seed: UInt64
    /// When the session was saved at the prompt (UTC, ISO 8601). A replay copies it unchanged, so
    /// replaying and `--update` give the same bytes whenever they run.
    var saved: String?

    package init(model: ModelReference, scenarios: [FileStamp] = [], seed: UInt64 = 0, saved: String? = nil) {
        self.model = model
        self.scenarios = scenarios
        self.seed = seed
        self.saved = saved
    }

    /// The header for a notebook's session, saved now.
    package init(origin: SessionOrigin, saved: String?) {
        self.init(model: origin.model.map { .file(name: $0.name, sha256: $0.sha256) } ?? .none,
                  scenarios: origin.scenarios, seed: origin.seed, saved: saved)
    }
}

/// The `model:` field: a file by name (with its hash when the tool wrote it), or none.
package enum ModelReference: Sendable, Equatable {
    case none
    case file(name: String, sha256: String?)

    /// What a file without a `model:` field runs against.
    static var builtIn: ModelReference { .file(name: DefaultModel.name, sha256: nil) }
}

/// One input of a session file and the output recorded under it.
package struct RecordedEntry: Sendable {
    /// The number in `[3]>`; nil for a bare `>` (a hand-written entry not yet numbered).
    package let number: Int?
    package let input: String
    /// The output lines as shown (escapes undone).
    package let output: [String]
    /// Where the entry starts in the file (1-based), and its lines as written there.
    let line: Int
    package let lines: [String]

    init(number: Int?, input: String, output: [String], line: Int = 0, lines: [String] = []) {
        self.number = number
        self.input = input
        self.output = output
        self.line = line
        self.lines = lines
    }
}

/// Turns a session into the text of a session file. The layout is fixed, so the same session
/// always gives the same bytes.
enum SessionWriter {
    static let trailer = "bargain session end"

    /// An item to write: a note, or an entry with what it shows.
    enum Item: Sendable {
        case note(String)
        case entry(number: Int?, input: String, output: [String])
    }

    static func render(_ header: SessionHeader, _ items: [Item]) -> String {
        var lines = headerLines(header)
        lines.append("")
        var previousWasNote: Bool?
        for item in items {
            switch item {
            case .note(let text):
                if previousWasNote == false { lines.append("") }
                lines.append(contentsOf: noteLines(text))
                previousWasNote = true
            case .entry(let number, let input, let output):
                if previousWasNote == true { lines.append("") }
                lines.append(contentsOf: entryLines(number: number, input: input, output: output))
                previousWasNote = false
            }
        }
        if previousWasNote != nil { lines.append("") }
        lines.append(trailer)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The items of a notebook's session, with each cell's output as it showed it.
    static func items(of notebook: Notebook) -> [Item] {
        notebook.items.map { item in
            switch item {
            case .note(let text): return .note(text)
            case .cell(let cell): return .entry(number: cell.number, input: cell.input, output: outputLines(CellText.render(cell)))
            }
        }
    }

    static func headerLines(_ header: SessionHeader) -> [String] {
        var lines = ["bargain session \(SessionHeader.formatVersion)"]
        switch header.model {
        case .none: lines.append("model: none")
        case .file(let name, let hash): lines.append("model: " + name + (hash.map { " sha256:" + $0 } ?? ""))
        }
        if header.scenarios.isEmpty { lines.append("scenarios: none") }
        lines += header.scenarios.map { "scenarios: " + $0.headerText }
        lines.append("seed: \(header.seed)")
        if let saved = header.saved { lines.append("saved: " + saved) }
        return lines
    }

    /// A note is prose, one unindented line per line of text.
    static func noteLines(_ text: String) -> [String] {
        text.lineSlices.map { line in
            let clean = Notebook.normalize(String(line))
            return clean.first == " " || clean.first == "\t" ? String(clean.drop { $0 == " " || $0 == "\t" }) : clean
        }.filter { !$0.isEmpty }
    }

    /// `  [3]> first line`, then `  ...> next line` for each line after it, then the output.
    static func entryLines(number: Int?, input: String, output: [String]) -> [String] {
        var lines: [String] = []
        for (index, line) in input.lineSlices.enumerated() {
            let marker = index > 0 ? "...>" : number.map { "[\($0)]>" } ?? ">"
            lines.append("  " + marker + (line.isEmpty ? "" : " " + line))
        }
        lines += output.map(encode)
        return lines
    }

    /// A cell's shown text as output lines: control characters made visible, no lines for nothing.
    static func outputLines(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        return text.lineSlices.map { line in
            var scalars = String.UnicodeScalarView()
            for scalar in line.unicodeScalars {
                let control = (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
                scalars.append(control ? "\u{FFFD}" : scalar)
            }
            return String(scalars)
        }
    }

    /// An output line indented by two spaces; after `|` when it could not be read back plainly
    /// (empty, ending in a blank, or starting like an input marker or `|`).
    static func encode(_ line: String) -> String {
        needsEscape(line) ? "  |" + line : "  " + line
    }

    static func needsEscape(_ line: String) -> Bool {
        guard let first = line.first, let last = line.last else { return true }
        if last == " " || last == "\t" || first == "|" { return true }
        return SessionParser.marker(Substring(line)) != nil
    }
}

extension String {
    /// The lines of the text, split at each `\n` (a `\r\n` pair is one `Character`, so
    /// splitting on characters would miss it); a `\r` before the `\n` stays with its line.
    var lineSlices: [Substring] {
        var lines: [Substring] = []
        var start = startIndex
        var index = unicodeScalars.startIndex
        while index < unicodeScalars.endIndex {
            if unicodeScalars[index] == "\n" {
                lines.append(self[start..<index])
                start = unicodeScalars.index(after: index)
            }
            index = unicodeScalars.index(after: index)
        }
        lines.append(self[start...])
        return lines
    }
}
