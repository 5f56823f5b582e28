import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainSemantics
import BargainEngine

/// Everything fixed before the first row, checked against the model: the columns, the outputs,
/// the plan, the row format. It hands the three jobs of a chunk to their own types: `RowDecoder`
/// reads rows, `ChunkEvaluator` evaluates them, `RowWriter` formats them.
struct BatchSetup: Sendable {
    let plan: Plan
    let format: RowFormat
    let decoder: RowDecoder
    let evaluator: ChunkEvaluator
    /// The rows (scenarios) to write when the job selects some (`RowSelection`); nil: all.
    let selected: Range<Int>?
    /// What the batch writes, for `--describe` (rows counted only when asked or needed).
    let description: BatchDescription

    init(_ job: BatchJob, countingRows: Bool = false) throws(Diagnostic) {
        let program = job.scenario.program
        var columns: [GridColumn] = []
        let reader: GridReader?, totalRows: Int?
        var design: SaltelliDesign? = nil
        switch job.rows {
        case .grid(let path):
            let gridReader = try GridReader(path: path)
            guard var header = try gridReader.nextRecord() else {
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
            reader = gridReader
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
        case .sobol(let samples):
            let sobol = try BatchJob.sobolDesign(job.scenario, samples: samples, seed: job.seed)
            for input in sobol.inputs {
                let source = Source(name: "--sobol", text: input.name)
                columns.append(try BatchSetup.column(input.name, program, at: Span(source, 0, source.bytes.count)))
            }
            reader = nil
            design = sobol
            totalRows = sobol.rowCount
        }
        var seen: Set<String> = []
        for column in columns where !seen.insert(column.input).inserted {
            throw Diagnostic(.duplicateName, "`\(column.input)` is given twice", help: "each input may be one column")
        }
        // Each output is one column, or one per entry: a by-year list gives `name.1` … `name.n`
        // (one per contract year), a series `name.1` … `name.T` (one per week), so every cell of
        // the file holds one number and numpy or pandas read it as it is.
        var outputColumns: [(output: Int, entry: Int, name: String, unit: UnitProduct)] = []
        for (index, name) in job.outputs.enumerated() {
            switch program.numberDefinition(name) {
            case .number(let definition, _): outputColumns.append((index, 0, name, definition.unit))
            case .unknown:
                throw Diagnostic(.unknownName, "unknown output `\(name)`",
                                 help: Suggestions.hint(for: name, in: program.valueNames) ?? "`--outputs all` writes every output")
            case .notOneNumber(let definition):
                switch definition.type {
                case .list(_, let count)?, .series(_, let count)?:
                    for entry in 0..<count { outputColumns.append((index, entry, "\(name).\(entry + 1)", definition.unit)) }
                default:
                    throw Diagnostic(.typeMismatch, "`\(name)` is not a number or a list of numbers",
                                     help: "batch writes numbers: a single value, a by-year list or a series")
                }
            }
        }
        let plan = try Plan.compile(job.scenario, outputs: job.outputs.map(PlanOutput.name),
                                parameters: columns.map(\.input), sampling: job.samples != nil)
        var described = columns.map { BatchDescription.Column(name: $0.input, unit: $0.unit, header: $0.header, role: .input) }
        if design != nil {
            described += ["sobol_sample", "sobol_block"].map { .init(name: $0, unit: .one, header: $0, role: .design) }
        }
        if job.samples != nil { described.append(.init(name: "draw", unit: .one, header: "draw", role: .draw)) }
        described += outputColumns.map { .init(name: $0.name, unit: $0.unit, header: $0.unit.isOne ? $0.name : "\($0.name)[\($0.unit)]", role: .output) }
        if job.keepGoing { described.append(.init(name: "error", unit: .one, header: "error", role: .error)) }
        let format = RowFormat(format: job.format, names: described.map(\.header))
        // An output no step writes is the same for every row: format it once. A varied input
        // is written by each row itself.
        let written = Set(plan.steps.map(\.name)).union(columns.map(\.input))
        let probe = PlanRunner(plan: plan, lanes: 1)
        let writerColumns = outputColumns.map { column -> RowWriter.OutputColumn in
            let factor = column.unit.factor
            guard !written.contains(plan.outputs[column.output].name) else {
                return .init(output: column.output, entry: column.entry, factor: factor, fixed: nil)
            }
            var bytes: [UInt8] = []
            RowFormat.append(probe.output(column.output, entry: column.entry, lane: 0) / factor, json: job.format == .jsonl, &bytes)
            return .init(output: column.output, entry: column.entry, factor: factor, fixed: bytes)
        }
        self.plan = plan
        self.format = format
        // A chunk holds at most `ChunkSource.maxLanes` scenarios (rows × draws), so memory stays
        // flat however many draws a row has: fewer rows a chunk, and a row of more draws than
        // that is split by draws (ChunkSource).
        let samples = job.samples ?? 1
        let chunkRows = max(1, min(job.chunkRows, ChunkSource.maxLanes / samples))
        decoder = RowDecoder(rows: job.rows, columns: columns, reader: reader, chunkRows: chunkRows, totalRows: totalRows, design: design)
        // A part of the batch needs the row count up front (a grid's by reading it through once),
        // so a range past the end is refused before anything is written.
        var inputRows = totalRows
        if inputRows == nil, countingRows || job.selection != .all, case .grid(let path) = job.rows {
            inputRows = try GridReader.countRecords(path: path)
        }
        var scenarios: Int?
        if let inputRows {
            let (product, overflow) = inputRows.multipliedReportingOverflow(by: samples)
            guard !overflow else { throw Diagnostic(.limit, "the batch has too many rows to count (\(inputRows) × \(samples) draws)") }
            scenarios = product
        }
        if job.selection != .all, let scenarios {
            let range = try job.selection.resolve(total: scenarios)
            try decoder.skip(range.lowerBound / samples)
            selected = range
        } else {
            selected = nil
        }
        description = BatchDescription(rows: scenarios, inputRows: inputRows, samples: job.samples, selected: selected ?? scenarios.map { 0..<$0 },
                                       columns: described, format: job.format)
        let writer = RowWriter(format: format, columns: columns, outputs: writerColumns,
                               sampled: job.samples != nil, keepGoing: job.keepGoing)
        evaluator = ChunkEvaluator(decoder: decoder, writer: writer, samples: job.samples, seed: job.seed, keepGoing: job.keepGoing)
    }

    /// A column for `name` or `name[unit]`: an input holding one number.
    static func column(_ text: String, _ program: Program, at span: Span) throws(Diagnostic) -> GridColumn {
        var name = text
        var unit: UnitProduct? = nil
        if let open = text.firstIndex(of: "["), text.hasSuffix("]") {
            name = String(text[..<open])
            let unitText = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            unit = unitText.isEmpty ? .one : try Checker.resolve(Parser.parseUnit(Source(name: span.source.name, text: unitText)), in: program)
        }
        let definition: Definition, dimension: Dimension
        switch program.numberDefinition(name) {
        case .number(let found, let foundDimension): (definition, dimension) = (found, foundDimension)
        case .unknown:
            throw Diagnostic(.unknownName, "unknown input `\(name)`", at: span,
                             help: Suggestions.hint(for: name, in: program.valueNames))
        case .notOneNumber:
            throw Diagnostic(.typeMismatch, "`\(name)` does not hold one number, so it cannot be a column", at: span)
        }
        // A share's bare number is the plain value, as in the language (`45%` is 0.45): a cell
        // `0.45` is 45%, never 0.45%. A header unit (`outsourcing_share[%]`) says otherwise.
        let columnUnit = unit ?? (dimension == .none ? .one : definition.unit)
        guard columnUnit.dimension == dimension else {
            throw Diagnostic(.dimensionMismatch, "`\(name)` is in \(definition.unit), not \(columnUnit)", at: span)
        }
        return GridColumn(input: name, unit: columnUnit, dimension: dimension,
                          header: columnUnit.isOne ? name : "\(name)[\(columnUnit)]", factor: columnUnit.factor)
    }
}
