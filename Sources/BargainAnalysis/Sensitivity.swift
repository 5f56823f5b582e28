import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainSemantics
import BargainEngine

/// `sensitivity output [over a, b] [by 10%]`: how far the output swings when each input moves
/// down and up by the same share, widest swing first (a tornado), with a chart on a terminal.
enum Sensitivity {
    static func table(_ workspace: Workspace, output expr: Expr, over: [Identifier], by: Expr?, in scenario: Identifier?,
                      cancel: Cancellation) throws(Diagnostic) -> Table {
        if let scenario { _ = try workspace.scenario(named: scenario.name, at: scenario.span) }
        let context = AnalysisContext(workspace, scenario: scenario?.name)
        let program = context.scenario.program
        var share = 0.1
        if let by {
            let (value, unit) = try workspace.evaluate(by)
            guard let x = value.scalar, unit.dimension.isDimensionless, x > 0, x < 1 else {
                throw Diagnostic(.domain, "`by` takes a share between 0% and 100%, such as `by 10%`", at: by.span)
            }
            share = x
        }
        var skipped: [String] = []
        var inputs: [Definition] = []
        if over.isEmpty {
            for name in program.valueNames {
                guard let definition = program[name], definition.isInput, case .number = definition.type else { continue }
                if context.scenario.result(name).flatMap({ try? $0.get().scalar }) == 0 { skipped.append(name); continue }
                inputs.append(definition)
            }
        } else {
            for id in over {
                let input = try context.input(id)
                if context.scenario.result(input.name).flatMap({ try? $0.get().scalar }) == 0 {
                    skipped.append(input.name)
                } else {
                    inputs.append(input)
                }
            }
        }
        let (output, unit) = try context.output(expr)
        let plan = try Plan.compile(context.scenario, outputs: [output], parameters: inputs.map(\.name))
        let base = inputs.map { context.scenario.result($0.name).flatMap { try? $0.get().scalar } ?? 0 }
        // Point 0 is the scenario as it is; then each input down, then up.
        let results = try Variants.run(plan, count: 1 + 2 * inputs.count, cancel: cancel) { runner, point, lane in
            for (i, value) in base.enumerated() { runner.set(parameter: i, lane: lane, to: value) }
            if point > 0 {
                let i = (point - 1) / 2
                runner.set(parameter: i, lane: lane, to: base[i] * (point % 2 == 1 ? 1 - share : 1 + share))
            }
        }
        let center = results.values[0][0]
        guard !center.isNaN else { throw results.failures[0] ?? Diagnostic(.notANumber, "`\(expr.span.text)` has no value", at: expr.span) }
        let pct = QuantityFormat.number(share * 100) + "%"
        var rows: [(swing: Double, cells: [Table.Cell], bar: Chart.Bar)] = []
        for (i, input) in inputs.enumerated() {
            let low = results.values[0][1 + 2 * i], high = results.values[0][2 + 2 * i]
            let swing = Swift.abs(high - low)
            rows.append((swing.isNaN ? -1 : swing,
                         [.text(input.name), .text(input.unit.description), .quantity(base[i], input.unit),
                          low.isNaN ? .text("error") : .quantity(low, unit),
                          high.isNaN ? .text("error") : .quantity(high, unit),
                          swing.isNaN ? .empty : .quantity(swing, unit)],
                         Chart.Bar(input.name, from: low, to: high)))
        }
        rows.sort { $0.swing > $1.swing }
        let still = rows.filter { $0.swing == 0 }.compactMap { row -> String? in
            if case .text(let name) = row.cells[0] { return name }
            return nil
        }
        rows.removeAll { $0.swing == 0 }
        var table = Table(columns: [Table.Column("input"), Table.Column("input unit", dataOnly: true), Table.Column("value"),
                                    Table.Column("output at -\(pct)", unit: unit),
                                    Table.Column("output at +\(pct)", unit: unit), Table.Column("swing", unit: unit)],
                          title: "\(expr.span.text) = \(QuantityFormat.format(center, in: unit)); each input moved ±\(pct)")
        table.rows = rows.map(\.cells)
        if !still.isEmpty {
            table.notes.append("no effect at ±\(pct): " + still.joined(separator: ", "))
        }
        if !skipped.isEmpty {
            table.notes.append("left out, being zero (±\(pct) of zero is zero): " + skipped.joined(separator: ", "))
        }
        if let (_, diagnostic) = results.failures.first { table.notes.append("some moves leave no value: \(diagnostic.message)") }
        let shown = rows.prefix(15).filter { $0.swing > 0 }
        if !shown.isEmpty {
            table.charts.append(Chart(.bars(shown.map(\.bar)), title: "\(expr.span.text): low and high as each input moves ±\(pct)",
                                      yLabel: "\(expr.span.text) (\(unit.isOne ? "plain" : unit.description))", unit: unit))
        }
        return table
    }
}
