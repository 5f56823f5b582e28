import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainSemantics
import BargainEngine

/// `sweep x from A to B step S: outputs` and `sweep x in [a, b, …]: outputs`: a table of the
/// outputs as one input varies (and a chart on a terminal). Two inputs make a grid per output.
enum Sweep {
    /// More points than this belong in `bargain batch`.
    static let maxPoints = 100_000
    static let maxGridSide = 200

    /// One table for one input; for two, a grid per output.
    static func tables(_ workspace: Workspace, axes: [SweepAxis], outputs: [Expr], cancel: Cancellation) throws(Diagnostic) -> [Table] {
        let context = AnalysisContext(workspace)
        if axes.count == 2 { return try grids(context, axes, outputs, cancel) }
        let outputs = try context.byYearEntries(outputs)
        let axis = axes[0]
        let input = try context.input(axis.input)
        let values = try points(axis, input, context, limit: maxPoints)
        let computed = try PointOutputs(context, outputs: outputs, parameters: [input.name], cancel: cancel)
        try computed.checkSize(points: values.count, at: outputs[0].span)
        let units = computed.units
        let results = try computed.run(values.map { [$0] })
        var table = Table(columns: [Table.Column(input.name, unit: input.unit)]
                          + zip(outputs, units).map { Table.Column($0.span.text, unit: $1) })
        for (point, x) in values.enumerated() {
            var row: [Table.Cell] = [.quantity(x, input.unit)]
            for (o, unit) in units.enumerated() {
                let y = results.values[o][point]
                row.append(y.isNaN ? .text("error") : .quantity(y, unit))
            }
            table.rows.append(row)
        }
        table.notes += failureNotes(results, values, input)
        if let note = computed.chanceNote { table.notes.append(note) }
        if values.count > 1 {
            for (o, expr) in outputs.enumerated().prefix(3) {
                let unit = units[o]
                table.charts.append(Chart(.columns(x: values, y: results.values[o]),
                                          title: "\(expr.span.text) (\(unit.isOne ? "plain" : unit.description)) as \(input.name) varies",
                                          xLabel: "\(input.name) (\(input.unit))", yLabel: "\(expr.span.text) (\(unit.isOne ? "plain" : unit.description))",
                                          unit: unit, xUnit: input.unit))
            }
        }
        return [table]
    }

    /// The values an axis takes, in base units. A range always ends at its end, even when the
    /// steps do not divide it (the last step is then shorter).
    static func points(_ axis: SweepAxis, _ input: Definition, _ context: AnalysisContext, limit: Int) throws(Diagnostic) -> [Double] {
        switch axis.values {
        case .list(let expr):
            guard case .list(let items) = expr.kind else {
                throw Diagnostic(.unexpectedToken, "expected a list of values", at: expr.span)
            }
            var values: [Double] = []
            for item in items { values.append(try context.value(item, for: input)) }
            return values
        case .range(let fromExpr, let toExpr, let stepExpr):
            let from = try context.value(fromExpr, for: input)
            let to = try context.value(toExpr, for: input)
            let step = try context.value(stepExpr, for: input)
            guard step > 0, step.isFinite else {
                throw Diagnostic(.domain, "the step must be more than zero", at: stepExpr.span)
            }
            guard from.isFinite, to.isFinite, to >= from else {
                throw Diagnostic(.domain, "the range must run from a lower value to a higher one", at: fromExpr.span.to(toExpr.span))
            }
            let count = ((to - from) / step).rounded(.down)
            guard count < Double(limit) else {
                throw Diagnostic(.limit, "this sweep has \(QuantityFormat.grouped(UInt64(min(count, 1e15)))) points; the limit is \(QuantityFormat.grouped(UInt64(limit)))",
                                 at: stepExpr.span, help: "take a larger step, or use `bargain batch --vary` for big grids")
            }
            var values = (0...Int(count)).map { from + Double($0) * step }
            if let last = values.last, to - last > step * 1e-9 { values.append(to) }
            return values
        }
    }

    static func failureNotes(_ results: VariantResults, _ values: [Double], _ input: Definition) -> [String] {
        guard let first = results.failures.keys.min(), let diagnostic = results.failures[first] else { return [] }
        let at = QuantityFormat.format(values[first], in: input.unit)
        return ["\(plural(results.failedCount, "point")) \(results.failedCount == 1 ? "has" : "have") no value; at \(input.name) = \(at): \(diagnostic.message)"]
    }

    /// Two inputs: rows for the first, columns for the second, one grid per output (by-year
    /// lists year by year), all from one run over the grid.
    static func grids(_ context: AnalysisContext, _ axes: [SweepAxis], _ outputs: [Expr], _ cancel: Cancellation) throws(Diagnostic) -> [Table] {
        let outputs = try context.byYearEntries(outputs)
        if outputs.count > 12 {
            throw Diagnostic(.limit, "a grid sweep shows at most 12 outputs (one grid each)", at: outputs[12].span,
                             help: "for more, use `bargain batch --vary a=… --vary b=… --outputs …`")
        }
        let rowInput = try context.input(axes[0].input), columnInput = try context.input(axes[1].input)
        let rows = try points(axes[0], rowInput, context, limit: maxGridSide)
        let columns = try points(axes[1], columnInput, context, limit: maxGridSide)
        let computed = try PointOutputs(context, outputs: outputs, parameters: [rowInput.name, columnInput.name], cancel: cancel)
        try computed.checkSize(points: rows.count * columns.count, at: outputs[0].span)
        let results = try computed.run((0..<rows.count * columns.count).map { [rows[$0 / columns.count], columns[$0 % columns.count]] })
        let corner = "\(rowInput.name) \\ \(columnInput.name)"
        var tables: [Table] = []
        for (o, expr) in outputs.enumerated() {
            let unit = computed.units[o]
            var table = Table(columns: [Table.Column(corner, unit: rowInput.unit)]
                              + columns.map { Table.Column(QuantityFormat.format($0, in: columnInput.unit), unit: unit) },
                              title: "\(expr.span.text) (\(unit.isOne ? "plain" : unit.description))")
            for (r, x) in rows.enumerated() {
                var row: [Table.Cell] = [.quantity(x, rowInput.unit)]
                for c in columns.indices {
                    let y = results.values[o][r * columns.count + c]
                    row.append(y.isNaN ? .text("error") : .quantity(y, unit))
                }
                table.rows.append(row)
            }
            if let first = results.failures.keys.min(), let diagnostic = results.failures[first] {
                table.notes.append("\(plural(results.failedCount, "point")) \(results.failedCount == 1 ? "has" : "have") no value: \(diagnostic.message)")
            }
            if rows.count > 1 {
                // One line per column value, against the row input.
                let series = columns.indices.prefix(8).map { c in
                    Chart.Series("\(columnInput.name) = \(QuantityFormat.format(columns[c], in: columnInput.unit))",
                                 y: rows.indices.map { results.values[o][$0 * columns.count + c] })
                }
                table.charts.append(Chart(.lines(x: rows, series: series),
                                          title: "\(expr.span.text) (\(unit.isOne ? "plain" : unit.description)) as \(rowInput.name) and \(columnInput.name) vary",
                                          xLabel: "\(rowInput.name) (\(rowInput.unit))", yLabel: "\(expr.span.text) (\(unit.isOne ? "plain" : unit.description))",
                                          unit: unit, xUnit: rowInput.unit))
            }
            if o == outputs.count - 1, let note = computed.chanceNote { table.notes.append(note) }
            tables.append(table)
        }
        return tables
    }
}
