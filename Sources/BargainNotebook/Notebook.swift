import BargainDiagnostics
import BargainUnits
import BargainFiles
import BargainSyntax
import BargainEngine
import BargainAnalysis

/// A session: numbered cells run against a workspace. The REPL, `bargain run` and replays all
/// drive one of these; it never prints, it returns what each cell did.
package struct Notebook: Sendable {
    package private(set) var workspace: Workspace
    /// The workspace as the model left it, before any cell: where `:open` and replays start.
    let start: Workspace
    /// The files the model came from and the random seed, as a saved session's header records them.
    package var origin: SessionOrigin {
        didSet { workspace.seed = origin.seed }
    }
    /// Notes and cells in the order they were entered (undone cells removed).
    private(set) var items: [SessionItem] = []
    /// The number the next cell gets.
    package private(set) var nextNumber = 1
    /// What `_` and `_N` read.
    package private(set) var values = CellValues()
    /// Every change to `items`, in order, for the journal: it appends what it has not written yet.
    package internal(set) var edits: [NotebookEdit] = []
    /// The session file this notebook was opened from or last saved to.
    package internal(set) var file: String?
    /// The SHA-256 of that file's bytes as this notebook last wrote or read them: a plain
    /// `:save` refuses to overwrite the file if someone else has saved it since.
    var fileHash: String?
    /// `edits.count` when the session was last saved or opened; nil if never.
    var savedEditCount: Int?
    /// The workspace before each of the last cells, newest last, for `:undo`.
    var undoPoints: [Workspace] = []

    /// How many cells `:undo` can take back, one after another. Each point shares most of its
    /// storage with the next, but a long session should not keep every state it went through.
    static let undoDepth = 200

    package init(workspace: Workspace = Workspace(), origin: SessionOrigin = SessionOrigin()) {
        var seeded = workspace
        seeded.seed = origin.seed
        self.workspace = seeded
        self.start = seeded
        self.origin = origin
    }

    /// How long computations (sweep, solve, simulate, …) learn that they should stop.
    package var cancellation: Cancellation {
        get { workspace.cancellation }
        set { workspace.cancellation = newValue }
    }

    /// Loads model files into `baseline` (scenario blocks in them become scenarios), then
    /// scenario files. Any error, pointing into its file, stops the load.
    package static func loading(models: [Source], scenarios: [Source] = [], seed: UInt64 = 0) throws(Diagnostic) -> Notebook {
        var workspace = Workspace()
        // A model file and the files it imports are one edit: definitions may come in any order,
        // as MODEL.md's equations do, and two series may read each other's last week.
        let (statements, sources) = try ModelImports.expand(models)
        if !statements.isEmpty { _ = try workspace.execute(all: statements) }
        workspace.markModelLoaded()
        // The model's hash covers the files it imports, so a changed import is a changed model.
        let stamp = models.isEmpty ? nil : DefaultModel.isDefault(models) ? DefaultModel.stamp
            : FileStamp(name: models[0].name, sha256: SHA256.hex(sources.flatMap(\.bytes)))
        var notebook = Notebook(workspace: workspace, origin: SessionOrigin(model: stamp, seed: seed))
        for file in scenarios { _ = try notebook.loadScenarios(file) }
        notebook.workspace.markFilesLoaded()
        notebook = Notebook(workspace: notebook.workspace, origin: notebook.origin)
        return notebook
    }

    /// Loads scenarios from a file (`--scenario FILE`, `:load FILE`); saved sessions record it.
    mutating func loadScenarios(from path: String) throws(Diagnostic) -> [Outcome] {
        try loadScenarios(Source(name: path, text: try TextFile.read(path)))
    }

    /// Scenario blocks, or plain definitions that become one scenario (from baseline) named
    /// after the file.
    mutating func loadScenarios(_ source: Source) throws(Diagnostic) -> [Outcome] {
        let path = source.name
        var statements: [Statement] = []
        for parsed in Parser.parseRecovering(source) { statements.append(try parsed.get()) }
        let blocks = statements.allSatisfy { if case .scenario = $0.kind { true } else { false } }
        let definitions = statements.allSatisfy { if case .define = $0.kind { true } else if case .function = $0.kind { true } else { false } }
        if !blocks {
            guard definitions, let first = statements.first, let last = statements.last else {
                throw Diagnostic(.badStatement, "a scenario file holds scenario blocks, or definitions only",
                                 at: statements.first?.span ?? Span(source, 0, 0),
                                 help: "write `scenario NAME from baseline { … }`, or only `name = value` lines")
            }
            let name = Notebook.scenarioName(forFile: path)
            statements = [Statement(kind: .scenario(Identifier(name: name, span: first.span), base: nil, body: statements),
                                    span: first.span.to(last.span))]
        }
        let outcomes = try workspace.execute(all: statements)
        origin.scenarios.append(FileStamp(source))
        return outcomes
    }

    /// `my-offer.bargain` becomes `my_offer`.
    static func scenarioName(forFile path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        let stem = file.split(separator: ".").first.map(String.init) ?? file
        var name = String(stem.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        if name.first?.isNumber ?? true { name = "s_" + name }
        return name
    }

    package var cells: [Cell] {
        items.compactMap { if case .cell(let cell) = $0 { cell } else { nil } }
    }

    /// Whether anything was entered or undone since the last save (or open).
    package var hasUnsavedChanges: Bool {
        edits[(savedEditCount ?? 0)...].contains { edit in
            switch edit {
            case .note, .cell, .undo, .loaded: return true
            case .saved, .opened: return false
            }
        }
    }

    // MARK: Entering cells and notes

    /// Runs one entry typed at the prompt (a line, or lines joined while a bracket was open) as one cell.
    package mutating func submit(_ text: String) -> Cell {
        let input = Notebook.normalize(text)
        let number = nextNumber
        nextNumber += 1
        let source = Source(name: "<input:\(number)>", text: input)
        let before = workspace
        let cell = Cell(number: number, input: input, results: runEntry(source), digits: workspace.displayDigits)
        undoPoints.append(before)
        if undoPoints.count > Notebook.undoDepth { undoPoints.removeFirst(undoPoints.count - Notebook.undoDepth) }
        values.record(cell)
        items.append(.cell(cell))
        edits.append(.cell(input))
        return cell
    }

    /// Keeps a `# note` in the session. It is not a cell: it gets no number and changes nothing.
    mutating func addNote(_ text: String) {
        let note = Notebook.normalize(text)
        guard !note.isEmpty else { return }
        items.append(.note(note))
        edits.append(.note(note))
    }

    /// Takes back the last cell: the workspace returns to what it was before it, and the next
    /// cell gets its number again. Nil when there is nothing (left) to undo.
    mutating func undo() -> Cell? {
        guard let index = items.lastIndex(where: { if case .cell = $0 { true } else { false } }),
              case .cell(let cell) = items[index], let before = undoPoints.popLast() else { return nil }
        workspace = before
        items.remove(at: index)
        values.remove(cell.number)
        nextNumber = cell.number
        edits.append(.undo)
        return cell
    }

    /// Forgets every note and cell: back to the model as loaded, with cell numbers from 1.
    mutating func restart() {
        workspace = start
        items = []
        nextNumber = 1
        values = CellValues()
        undoPoints = []
    }

    /// Records that the session is on disk at `path` as it stands.
    mutating func markSaved(_ path: String, bytes: [UInt8]? = nil) {
        file = path
        fileHash = (bytes ?? (try? TextFile.readBytes(path))).map(SHA256.hex)
        edits.append(.saved(path))
        savedEditCount = edits.count
    }

    /// Input as a session file keeps it: no trailing blanks on any line, no blank lines around
    /// it, and control characters (which no statement may hold) shown as U+FFFD, so that what
    /// runs live and what runs in a replay are the same text.
    static func normalize(_ text: String) -> String {
        var lines = text.lineSlices.map { line in
            var scalars = String.UnicodeScalarView()
            for scalar in line.unicodeScalars {
                let control = (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
                scalars.append(control ? "\u{FFFD}" : scalar)
            }
            var clean = String(scalars)
            while let last = clean.last, last == " " || last == "\t" { clean.removeLast() }
            return clean
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    // MARK: Scripts

    /// Runs a script: every statement is its own cell. Stops at the first error unless `keepGoing`.
    package mutating func run(script source: Source, keepGoing: Bool) -> [Cell] {
        var out: [Cell] = []
        for parsed in Parser.parseRecovering(source) {
            let results: [StatementResult]
            switch parsed {
            case .success(let statement): results = run(statement)
            case .failure(let diagnostic):
                results = [StatementResult(input: diagnostic.primarySpan.map { lineText($0) } ?? "", result: .failure(diagnostic))]
            }
            let cell = Cell(number: nextNumber, input: results[0].input, results: results, digits: workspace.displayDigits)
            nextNumber += 1
            values.record(cell)
            items.append(.cell(cell))
            out.append(cell)
            if !keepGoing, results.contains(where: { $0.diagnostic != nil }) { break }
        }
        return out
    }

    /// An entry is all or nothing: if any statement in it fails, none of it is kept.
    mutating func runEntry(_ source: Source) -> [StatementResult] {
        let parsed = Parser.parseRecovering(source)
        var statements: [Statement] = []
        for result in parsed {
            switch result {
            case .success(let statement):
                do {
                    statements.append(try values.expandingScenarioFromCell(statement))
                } catch {
                    return [StatementResult(input: statement.span.text, result: .failure(error))]
                }
            case .failure(let diagnostic):
                return [StatementResult(input: diagnostic.primarySpan.map { lineText($0) } ?? source.text, result: .failure(diagnostic))]
            }
        }
        return execute(statements, fallbackInput: source.text)
    }

    /// Runs resolved statements as one edit, the one path every entry and script statement takes.
    mutating func execute(_ statements: [Statement], fallbackInput: String) -> [StatementResult] {
        do {
            workspace.cells = values.table
            // Text an analysis writes as it runs (its notes) uses the digits in force too.
            var workspace = self.workspace
            let outcomes = try QuantityFormat.$digits.withValue(workspace.displayDigits) {
                Result { () throws(Diagnostic) in try workspace.execute(all: statements) }
            }.get()
            self.workspace = workspace
            // One outcome per statement, in order; anything after (watched values) goes with the last.
            var results: [StatementResult] = []
            for (index, outcome) in outcomes.enumerated() {
                let statement = statements[min(index, statements.count - 1)]
                results.append(StatementResult(input: statement.span.text, result: .success(outcome)))
            }
            return results
        } catch {
            let failed = statements.first { statement in error.primarySpan.map { $0.source === statement.span.source
                && $0.start >= statement.span.start && $0.end <= statement.span.end } ?? false }
            let diagnostic = statements.count > 1 ? error.noting("nothing in this entry was applied") : error
            return [StatementResult(input: failed?.span.text ?? fallbackInput, result: .failure(diagnostic))]
        }
    }

    /// One statement of a script, through the same path as an entry at the prompt, so watched
    /// values are shown after an edit here too.
    mutating func run(_ statement: Statement) -> [StatementResult] {
        do {
            return execute([try values.expandingScenarioFromCell(statement)], fallbackInput: statement.span.text)
        } catch {
            return [StatementResult(input: statement.span.text, result: .failure(error))]
        }
    }

    func lineText(_ span: Span) -> String {
        span.source.slice(span.source.lineRange(span.source.lineIndex(of: span.start)))
    }
}

/// What a session holds, in order: notes and cells.
enum SessionItem: Sendable {
    case note(String)
    case cell(Cell)
}

/// One change to a notebook's items, as the journal records it: enough to redo the session by
/// running the inputs again.
package enum NotebookEdit: Sendable, Equatable {
    case note(String)
    /// A cell's input (its outcome follows from running it).
    case cell(String)
    case undo
    /// Saved to this path: everything before is on disk.
    case saved(String)
    /// Replaced by the session at this path: the notebook restarted from the model, and the
    /// session's notes and cells follow as edits of their own.
    case opened(String)
    /// `:load FILE`: scenarios from a file, which a recovered session loads again.
    case loaded(String)
}
