import Glibc
import BargainDiagnostics
import BargainUnits
import BargainFiles
import BargainRendering
import BargainNotebook

/// Standard output and error, and whether they are terminals that want colour.
struct Console {
    let colorErrors: Bool
    /// How charts are drawn: Unicode on a terminal, ASCII when asked for with `--charts`, else not at all.
    let charts: ChartText.Style?

    init(forceCharts: Bool = false) {
        colorErrors = isatty(STDERR_FILENO) != 0 && getenv("NO_COLOR") == nil
        charts = isatty(STDOUT_FILENO) != 0 ? .unicode : forceCharts ? .ascii : nil
    }

    static var inputIsTerminal: Bool { isatty(STDIN_FILENO) != 0 }

    /// Where a long statement's progress goes: one line of standard error, rewritten in place
    /// and cleared at the end; nowhere unless standard error is a terminal.
    static var progressLine: (@Sendable (String) -> Void)? {
        guard isatty(STDERR_FILENO) != 0 else { return nil }
        return { text in Console.write("\r\u{1B}[K" + text, to: STDERR_FILENO) }
    }

    func out(_ text: String) {
        print(text)
    }

    func error(_ diagnostic: Diagnostic) {
        errorText(DiagnosticRenderer(colorize: colorErrors).render(diagnostic), newline: false)
    }

    /// Writes to standard error after flushing standard output, so the two interleave in order.
    func errorText(_ text: String, newline: Bool = true) {
        fflush(nil)
        Console.write(text + (newline ? "\n" : ""), to: STDERR_FILENO)
    }

    /// Best effort: if standard error is gone there is nowhere left to say so.
    static func write(_ text: String, to fd: Int32) {
        _ = FileDescriptor.writeAll(fd, Array(text.utf8))
    }

    /// Prints what a cell did: values on standard output, errors on standard error.
    func show(_ cell: Cell) {
        QuantityFormat.$digits.withValue(cell.digits) { showResults(of: cell) }
    }

    private func showResults(of cell: Cell) {
        for entry in cell.results {
            switch entry.result {
            case .success(let outcome): out(OutcomeText.render(outcome, charts: charts))
            case .failure(let diagnostic): error(diagnostic)
            }
        }
    }
}
