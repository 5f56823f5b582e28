import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainEngine

/// `sensitivity output global samples N [seed S] [in SCENARIO]`: first-order and total Sobol'
/// indices of one output for every uncertain input of the scenario, from Saltelli's design
/// (`SaltelliDesign`) evaluated through the batch plan, with bootstrap intervals
/// (`SobolIndices`). One row per input, widest total first.
enum GlobalSensitivity {
    static let minSamples = 100
    static let maxSamples = 1_000_000
    /// Evaluations kept in memory at once (160 MB of doubles), as for `simulate`.
    static let maxEvaluations = Simulate.maxValues

    static func table(_ workspace: Workspace, output expr: Expr, samples samplesExpr: Expr, seed seedExpr: Expr?,
                      in scenario: Identifier?, cancel: Cancellation) throws(Diagnostic) -> Table {
        if let scenario { _ = try workspace.scenario(named: scenario.name, at: scenario.span) }
        let context = AnalysisContext(workspace, scenario: scenario?.name)
        let samples = Int(try Simulate.wholeNumber(workspace, samplesExpr, "the number of samples", Double(minSamples)...Double(maxSamples)))
        let seed = try seedExpr.map { e throws(Diagnostic) in UInt64(try Simulate.wholeNumber(workspace, e, "the seed", 0...9e15)) } ?? workspace.seed
        let (output, unit) = try context.output(expr)
        let inputs = try UncertainInput.all(in: context.scenario)
        let place = context.scenario.name == Workspace.baselineName ? "" : " in \(context.scenario.name)"
        guard inputs.count >= 2 else {
            let example = "`referrals = 9000 patients/wk to 10000 patients/wk`"
            if let only = inputs.first {
                throw Diagnostic(.badStatement, "only one input\(place) is uncertain (`\(only.name)`): global sensitivity shares an output's variance among two or more, and with one it is all `\(only.name)`'s",
                                 at: expr.span, help: "give another input as a distribution, such as \(example); `simulate` shows the spread one input makes")
            }
            throw Diagnostic(.badStatement, "no input\(place) is uncertain, so there is no variance to share out",
                             at: expr.span, help: "give inputs as distributions, such as \(example) or `normal(mean, sd)`, `uniform(a, b)`")
        }
        let design = SaltelliDesign(inputs: inputs, samples: samples, seed: seed)
        guard design.rowCount <= maxEvaluations else {
            throw Diagnostic(.limit, "\(QuantityFormat.grouped(UInt64(samples))) samples of \(inputs.count) inputs are \(QuantityFormat.grouped(UInt64(design.rowCount))) evaluations, more than are kept in memory",
                             at: samplesExpr.span, help: "at most \(QuantityFormat.grouped(UInt64(maxEvaluations))) evaluations (samples × (inputs + 2)); for more, `bargain batch --sobol N` and python/bargain_dask/sobol.py")
        }
        let plan = try Plan.compile(context.scenario, outputs: [output], parameters: inputs.map(\.name))
        var row: [Double] = []
        let results = try Variants.run(plan, count: design.rowCount, cancel: cancel, explainFailures: 1) { runner, point, lane in
            design.values(ofRow: point, into: &row)
            for (i, value) in row.enumerated() { runner.set(parameter: i, lane: lane, to: value) }
        }
        // In the output's unit, as `bargain batch --sobol` writes it, so both give the same indices.
        var values = results.values[0].map { $0 / unit.factor }
        // A sample with any evaluation that has no value is left out whole: its rows go together.
        var kept = 0
        for n in 0..<samples {
            let rows = (n * design.blockSize)..<((n + 1) * design.blockSize)
            if rows.contains(where: { values[$0].isNaN }) { continue }
            if kept != n { for r in rows { values[r - (n - kept) * design.blockSize] = values[r] } }
            kept += 1
        }
        values.removeLast((samples - kept) * design.blockSize)
        if kept < minSamples, let (_, first) = results.failures.min(by: { $0.key < $1.key }) {
            throw first.noting("only \(plural(kept, "sample")) of \(QuantityFormat.grouped(UInt64(samples))) have a value in every evaluation; global sensitivity needs \(minSamples)")
        }
        let infinite = values.reduce(0) { $1.isInfinite ? $0 + 1 : $0 }
        if infinite > 0 {
            let cap = unit.isOne ? "1000" : "1000 \(unit)"
            throw Diagnostic(.domain, "`\(expr.span.text)` is infinite in \(QuantityFormat.grouped(UInt64(infinite))) of \(QuantityFormat.grouped(UInt64(values.count))) evaluations (a `first_week` that never comes, say): a variance needs finite values",
                             at: expr.span, help: "cap it, as in `min(\(expr.span.text), \(cap))`, or ask how often it happens with `simulate`")
        }
        let low = values.min() ?? 0, high = values.max() ?? 0
        guard high - low > 1e-12 * Swift.max(Swift.abs(low), Swift.abs(high)),
              let indices = try SobolIndices.estimate(values, inputs: inputs.count, seed: seed, cancel: cancel) else {
            throw Diagnostic(.domain, "`\(expr.span.text)` is \(QuantityFormat.format(low * unit.factor, in: unit)) whatever the uncertain inputs\(place) are: with no variance, its Sobol' indices are undefined",
                             at: expr.span, help: "uncertain inputs here: \(inputs.map(\.name).joined(separator: ", ")); ask about an output that depends on them")
        }
        var table = Table(columns: [Table.Column("input"), Table.Column("first_order"), Table.Column("first_order_low"),
                                    Table.Column("first_order_high"), Table.Column("total"), Table.Column("total_low"),
                                    Table.Column("total_high")],
                          title: "global sensitivity of \(expr.span.text)\(place): Sobol' indices, 95% intervals")
        let order = inputs.indices.sorted { indices.total[$0].value > indices.total[$1].value }
        for i in order {
            let f = indices.first[i], t = indices.total[i]
            table.rows.append([.text(inputs[i].name), .quantity(f.value, .one), .quantity(f.low, .one), .quantity(f.high, .one),
                               .quantity(t.value, .one), .quantity(t.low, .one), .quantity(t.high, .one)])
        }
        table.charts.append(Chart(.bars(order.prefix(15).map { Chart.Bar(inputs[$0].name, from: 0, to: indices.total[$0].value) }),
                                  title: "\(expr.span.text): total Sobol' index of each input"))
        let still = order.filter { indices.total[$0].value == 0 }.map { inputs[$0].name }
        if !still.isEmpty {
            table.notes.append("no effect on \(expr.span.text) (indices exactly 0): " + still.joined(separator: ", "))
        }
        let firstSum = indices.first.reduce(0) { $0 + $1.value }
        table.notes.append("first order: the share of the variance each input makes alone; total: with its interactions (first orders sum to \(QuantityFormat.number(firstSum)))")
        table.notes.append("\(QuantityFormat.grouped(UInt64(kept))) samples, \(QuantityFormat.grouped(UInt64(design.rowCount))) evaluations (Saltelli's design, pseudo-random), seed \(seed); intervals from \(QuantityFormat.grouped(UInt64(SobolIndices.defaultResamples))) bootstrap resamples")
        if kept < samples, let (row, first) = results.failures.min(by: { $0.key < $1.key }) {
            table.notes.append("\(plural(samples - kept, "sample")) left out, an evaluation having no value (first, evaluation \(row + 1): \(first.message))")
        }
        return table
    }
}
