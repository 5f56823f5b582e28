import Testing
@testable import BargainDiagnostics
@testable import BargainUnits
@testable import BargainFiles
@testable import BargainSyntax
@testable import BargainSemantics
@testable import BargainEngine
@testable import BargainAnalysis
@testable import BargainRendering
@testable import BargainNotebook
@testable import BargainBatch
@testable import BargainBench

/// Runs code in a fresh notebook (optionally on the default model) and returns every entry.
func statementResults(_ code: String, model: Bool = false) -> [StatementResult] {
    var notebook = model ? loadedModel() : Notebook()
    return notebook.submit(code).results
}

/// The default model, loaded once per call (loading is a few milliseconds).
func loadedModel() -> Notebook {
    do {
        return try Notebook.loading(models: DefaultModel.sources)
    } catch {
        Issue.record("the default model does not load: \(error.message)")
        return Notebook()
    }
}

/// The rendered text of the last entry of `code`; records a failure if it failed.
func output(_ code: String, model: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    let all = statementResults(code, model: model)
    guard let last = all.last else {
        Issue.record("no output", sourceLocation: sourceLocation)
        return ""
    }
    switch last.result {
    case .success(let outcome): return OutcomeText.render(outcome)
    case .failure(let diagnostic):
        Issue.record("unexpected error: \(DiagnosticRenderer().render(diagnostic))", sourceLocation: sourceLocation)
        return ""
    }
}

extension Notebook {
    /// Submits one cell and returns what its last entry shows: the text, or `error: ` and the
    /// message. For tests that go on in the same notebook cell after cell.
    mutating func shown(_ cell: String) -> String {
        switch submit(cell).results.last?.result {
        case .success(let outcome)?: return OutcomeText.render(outcome)
        case .failure(let diagnostic)?: return "error: " + diagnostic.message
        case nil: return "nothing"
        }
    }
}

func expectOutput(_ code: String, _ expected: String, model: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(output(code, model: model, sourceLocation: sourceLocation) == expected, sourceLocation: sourceLocation)
}

/// The first error `code` raises; records a failure if there is none.
func failure(_ code: String, model: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) -> Diagnostic? {
    let found = statementResults(code, model: model).compactMap(\.diagnostic).first
    if found == nil { Issue.record("expected an error from: \(code)", sourceLocation: sourceLocation) }
    return found
}

func expectFailure(_ code: String, _ expected: DiagnosticCode, _ messagePart: String = "", model: Bool = false,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    guard let diagnostic = failure(code, model: model, sourceLocation: sourceLocation) else { return }
    #expect(diagnostic.code == expected, "\(diagnostic.message)", sourceLocation: sourceLocation)
    if !messagePart.isEmpty {
        let all = DiagnosticRenderer().render(diagnostic)
        #expect(all.contains(messagePart), "\(all)", sourceLocation: sourceLocation)
    }
}

/// Source text with position markers (1️⃣, 2️⃣, …) taken out, and the byte offset of each marker.
func marked(_ text: String) -> (source: String, positions: [Int]) {
    let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣"]
    var clean = text
    var found: [(Int, Int)] = []
    for (index, marker) in markers.enumerated() {
        guard let range = clean.range(of: marker) else { continue }
        found.append((index, clean.utf8.distance(from: clean.startIndex, to: range.lowerBound)))
        clean.removeSubrange(range)
    }
    return (clean, found.sorted { $0.0 < $1.0 }.map(\.1))
}

/// The value of a name in base units, after running code.
func number(_ name: String, after code: String = "", model: Bool = true) -> Double? {
    var notebook = model ? loadedModel() : Notebook()
    if !code.isEmpty { _ = notebook.submit(code) }
    guard case .success(let value)? = notebook.workspace.value(of: name) else { return nil }
    return value.scalar
}

/// A name's value in the current scenario, nil if it has none.
func valueOf(_ notebook: Notebook, _ name: String) -> Value? {
    guard case .success(let value)? = notebook.workspace.value(of: name) else { return nil }
    return value
}
