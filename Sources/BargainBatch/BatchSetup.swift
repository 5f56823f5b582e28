import BargainDiagnostics
import BargainUnits
import BargainFiles
import BargainSyntax
import BargainSemantics
import BargainEngine
import BargainAnalysis
import BargainRendering
import BargainNotebook

/// Everything fixed before the first row, checked against the model: the columns, the outputs,
/// the plan, the row format. It hands the three jobs of a chunk to their own types: `RowDecoder`
/// reads rows, `ChunkEvaluator` evaluates them, `RowWriter` formats them.
struct BatchSetup: Sendable {
    let plan: Plan
    let format: RowFormat
    let decoder: RowDecoder
    let evaluator: ChunkEvaluator

    init(_ job: BatchJob) throws(Diagnostic) {
        let program = job.scenario.program
        var columns: [GridColumn] = []
        let reader: GridReader?, totalRows: Int?
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
        }
        var seen: Set<String> = []
        for column in columns where !seen.insert(column.input).inserted {
            throw Diagnostic(.duplicateName, "`\(column.input)` is given twice", help: "each input may be one column")
        }
        var units: [UnitProduct] = []
        for name in job.outputs {
            switch program.numberDefinition(name) {
            case .number(let definition, _): units.append(definition.unit)
            case .unknown:
                throw Diagnostic(.unknownName, "unknown output `\(name)`",
                                 help: Suggestions.hint(for: name, in: program.valueNames) ?? "`--outputs all` writes every output")
            case .notOneNumber:
                throw Diagnostic(.typeMismatch, "`\(name)` is not a single number", help: "batch writes outputs holding one number each")
            }
        }
        let plan = try Plan.compile(job.scenario, outputs: job.outputs.map(PlanOutput.name),
                                parameters: columns.map(\.input), sampling: job.samples != nil)
        var names = columns.map(\.header)
        if job.samples != nil { names.append("draw") }
        names += zip(job.outputs, units).map { $1.isOne ? $0 : "\($0)[\($1)]" }
        if job.keepGoing { names.append("error") }
        let format = RowFormat(format: job.format, names: names)
        // An output no step writes is the same for every row: format it once.
        let written = Set(plan.steps.map(\.name))
        let probe = PlanRunner(plan: plan, lanes: 1)
        let fixed = plan.outputs.enumerated().map { index, slot -> [UInt8]? in
            guard !written.contains(slot.name) else { return nil }
            var bytes: [UInt8] = []
            RowFormat.append(probe.output(index, lane: 0) / units[index].factor, json: job.format == .jsonl, &bytes)
            return bytes
        }
        self.plan = plan
        self.format = format
        decoder = RowDecoder(rows: job.rows, columns: columns, reader: reader, chunkRows: job.chunkRows, totalRows: totalRows)
        let writer = RowWriter(format: format, columns: columns, outputCount: plan.outputs.count, fixed: fixed,
                               outputFactors: units.map(\.factor), sampled: job.samples != nil, keepGoing: job.keepGoing)
        evaluator = ChunkEvaluator(decoder: decoder, writer: writer, samples: job.samples, seed: job.seed, keepGoing: job.keepGoing)
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
        let definition: Definition, dimension: Dimension
        switch program.numberDefinition(name) {
        case .number(let found, let foundDimension): (definition, dimension) = (found, foundDimension)
        case .unknown:
            throw Diagnostic(.unknownName, "unknown input `\(name)`", at: span,
                             help: Suggestions.hint(for: name, in: program.valueNames))
        case .notOneNumber:
            throw Diagnostic(.typeMismatch, "`\(name)` does not hold one number, so it cannot be a column", at: span)
        }
        let columnUnit = unit ?? definition.unit
        guard columnUnit.dimension == dimension else {
            throw Diagnostic(.dimensionMismatch, "`\(name)` is in \(definition.unit), not \(columnUnit)", at: span)
        }
        return GridColumn(input: name, unit: columnUnit, dimension: dimension,
                          header: columnUnit.isOne ? name : "\(name)[\(columnUnit)]", factor: columnUnit.factor)
    }
}
