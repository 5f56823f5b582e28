import BargainUnits
import BargainAnalysis

/// How a statement's outcome reads at the prompt.
package enum OutcomeText {
    /// The outcome with its charts drawn in `style` (tables only when nil).
    package static func render(_ outcome: Outcome, charts style: ChartText.Style?) -> String {
        if case .charts(let charts) = outcome {
            // A chart asked for is drawn wherever the output goes, a pipe or a saved session included.
            return charts.map { ChartText.render($0, style: style ?? .unicode) }.joined(separator: "\n\n")
        }
        guard let style, case .table(let table) = outcome, !table.charts.isEmpty else { return render(outcome) }
        return ([render(outcome)] + table.charts.map { ChartText.render($0, style: style) }).joined(separator: "\n\n")
    }

    package static func render(_ outcome: Outcome) -> String {
        switch outcome {
        case .definition(let defined):
            var text = "\(defined.name) = \(ValueText.format(defined.value, in: defined.unit))"
            if !defined.broken.isEmpty {
                let names = defined.broken.map(\.name)
                let shown = names.prefix(6).joined(separator: ", ") + (names.count > 6 ? ", …" : "")
                text += "\nwarning: \(plural(names.count, "value")) now \(names.count == 1 ? "fails" : "fail") (\(shown)): "
                text += defined.broken[0].diagnostic.message
            }
            if !defined.reaches.isEmpty {
                text += "\nnote: \(defined.reaches.joined(separator: ", ")) \(defined.reaches.count == 1 ? "follows" : "follow") baseline here and no longer \(defined.reaches.count == 1 ? "matches its file" : "match their files"); `:scenarios` lists what each carries"
            }
            return text
        case .function(let name, let parameters):
            return "fn \(name)(\(parameters.joined(separator: ", ")))"
        case .requirement(let name):
            return "\(name): holds"
        case .value(let expr, let value, let unit):
            let shown = ValueText.format(value, in: unit)
            return ValueLabel.of(expr).map { "\($0) = \(shown)" } ?? shown
        case .scenario(let name, let base, let overrides):
            let list = overrides.isEmpty ? "no changes yet" : overrides.joined(separator: ", ")
            return "scenario \(name) from \(base): \(list)"
        case .use(let scenario):
            return "using \(scenario)"
        case .table(let table):
            return TableText.render(table)
        case .explanation(let explanation):
            return ExplanationText.render(explanation)
        case .watched(let rows):
            return rows.isEmpty ? "nothing is watched" : rows.map(WatchText.line).joined(separator: "\n")
        case .solved(let solution):
            return SolutionText.render(solution)
        case .charts(let charts):
            return charts.map { ChartText.render($0, style: .unicode) }.joined(separator: "\n\n")
        case .optimized(let optimization):
            return OptimizationText.render(optimization)
        case .reset(let scenario, let restored, let carried):
            let to = scenario == "baseline" ? "the model's values" : "its file"
            var text = restored.isEmpty ? "\(scenario) is as \(scenario == "baseline" ? "the model has it" : "its file has it"): nothing to reset"
                : "reset \(scenario) to \(to): " + restored.joined(separator: ", ")
            if !carried.isEmpty {
                text += "\nnote: it still follows baseline's edits (\(carried.joined(separator: ", "))); `reset baseline` puts the model's values back"
            }
            return text
        case .unit(let name, let size, let unit):
            return "unit \(name) = \(QuantityFormat.format(size, in: unit))"
        case .baseUnit(let name):
            return "unit \(name): a dimension of its own"
        case .precision(let digits):
            return "precision: \(digits) significant digits" + (digits == QuantityFormat.defaultDigits ? " (the default)" : "")

        }
    }
}
