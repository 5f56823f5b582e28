import BargainDiagnostics
import BargainEngine

/// Formats a chunk's rows: the inputs as given, the draw, each output in its unit; an error row
/// echoes the inputs, leaves the outputs empty and puts the message in the `error` column.
struct RowWriter: Sendable {
    let format: RowFormat
    let columns: [GridColumn]
    /// One number of an output: a single value, or one entry of a by-year list or a series.
    struct OutputColumn: Sendable {
        /// Which output, and which of its numbers (from 0).
        let output: Int
        let entry: Int
        /// Its unit's size in base units.
        let factor: Double
        /// The text of a number no row changes, formatted once.
        let fixed: [UInt8]?
    }
    let outputs: [OutputColumn]
    var outputCount: Int { outputs.count }
    /// Whether there is a `draw` column (--samples).
    let sampled: Bool
    /// Whether there is an `error` column (--keep-going).
    let keepGoing: Bool

    @inline(__always)
    func row(_ row: DecodedRow, draw: Int?, lane: Int, _ runner: PlanRunner, into out: inout [UInt8]) {
        var column = 0
        format.begin(&out)
        for shown in row.shown {
            format.number(shown, column: column, &out)
            column += 1
        }
        if let draw {
            format.number(Double(draw), column: column, &out)
            column += 1
        }
        for output in outputs {
            if let bytes = output.fixed {
                format.preformatted(bytes, column: column, &out)
            } else {
                format.number(runner.output(output.output, entry: output.entry, lane: lane) / output.factor, column: column, &out)
            }
            column += 1
        }
        if keepGoing { format.empty(column: column, &out) }
        format.end(&out)
    }

    func errorRow(_ failure: Diagnostic, row: DecodedRow, draw: Int?, into out: inout [UInt8]) {
        var column = 0
        format.begin(&out)
        for c in columns.indices {
            if c < row.shown.count {
                format.number(row.shown[c], column: column, &out)
            } else if c < row.echo.count {
                format.text(row.echo[c], column: column, &out)
            } else {
                format.empty(column: column, &out)
            }
            column += 1
        }
        // A --sobol row's sample and block, after its inputs.
        for extra in row.shown.dropFirst(columns.count) {
            format.number(extra, column: column, &out)
            column += 1
        }
        if sampled {
            if let draw { format.number(Double(draw), column: column, &out) } else { format.empty(column: column, &out) }
            column += 1
        }
        for _ in 0..<outputCount {
            format.empty(column: column, &out)
            column += 1
        }
        format.text(failure.message, column: column, &out)
        format.end(&out)
    }
}
