import BargainDiagnostics
import BargainUnits
import BargainEngine

/// A row as read: its values in base units, or why it could not be read.
struct DecodedRow {
    /// In base units, for the plan.
    var values: [Double]
    /// As given, in each column's unit, to echo in the output.
    var shown: [Double] = []
    var error: Diagnostic?
    var echo: [String]
    let line: Int?
}

/// Reads the rows of a chunk: the vary product's values, or the grid's records cell by cell,
/// each into base units with its error, if it has one, kept for the row.
final class RowDecoder: @unchecked Sendable {
    let rows: BatchJob.Rows
    let columns: [GridColumn]
    /// The grid being read (nil for --vary). Only touched under the chunk source's lock.
    let reader: GridReader?
    let chunkRows: Int
    let totalRows: Int?
    /// Saltelli's design, for `--sobol`.
    let design: SaltelliDesign?

    init(rows: BatchJob.Rows, columns: [GridColumn], reader: GridReader?, chunkRows: Int, totalRows: Int?, design: SaltelliDesign? = nil) {
        self.rows = rows
        self.columns = columns
        self.reader = reader
        self.chunkRows = chunkRows
        self.totalRows = totalRows
        self.design = design
    }

    /// The next chunk's rows, at most `maxRows` (called under the source's lock, in order); nil at the end.
    func nextChunk(firstRow: Int, maxRows: Int) throws(Diagnostic) -> (Int, ChunkWork.Payload)? {
        let limit = max(1, min(chunkRows, maxRows))
        if let reader {
            let (lines, bytes, records) = try reader.nextRecords(limit)
            return records == 0 ? nil : (records, .grid(lines: lines, bytes: bytes))
        }
        guard let totalRows, firstRow < totalRows else { return nil }
        return (min(limit, totalRows - firstRow), .vary)
    }

    /// Moves past the first `count` input rows, for a part of the batch that starts further on.
    func skip(_ count: Int) throws(Diagnostic) {
        guard let reader, count > 0 else { return }
        _ = try reader.skipRecords(count)
    }

    func rows(_ work: ChunkWork) -> [DecodedRow] {
        switch work.payload {
        case .vary:
            if let design { return sobolRows(work, design) }
            guard case .vary(let axes) = rows else { return [] }
            return (0..<work.rows).map { k in
                var rest = work.firstRow + k
                var values = [Double](repeating: 0, count: axes.count)
                var shown = values
                for (a, axis) in axes.enumerated().reversed() {
                    shown[a] = GridCell.snapped(axis.value(rest % axis.count))  // 0.43, not 0.43000000000000005
                    values[a] = shown[a] * columns[a].factor
                    rest /= axis.count
                }
                return DecodedRow(values: values, shown: shown, error: nil, echo: [], line: nil)
            }
        case .grid(let lines, let bytes):
            var decoded: [DecodedRow] = []
            var start = 0
            let path = reader?.path ?? ""
            var inQuotes = false
            for i in bytes.indices {
                // Records end at a newline outside quotes, as GridReader split them; the last
                // byte ends the last record even inside a quote never closed (the file's end).
                if bytes[i] == UInt8(ascii: "\"") { inQuotes.toggle() }
                guard bytes[i] == 10, !inQuotes || i == bytes.count - 1, decoded.count < lines.count else { continue }
                inQuotes = false
                let record = bytes[start..<i]
                let line = lines[decoded.count]
                start = i + 1
                let fields = GridReader.fields(record)
                var row = DecodedRow(values: [], error: nil, echo: [], line: line)
                if fields.count != columns.count {
                    let source = Source(name: path, text: String(decoding: record, as: UTF8.self), firstLine: line)
                    row.error = Diagnostic(.gridRowLength, "this row has \(plural(fields.count, "cell")); the header names \(columns.count)",
                                           at: Span(source, 0, record.count))
                }
                for (c, column) in columns.enumerated() where row.error == nil {
                    switch GridCell.read(fields[c], column, line: line, record: record, path: path) {
                    case .success(let (value, shown)):
                        row.values.append(value)
                        row.shown.append(shown)
                    case .failure(let diagnostic): row.error = diagnostic
                    }
                }
                if row.error != nil { row.echo = fields.map(GridReader.text) }
                decoded.append(row)
            }
            return decoded
        }
    }

    /// Rows of Saltelli's design: the inputs in base units for the plan; shown in their columns'
    /// units, then the sample (from 0) and the block (0 A, i AB_i, k + 1 B).
    func sobolRows(_ work: ChunkWork, _ design: SaltelliDesign) -> [DecodedRow] {
        var values: [Double] = []
        return (0..<work.rows).map { k in
            let row = work.firstRow + k
            design.values(ofRow: row, into: &values)
            let (sample, block) = design.position(ofRow: row)
            let shown = zip(values, columns).map { $0 / $1.factor } + [Double(sample), Double(block)]
            return DecodedRow(values: values, shown: shown, error: nil, echo: [], line: nil)
        }
    }
}
