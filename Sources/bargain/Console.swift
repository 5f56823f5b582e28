import Glibc
import BargainDiagnostics
import BargainUnits
import BargainFiles
import BargainSyntax
import BargainSemantics
import BargainEngine
import BargainAnalysis
import BargainRendering
import BargainNotebook
import BargainBatch

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

    static func write(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            bytes = bytes.dropFirst(n)
        }
    }

    /// Prints what a cell did: values on standard output, errors on standard error.
    func show(_ cell: Cell) {
        for entry in cell.entries {
            switch entry.result {
            case .success(let outcome): out(OutcomeText.render(outcome, charts: charts))
            case .failure(let diagnostic): error(diagnostic)
            }
        }
    }
}
