import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainEngine

/// `diff A B: outputs`: the inputs on which two scenarios differ, and how much of each output's
/// change each one accounts for. Contributions are Shapley values: each input's average effect
/// over every order of switching the inputs from A's values to B's, so they always add up to
/// the whole change, however the inputs interact. Exact for up to `exactLimit` inputs (every
/// subset is evaluated); above that, sampled over random orders with a fixed seed.
enum Diff {
    static let exactLimit = 10
    static let sampledOrders = 2_000

    struct Factor {
        let name: String
        let a: [Double]
        let b: [Double]
        let unit: UnitProduct
        let type: ValueType
    }

    static func table(_ workspace: Workspace, _ first: Identifier, _ second: Identifier, outputs: [Expr],
                      cancel: Cancellation) throws(Diagnostic) -> Table {
        let names = try Compare.scenarioNames(workspace, [first, second], at: first.span)
        guard let a = workspace[scenario: names[0]], let b = workspace[scenario: names[1]] else { return Table(columns: []) }
        let factors = try differences(a, b, at: first.span.to(second.span))
        let context = AnalysisContext(workspace, scenario: a.name)
        var outputExprs = outputs
        if outputExprs.isEmpty {
            let source = Source(name: "<diff>", text: Compare.headline.filter { a.program[$0] != nil }.joined(separator: ", "))
            outputExprs = source.text.isEmpty ? [] : try Parser.parseExpressionList(source)
        }
        outputExprs = try context.byYearEntries(outputExprs)
        var planOutputs: [PlanOutput] = [], units: [UnitProduct] = []
        for expr in outputExprs {
            let (output, unit) = try context.output(expr)
            planOutputs.append(output)
            units.append(unit)
        }
        var table = Table(columns: [Table.Column("output"), Table.Column("unit", dataOnly: true), Table.Column("step"),
                                    Table.Column("change"), Table.Column("running total")],
                          title: "from \(a.name) to \(b.name)")
        guard !factors.isEmpty else {
            table.notes.append("\(a.name) and \(b.name) set every input alike: nothing to attribute")
            return table
        }
        let plan = try Plan.compile(a, outputs: planOutputs, parameters: factors.map(\.name))
        let n = factors.count
        let contributions: [[Double]]
        var method: String
        if n <= exactLimit {
            contributions = try exact(plan, factors, cancel)
            method = "exact Shapley values over all \(1 << n) combinations of the \(n) inputs"
        } else {
            contributions = try sampled(plan, factors, seed: 1, cancel)
            method = "Shapley values sampled over \(sampledOrders) random orders of the \(n) inputs (seed 1)"
        }
        let inputsLine = factors.map { "\($0.name) \(shown($0.a, $0)) → \(shown($0.b, $0))" }.joined(separator: "; ")
        table.notes = ["inputs that differ: " + inputsLine, method]
        for (o, expr) in outputExprs.enumerated() {
            let unit = units[o]
            let start = try value(workspace, expr, a.name), end = try value(workspace, expr, b.name)
            let unitCell = Table.Cell.text(unit.description)
            table.rows.append([.text(expr.span.text), unitCell, .text(a.name), .empty, .quantity(start, unit)])
            var running = start
            let order = (0..<n).sorted { Swift.abs(contributions[o][$0]) > Swift.abs(contributions[o][$1]) }
            var bars = [Chart.Bar(a.name, from: start, to: start)]
            // A running total within display precision of zero is zero: a sum of contributions
            // must not show a wait of -0.0006 bd on its way from one real value to another.
            let scale = ([Swift.abs(start), Swift.abs(end)] + contributions[o].map(Swift.abs)).max() ?? 0
            for (step, i) in order.enumerated() {
                let before = running
                running += contributions[o][i]
                if step == order.count - 1 { running = end }
                if Swift.abs(running) < 5e-5 * scale { running = 0 }
                table.rows.append([.empty, unitCell, .text(factors[i].name), .change(contributions[o][i], unit), .quantity(running, unit)])
                bars.append(Chart.Bar(factors[i].name, from: before, to: running))
            }
            table.rows.append([.empty, unitCell, .text(b.name), .change(end - start, unit), .quantity(end, unit)])
            bars.append(Chart.Bar(b.name, from: end, to: end))
            table.charts.append(Chart(.bars(bars), title: "\(expr.span.text): \(a.name) → \(b.name)",
                                      yLabel: "\(expr.span.text) (\(unit.isOne ? "plain" : unit.description))", unit: unit))
        }
        return table
    }

    /// The inputs (and definitions either scenario overrides) whose values differ.
    static func differences(_ a: Scenario, _ b: Scenario, at span: Span) throws(Diagnostic) -> [Factor] {
        var factors: [Factor] = []
        for name in a.program.valueNames {
            guard let da = a.program[name], let db = b.program[name] else { continue }
            let overridden = a.overrides[name] != nil || b.overrides[name] != nil
            guard da.isInput || db.isInput || overridden else { continue }
            guard case .success(let va)? = a.result(name), case .success(let vb)? = b.result(name), va != vb else { continue }
            guard da.type == db.type, let type = da.type else {
                throw Diagnostic(.typeMismatch, "`\(name)` has a different shape in \(a.name) and \(b.name)", at: span,
                                 help: "diff switches inputs one at a time; lists must have the same length in both")
            }
            factors.append(Factor(name: name, a: va.numbers, b: vb.numbers, unit: da.unit, type: type))
        }
        for name in a.program.functionNames where a.program[name]?.formula != b.program[name]?.formula {
            throw Diagnostic(.badStatement, "the scenarios define function `\(name)` differently", at: span,
                             help: "diff attributes differences in values, not in functions")
        }
        return factors
    }

    static func shown(_ numbers: [Double], _ factor: Factor) -> String {
        ValueText.format(Value(numbers[...], as: factor.type), in: factor.unit)
    }

    static func value(_ workspace: Workspace, _ expr: Expr, _ scenario: String) throws(Diagnostic) -> Double {
        try workspace.evaluate(expr, in: scenario).0.scalar ?? .nan
    }

    /// Every subset of inputs switched to B's values; φ_i = Σ_S |S|!(n-|S|-1)!/n! (f(S∪i) − f(S)).
    static func exact(_ plan: Plan, _ factors: [Factor], _ cancel: Cancellation) throws(Diagnostic) -> [[Double]] {
        let n = factors.count, count = 1 << n
        let results = try Variants.run(plan, count: count, cancel: cancel) { runner, mask, lane in
            for (i, factor) in factors.enumerated() {
                runner.set(parameter: i, lane: lane, to: mask & (1 << i) != 0 ? factor.b : factor.a)
            }
        }
        if let (mask, diagnostic) = results.failures.min(by: { $0.key < $1.key }) {
            throw mixFailure(mask, factors, diagnostic)
        }
        var factorial = [1.0]
        for k in 1...n { factorial.append(factorial[k - 1] * Double(k)) }
        return results.values.map { f in
            (0..<n).map { i in
                var phi = 0.0
                for mask in 0..<count where mask & (1 << i) == 0 {
                    let size = mask.nonzeroBitCount
                    phi += factorial[size] * factorial[n - size - 1] / factorial[n] * (f[mask | (1 << i)] - f[mask])
                }
                return phi
            }
        }
    }

    /// Random orders of switching; in each, every input gets the change it makes when switched.
    static func sampled(_ plan: Plan, _ factors: [Factor], seed: UInt64, _ cancel: Cancellation) throws(Diagnostic) -> [[Double]] {
        let n = factors.count
        let random = SeededSampler(seed: seed)
        var orders: [[Int]] = []
        for k in 0..<sampledOrders {
            var order = Array(0..<n)
            for i in stride(from: n - 1, to: 0, by: -1) {
                let j = Int(random.uniform(stream: UInt32(i), lane: k) * Double(i + 1))
                order.swapAt(i, min(j, i))
            }
            orders.append(order)
        }
        // Point p is order p / (n + 1) with its first p % (n + 1) inputs switched.
        let results = try Variants.run(plan, count: sampledOrders * (n + 1), cancel: cancel) { runner, point, lane in
            let order = orders[point / (n + 1)], switched = point % (n + 1)
            var on = [Bool](repeating: false, count: n)
            for i in order.prefix(switched) { on[i] = true }
            for (i, factor) in factors.enumerated() { runner.set(parameter: i, lane: lane, to: on[i] ? factor.b : factor.a) }
        }
        if let (point, diagnostic) = results.failures.min(by: { $0.key < $1.key }) {
            let order = orders[point / (n + 1)]
            let mask = order.prefix(point % (n + 1)).reduce(0) { $0 | (1 << min($1, 62)) }
            throw mixFailure(mask, factors, diagnostic)
        }
        return results.values.map { f in
            var phi = [Double](repeating: 0, count: n)
            for (k, order) in orders.enumerated() {
                let base = k * (n + 1)
                for (position, i) in order.enumerated() { phi[i] += f[base + position + 1] - f[base + position] }
            }
            return phi.map { $0 / Double(sampledOrders) }
        }
    }

    static func mixFailure(_ mask: Int, _ factors: [Factor], _ diagnostic: Diagnostic) -> Diagnostic {
        let switched = factors.indices.filter { mask & (1 << $0) != 0 }.map { factors[$0].name }
        return diagnostic.noting("with " + (switched.isEmpty ? "no inputs" : switched.joined(separator: ", "))
            + " switched; a mix of the two scenarios has no value, so the change cannot be shared out")
    }
}
