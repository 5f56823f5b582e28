import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainEngine

/// `simulate N [seed S]: outputs` (without `seed`, the session's): Monte Carlo over every uncertain input (`a to b`,
/// `normal(…)`, `uniform(…)`, `triangular(…)`). Reports mean, sd and the 5th, 50th and 95th
/// percentiles of each output, and `P(condition)` as a share of draws, with a histogram on a
/// terminal. Draw k of an input depends only on the seed, the input's name and k, so the same
/// seed gives the same numbers on any machine and any split of the work.
enum Simulate {
    static let maxDraws = 10_000_000
    /// Draws times outputs kept in memory for the percentiles (160 MB of doubles).
    static let maxValues = 20_000_000

    static func table(_ workspace: Workspace, count countExpr: Expr, seed seedExpr: Expr?, outputs: [Expr],
                      cancel: Cancellation) throws(Diagnostic) -> Table {
        let context = AnalysisContext(workspace)
        let draws = try wholeNumber(workspace, countExpr, "the number of draws", 1...Double(maxDraws))
        let seed = try seedExpr.map { e throws(Diagnostic) in UInt64(try wholeNumber(workspace, e, "the seed", 0...9e15)) } ?? workspace.seed
        let outputs = try context.byYearEntries(outputs)
        var planOutputs: [PlanOutput] = [], units: [UnitProduct] = [], isProbability: [Bool] = []
        for expr in outputs {
            if let condition = try context.probabilityCondition(expr) {
                planOutputs.append(.expression(label: expr.span.text, condition))
                units.append(.percent)
                isProbability.append(true)
            } else {
                let (output, unit) = try context.output(expr)
                planOutputs.append(output)
                units.append(unit)
                isProbability.append(false)
            }
        }
        guard Int(draws) * outputs.count <= maxValues else {
            throw Diagnostic(.limit, "\(QuantityFormat.grouped(UInt64(draws))) draws of \(plural(outputs.count, "output")) is more than simulate keeps in memory",
                             at: countExpr.span, help: "at most \(QuantityFormat.grouped(UInt64(maxValues))) draws × outputs; for more, stream them with `bargain batch --samples N`")
        }
        // The uncertain inputs' own draws ride along as extra outputs, to warn of impossible ones.
        var plan = try Plan.compile(context.scenario, outputs: planOutputs, sampling: true)
        let sampledInputs = plan.sampled
        if !sampledInputs.isEmpty {
            plan = try Plan.compile(context.scenario, outputs: planOutputs + sampledInputs.map { .name($0) }, sampling: true)
        }
        let results = try Variants.run(plan, count: Int(draws), seed: seed, cancel: cancel, explainFailures: 1) { _, _, _ in }
        if results.failedCount == Int(draws), let first = results.failures.min(by: { $0.key < $1.key })?.value {
            // No draw has a value: there is nothing to summarise, and a table of "no value" would hide why.
            throw first.noting("no draw of \(QuantityFormat.grouped(UInt64(draws))) has a value: check the uncertain inputs' ranges")
        }
        var table = Table(columns: [Table.Column("output"), Table.Column("unit", dataOnly: true), Table.Column("mean"), Table.Column("sd"),
                                    Table.Column("p5"), Table.Column("p50"), Table.Column("p95")],
                          title: "\(QuantityFormat.grouped(UInt64(draws))) draws, seed \(seed)")
        for (o, expr) in outputs.enumerated() {
            try cancel.checkpoint()
            let values = results.values[o].filter { !$0.isNaN }
            let stats = Statistics(values)
            if isProbability[o] {
                let standardError = (stats.mean * (1 - stats.mean) / Double(max(1, values.count))).squareRoot()
                table.rows.append([.text(expr.span.text), .text("%"), .quantity(stats.mean, .percent), .quantity(standardError, .percent),
                                   .empty, .empty, .empty])
                continue
            }
            let unit = units[o]
            table.rows.append([.text(expr.span.text), .text(unit.description), .quantity(stats.mean, unit), .quantity(stats.sd, unit),
                               .quantity(stats.percentile(0.05), unit), .quantity(stats.percentile(0.5), unit),
                               .quantity(stats.percentile(0.95), unit)])
            if table.charts.count < 2, let histogram = stats.histogram(bins: 40) {
                table.charts.append(Chart(.histogram(centers: histogram.centers, counts: histogram.counts),
                                          title: "\(expr.span.text): draws per bin", xLabel: "\(expr.span.text) (\(unit.isOne ? "plain" : unit.description))",
                                          unit: .one, xUnit: unit))
            }
        }
        if isProbability.contains(true) { table.notes.append("for P(…), the sd column is the standard error of the share") }
        table.notes += negativeDraws(context, sampledInputs, Array(results.values.suffix(sampledInputs.count)))
        if plan.sampled.isEmpty {
            table.notes.append("no uncertain input feeds these outputs: every draw is the same (make one uncertain with `a to b`)")
        } else {
            table.notes.append("uncertain inputs: " + plan.sampled.joined(separator: ", "))
        }
        if let (draw, diagnostic) = results.failures.min(by: { $0.key < $1.key }) {
            table.notes.append("\(QuantityFormat.grouped(UInt64(results.failedCount))) \(results.failedCount == 1 ? "draw" : "draws") of \(QuantityFormat.grouped(UInt64(draws))) \(results.failedCount == 1 ? "has" : "have") no value and are left out (first, draw \(draw + 1): \(diagnostic.message))")
        }
        return table
    }

    /// A warning for each uncertain input whose draws go below zero while its median is above
    /// (a misroute rate of -7% from `normal(10%, 8%)`): the draws are used as drawn, not
    /// truncated, so the reader must know, and how to say what was meant.
    static func negativeDraws(_ context: AnalysisContext, _ inputs: [String], _ draws: [[Double]]) -> [String] {
        var notes: [String] = []
        for (o, name) in inputs.enumerated() {
            let values = draws[o].filter { !$0.isNaN }
            guard let definition = context.scenario.program[name], !values.isEmpty else { continue }
            let median = Statistics(values).percentile(0.5)
            let negative = values.filter { $0 < 0 }
            guard median > 0, let lowest = negative.min() else { continue }
            let share = Double(negative.count) / Double(values.count)
            notes.append("warning: \(name) (\(definition.formula)) is below zero in \(QuantityFormat.number(share * 100))% of draws, as low as \(QuantityFormat.format(lowest, in: definition.unit)), though its median is \(QuantityFormat.format(median, in: definition.unit)); draws are used as drawn, not truncated: for a value that cannot be negative write `a to b` with both ends above zero (lognormal) or `triangular(a, mode, b)`")
        }
        return notes
    }

    static func wholeNumber(_ workspace: Workspace, _ expr: Expr, _ what: String, _ range: ClosedRange<Double>) throws(Diagnostic) -> Double {
        let (value, unit) = try workspace.evaluate(expr)
        guard let x = value.scalar, unit.dimension.isDimensionless, x == x.rounded(), range.contains(x) else {
            throw Diagnostic(.domain, "\(what) must be a whole number from \(QuantityFormat.grouped(UInt64(range.lowerBound))) to \(QuantityFormat.grouped(UInt64(range.upperBound)))",
                             at: expr.span)
        }
        return x
    }
}

/// Summary statistics of a sample, computed in a fixed order so they are reproducible.
/// Percentiles use selection (linear time), not a full sort: ten million draws stay quick.
struct Statistics {
    let values: [Double]
    let mean: Double
    let sd: Double
    let low: Double
    let high: Double

    init(_ values: [Double]) {
        self.values = values
        let n = Double(values.count)
        var sum = 0.0, low = Double.infinity, high = -Double.infinity
        for x in values {
            sum += x
            low = Swift.min(low, x)
            high = Swift.max(high, x)
        }
        mean = values.isEmpty ? .nan : sum / n
        var squares = 0.0
        for x in values { squares += (x - mean) * (x - mean) }
        let spread = values.count > 1 ? (squares / (n - 1)).squareRoot() : 0
        // Draws that are all the same differ only in rounding: `sd 1.9e-13 bd` is dust, not a spread.
        sd = high - low <= 1e-12 * Swift.max(Swift.abs(low), Swift.abs(high)) ? 0 : spread
        self.low = low
        self.high = high
    }

    /// The p-quantile, interpolating between order statistics (numpy's default, "linear").
    func percentile(_ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let position = p * Double(values.count - 1)
        let i = Int(position.rounded(.down)), fraction = position - Double(i)
        var scratch = values
        let lower = Statistics.select(&scratch, i)
        guard fraction > 0, i + 1 < values.count else { return lower }
        // The next order statistic is the smallest value above position i, after the selection.
        var upper = Double.infinity
        for k in (i + 1)..<scratch.count where scratch[k] < upper { upper = scratch[k] }
        return lower + (upper - lower) * fraction
    }

    /// Puts the k-th smallest value at index k, smaller ones before it and larger ones after,
    /// and returns it (Hoare's selection, with a median-of-three pivot: no randomness).
    static func select(_ a: inout [Double], _ k: Int) -> Double {
        var lo = 0, hi = a.count - 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
        }
        return a[k]
    }

    func histogram(bins: Int) -> (centers: [Double], counts: [Double])? {
        guard high > low, low.isFinite, high.isFinite else { return nil }
        let width = (high - low) / Double(bins)
        var counts = [Double](repeating: 0, count: bins)
        for x in values { counts[Swift.min(bins - 1, Int((x - low) / width))] += 1 }
        return ((0..<bins).map { low + width * (Double($0) + 0.5) }, counts)
    }
}
