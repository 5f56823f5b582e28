import BargainDiagnostics
import BargainUnits
import BargainRendering

/// Everything a cell showed, as plain text in the order shown: results and errors (no colour).
/// Sessions record this; the REPL prints the same, with errors on standard error.
enum CellText {
    static func render(_ cell: Cell) -> String {
        QuantityFormat.$digits.withValue(cell.digits) { cell.results.map(render).joined(separator: "\n") }
    }

    static func render(_ entry: StatementResult) -> String {
        switch entry.result {
        case .success(let outcome): return OutcomeText.render(outcome)
        case .failure(let diagnostic):
            var text = DiagnosticRenderer().render(diagnostic)
            if text.hasSuffix("\n") { text.removeLast() }
            return text
        }
    }
}
