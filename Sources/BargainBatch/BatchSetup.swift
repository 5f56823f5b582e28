import BargainDiagnostics
import BargainUnits
import BargainFiles
import BargainSyntax
import BargainSemantics
import BargainEngine
import BargainAnalysis
import BargainRendering
import BargainNotebook

/// Everything fixed before the first row: columns, outputs, the plan, the row format; and the
/// work of one chunk (reading its rows, evaluating them a block at a time, formatting them).
final class BatchSetup: @unchecked Sendable {
    let job: BatchJob
    let columns: [GridColumn]
    let outputUnits: [UnitProduct]
    /// Each output unit's size in base units, computed once.
    let outputFactors: [Double]
    let plan: Plan
    let format: RowFormat
    /// Outputs no row changes, formatted once.
    let fixed: [[UInt8]?]
    let samples: Int
    /// The grid being read (nil for --vary). Only touched under the chunk source's lock.
    let reader: GridReader?
    let totalRows: Int?

    init(_ job: BatchJob) throws(Diagnostic) {
        self.job = job
        let program = job.scenario.program
        var columns: [GridColumn] = []
        switch job.rows {
        case .grid(let path):
            let reader = try GridReader(path: path)
            guard var header = try reader.nextRecord() else {
                throw Diagnostic(.emptyGrid, "`\(path)` is empty: a grid needs a header naming its inputs")
            }
            // Excel starts a UTF-8 CSV with a byte-order mark; it is not part of the first name.
            if header.starts(with: [0xEF, 0xBB, 0xBF]) { header = header.dropFirst(3) }
            let source = Source(name: path, text: String(decoding: header, as: UTF8.self))
            var offset = 0
            for field in GridReader.fields(header) {
                let span = Span(source, offset, offset + field.count)
                offset += field.count + 1
                columns.append(try BatchSetup.column(GridReader.text(field), program, at: span))
            }
            self.reader = reader
            totalRows = nil
        case .vary(let axes):
            for axis in axes {
                let source = Source(name: "--vary", text: axis.name)
                columns.append(try BatchSetup.column(axis.name, program, at: Span(source, 0, source.bytes.count)))
            }
            reader = nil
            var total = 1
            for axis in axes {
                let (product, overflow) = total.multipliedReportingOverflow(by: axis.count)
                guard !overflow else { throw Diagnostic(.limit, "the --vary grid has too many rows to count") }
                total = product
            }
            totalRows = total
        }
        var seen: Set<String> = []
        for column in columns where !seen.insert(column.input).inserted {
            throw Diagnostic(.duplicateName, "`\(column.input)` is given twice", help: "each input may be one column")
        }
        var units: [UnitProduct] = []
        for name in job.outputs {
            guard let definition = program[name], !definition.isFunction, !definition.isRequirement else {
                throw Diagnostic(.unknownName, "unknown output `\(name)`",
                                 help: Suggestions.hint(for: name, in: program.valueNames) ?? "`--outputs all` writes every output")
            }
            guard case .number = definition.type else {
                throw Diagnostic(.typeMismatch, "`\(name)` is not a single number", help: "batch writes outputs holding one number each")
            }
            units.append(definition.unit)
        }
        self.columns = columns
        outputUnits = units
        outputFactors = units.map(\.factor)
        samples = job.samples ?? 1
        plan = try Plan.compile(job.scenario, outputs: job.outputs.map(PlanOutput.name),
                                parameters: columns.map(\.input), sampling: job.samples != nil)
        var names = columns.map(\.header)
        if job.samples != nil { names.append("draw") }
        names += zip(job.outputs, units).map { $1.isOne ? $0 : "\($0)[\($1)]" }
        if job.keepGoing { names.append("error") }
        format = RowFormat(format: job.format, names: names)
        // An output no step writes is the same for every row: format it once.
        let written = Set(plan.steps.map(\.name))
        let probe = PlanRunner(plan: plan, lanes: 1)
        fixed = plan.outputs.enumerated().map { index, slot -> [UInt8]? in
            guard !written.contains(slot.name) else { return nil }
            var bytes: [UInt8] = []
            RowFormat.append(probe.output(index, lane: 0) / units[index].factor, json: job.format == .jsonl, &bytes)
            return bytes
        }
    }

    /// A column for `name` or `name[unit]`: an input holding one number.
    static func column(_ text: String, _ program: Program, at span: Span) throws(Diagnostic) -> GridColumn {
        var name = text
        var unit: UnitProduct? = nil
        if let open = text.firstIndex(of: "["), text.hasSuffix("]") {
            name = String(text[..<open])
            let unitText = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            unit = unitText.isEmpty ? .one : try Checker.resolve(Parser.parseUnit(Source(name: span.source.name, text: unitText)))
        }
        guard let definition = program[name], !definition.isFunction, !definition.isRequirement else {
            throw Diagnostic(.unknownName, "unknown input `\(name)`", at: span,
                             help: Suggestions.hint(for: name, in: program.valueNames))
        }
        guard case .number(let dimension) = definition.type else {
            throw Diagnostic(.typeMismatch, "`\(name)` does not hold one number, so it cannot be a column", at: span)
        }
        let columnUnit = unit ?? definition.unit
        guard columnUnit.dimension == dimension else {
            throw Diagnostic(.dimensionMismatch, "`\(name)` is in \(definition.unit), not \(columnUnit)", at: span)
        }
        return GridColumn(input: name, unit: columnUnit, dimension: dimension,
                          header: columnUnit.isOne ? name : "\(name)[\(columnUnit)]", factor: columnUnit.factor)
    }

    /// The next chunk's rows (called under the source's lock, in order); nil at the end.
    func nextChunk(firstRow: Int) throws(Diagnostic) -> (Int, ChunkWork.Payload)? {
        if let reader {
            let (firstLine, bytes, records) = try reader.nextRecords(job.chunkRows)
            return records == 0 ? nil : (records, .grid(firstLine: firstLine, bytes: bytes))
        }
        guard let totalRows, firstRow < totalRows else { return nil }
        return (min(job.chunkRows, totalRows - firstRow), .vary)
    }

    /// A row as read: its values in base units, or why it could not be read.
    struct Row {
        /// In base units, for the plan.
        var values: [Double]
        /// As given, in each column's unit, to echo in the output.
        var shown: [Double] = []
        var error: Diagnostic?
        var echo: [String]
        let line: Int?
    }

    func rows(_ work: ChunkWork) -> [Row] {
        switch work.payload {
        case .vary:
            guard case .vary(let axes) = job.rows else { return [] }
            return (0..<work.rows).map { k in
                var rest = work.firstRow + k
                var values = [Double](repeating: 0, count: axes.count)
                var shown = values
                for (a, axis) in axes.enumerated().reversed() {
                    shown[a] = axis.value(rest % axis.count)
                    values[a] = shown[a] * columns[a].factor
                    rest /= axis.count
                }
                return Row(values: values, shown: shown, error: nil, echo: [], line: nil)
            }
        case .grid(let firstLine, let bytes):
            var rows: [Row] = []
            var line = firstLine
            var start = 0
            let path = reader?.path ?? ""
            for i in bytes.indices where bytes[i] == 10 {
                let record = bytes[start..<i]
                start = i + 1
                let fields = GridReader.fields(record)
                var row = Row(values: [], error: nil, echo: [], line: line)
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
                rows.append(row)
                line += 1 + record.reduce(0) { $1 == 10 ? $0 + 1 : $0 }
            }
            return rows
        }
    }

    /// Evaluates a chunk a block of lanes at a time and formats its rows.
    func process(_ work: ChunkWork, _ runner: inout PlanRunner) -> ChunkResult {
        let rows = self.rows(work)
        var result = ChunkResult(index: work.index)
        result.bytes.reserveCapacity(rows.count * samples * 24 * (columns.count + plan.outputs.count + 1))
        let lanesPerBlock = runner.lanes
        let totalLanes = rows.count * samples
        var lane0 = 0
        while lane0 < totalLanes {
            let n = min(lanesPerBlock, totalLanes - lane0)
            for lane in 0..<n {
                let row = rows[(lane0 + lane) / samples]
                guard row.error == nil else { continue }
                for (c, value) in row.values.enumerated() { runner.set(parameter: c, lane: lane, to: value) }
            }
            let firstDraw = UInt64(work.firstRow * samples + lane0)
            runner.run(sampler: job.samples == nil ? nil : SeededSampler(seed: job.seed, firstDraw: firstDraw))
            for lane in 0..<n {
                let k = lane0 + lane
                let row = rows[k / samples], rowNumber = work.firstRow + k / samples
                if var failure = row.error {
                    guard k % samples == 0 else { continue }
                    failure = failure.noting("row \(rowNumber + 1) of the grid")
                    if !record(failure, row: row, draw: nil, into: &result) { return result }
                    continue
                }
                if runner.failed(lane: lane) {
                    let failure = runner.diagnose(lane: lane).noting("in row \(rowNumber + 1): " + describe(row))
                    if !record(failure, row: row, draw: samples > 1 || job.samples != nil ? k % samples : nil, into: &result) { return result }
                    continue
                }
                writeRow(row, draw: job.samples != nil ? k % samples : nil, lane: lane, runner, into: &result.bytes)
                result.rows += 1
            }
            lane0 += n
        }
        return result
    }

    /// Notes a failing row: an error row with --keep-going (true: go on), else the stop.
    func record(_ failure: Diagnostic, row: Row, draw: Int?, into result: inout ChunkResult) -> Bool {
        if result.firstError == nil { result.firstError = failure }
        guard job.keepGoing else {
            result.stop = failure
            return false
        }
        result.errors += 1
        var column = 0
        format.begin(&result.bytes)
        for c in columns.indices {
            if c < row.shown.count {
                format.number(row.shown[c], column: column, &result.bytes)
            } else if c < row.echo.count {
                format.text(row.echo[c], column: column, &result.bytes)
            } else {
                format.empty(column: column, &result.bytes)
            }
            column += 1
        }
        if job.samples != nil {
            if let draw { format.number(Double(draw), column: column, &result.bytes) } else { format.empty(column: column, &result.bytes) }
            column += 1
        }
        for _ in plan.outputs {
            format.empty(column: column, &result.bytes)
            column += 1
        }
        format.text(failure.message, column: column, &result.bytes)
        format.end(&result.bytes)
        return true
    }

    @inline(__always)
    func writeRow(_ row: Row, draw: Int?, lane: Int, _ runner: PlanRunner, into out: inout [UInt8]) {
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
        for o in 0..<plan.outputs.count {
            if let bytes = fixed[o] {
                format.preformatted(bytes, column: column, &out)
            } else {
                format.number(runner.output(o, lane: lane) / outputFactors[o], column: column, &out)
            }
            column += 1
        }
        if job.keepGoing { format.empty(column: column, &out) }
        format.end(&out)
    }

    func describe(_ row: Row) -> String {
        let parts = zip(columns, row.values).map { "\($0.input) = \(QuantityFormat.format($1, in: $0.unit))" }
        return parts.joined(separator: ", ") + (row.line.map { " (line \($0))" } ?? "")
    }
}
