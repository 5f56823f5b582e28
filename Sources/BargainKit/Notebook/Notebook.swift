/// A session: numbered cells run against a workspace. The REPL, `bargain run` and replays all
/// drive one of these; it never prints, it returns what each cell did.
public struct Notebook: Sendable {
    public private(set) var workspace: Workspace
    public private(set) var cells: [Cell] = []
    /// The number the next cell gets.
    public private(set) var nextNumber = 1

    public init(workspace: Workspace = Workspace()) {
        self.workspace = workspace
    }

    /// How long computations (sweep, solve, simulate, …) learn that they should stop.
    public var cancellation: Cancellation {
        get { workspace.cancellation }
        set { workspace.cancellation = newValue }
    }

    /// Loads model files into `baseline` (scenario blocks in them become scenarios). Any error,
    /// pointing into its file, stops the load.
    public static func loading(models sources: [Source]) throws(Diagnostic) -> Notebook {
        var workspace = Workspace()
        for source in sources {
            for parsed in Parser.parseRecovering(source) {
                let statement = try parsed.get()
                _ = try workspace.execute(statement)
            }
        }
        workspace.markModelLoaded()
        return Notebook(workspace: workspace)
    }

    /// Files of scenarios loaded with `--scenario` or `:load`, in order.
    public private(set) var scenarioFiles: [String] = []

    /// Loads scenarios from a file: scenario blocks, or plain definitions that become one
    /// scenario (from baseline) named after the file.
    public mutating func loadScenarios(from path: String) throws(Diagnostic) -> [Outcome] {
        let source = Source(name: path, text: try TextFile.read(path))
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
        scenarioFiles.append(path)
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

    /// Runs one entry typed at the prompt (a line, or lines joined while a bracket was open) as one cell.
    public mutating func submit(_ text: String) -> Cell {
        let number = nextNumber
        nextNumber += 1
        let source = Source(name: "<input:\(number)>", text: text)
        let cell = Cell(number: number, input: text, entries: runEntry(source))
        cells.append(cell)
        return cell
    }

    /// Runs a script: every statement is its own cell. Stops at the first error unless `keepGoing`.
    public mutating func run(script source: Source, keepGoing: Bool) -> [Cell] {
        var out: [Cell] = []
        for parsed in Parser.parseRecovering(source) {
            let entry: Entry
            switch parsed {
            case .success(let statement): entry = run(statement)
            case .failure(let diagnostic):
                entry = Entry(input: diagnostic.primarySpan.map { lineText($0) } ?? "", result: .failure(diagnostic))
            }
            let cell = Cell(number: nextNumber, input: entry.input, entries: [entry])
            nextNumber += 1
            cells.append(cell)
            out.append(cell)
            if !keepGoing, entry.diagnostic != nil { break }
        }
        return out
    }

    /// An entry is all or nothing: if any statement in it fails, none of it is kept.
    mutating func runEntry(_ source: Source) -> [Entry] {
        let parsed = Parser.parseRecovering(source)
        var statements: [Statement] = []
        for result in parsed {
            switch result {
            case .success(let statement): statements.append(statement)
            case .failure(let diagnostic):
                return [Entry(input: diagnostic.primarySpan.map { lineText($0) } ?? source.text, result: .failure(diagnostic))]
            }
        }
        do {
            let outcomes = try workspace.execute(all: statements)
            // One outcome per statement, in order; anything after (watched values) goes with the last.
            var entries: [Entry] = []
            for (index, outcome) in outcomes.enumerated() {
                let statement = statements[min(index, statements.count - 1)]
                entries.append(Entry(input: statement.span.text, result: .success(outcome)))
            }
            return entries
        } catch {
            let failed = statements.first { statement in error.primarySpan.map { $0.source === statement.span.source
                && $0.start >= statement.span.start && $0.end <= statement.span.end } ?? false }
            let diagnostic = statements.count > 1 ? error.noting("nothing in this entry was applied") : error
            return [Entry(input: failed?.span.text ?? source.text, result: .failure(diagnostic))]
        }
    }

    mutating func run(_ statement: Statement) -> Entry {
        do {
            let outcome = try workspace.execute(statement)
            return Entry(input: statement.span.text, result: .success(outcome))
        } catch {
            return Entry(input: statement.span.text, result: .failure(error))
        }
    }

    func lineText(_ span: Span) -> String {
        span.source.slice(span.source.lineRange(span.source.lineIndex(of: span.start)))
    }
}

/// One numbered entry of a session and what came of it.
public struct Cell: Sendable {
    public let number: Int
    public let input: String
    public let entries: [Entry]

    public var failed: Bool { entries.contains { $0.diagnostic != nil } }
}

/// One statement of a cell and its outcome.
public struct Entry: Sendable {
    public let input: String
    public let result: Result<Outcome, Diagnostic>

    public var diagnostic: Diagnostic? {
        if case .failure(let d) = result { return d }
        return nil
    }
}
