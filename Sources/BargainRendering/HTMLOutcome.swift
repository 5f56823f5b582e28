import BargainDiagnostics
import BargainUnits
import BargainAnalysis

/// One statement's result as HTML, from the data: a value as a name and a number, a table as a
/// `<table>` with its charts as SVG, a formula tree or an error as monospaced text (their layout
/// is the meaning). `chartID` gives each chart a page-unique id.
enum HTMLOutcome {
    static func render(_ result: Exhibit.Result, chartID: (Int) -> String, charts: inout Int) -> String {
        switch result {
        case .error(let diagnostic):
            var text = DiagnosticRenderer().render(diagnostic)
            if text.hasSuffix("\n") { text.removeLast() }
            return "<pre class=\"error\">\(HTMLText.escape(text))</pre>"
        case .text(let text):
            return text.isEmpty ? "" : "<pre class=\"output\">\(HTMLText.escape(text))</pre>"
        case .outcome(let outcome):
            return render(outcome, chartID: chartID, charts: &charts)
        }
    }

    static func render(_ outcome: Outcome, chartID: (Int) -> String, charts: inout Int) -> String {
        func figures(_ list: [Chart]) -> String {
            list.map { chart in
                charts += 1
                return "<figure class=\"chart\">" + SVGChart.render(chart, id: chartID(charts)) + "</figure>"
            }.joined()
        }
        switch outcome {
        case .definition(let defined):
            var out = value(defined.name, ValueText.format(defined.value, in: defined.unit))
            if !defined.broken.isEmpty {
                let names = defined.broken.map(\.name)
                out += "<p class=\"flag\"><strong>Warning:</strong> \(HTMLText.escape(names.joined(separator: ", "))) now \(names.count == 1 ? "fails" : "fail"): \(HTMLText.escape(defined.broken[0].diagnostic.message))</p>"
            }
            return out
        case .value(let expr, let v, let unit):
            return value(ValueLabel.of(expr), ValueText.format(v, in: unit))
        case .table(let table):
            return HTMLTable.render(table) + figures(table.charts)
        case .charts(let list):
            return figures(list)
        case .explanation(let explanation):
            return "<pre class=\"tree\">\(HTMLText.escape(ExplanationText.render(explanation)))</pre>"
        case .solved(let solution):
            let lines = SolutionText.render(solution).split(separator: "\n", omittingEmptySubsequences: false)
            guard let first = lines.first else { return "" }
            return "<p class=\"value\"><span class=\"number\">\(HTMLText.escape(first))</span></p>"
                + lines.dropFirst().map { "<p>\(HTMLText.escape($0.trimmingCharacters(in: " ")))</p>" }.joined()
        case .optimized(let optimization):
            return "<p class=\"value\"><span class=\"number\">\(HTMLText.escape(OptimizationTable.headline(optimization)))</span></p>"
                + OptimizationTable.tables(optimization).map(HTMLTable.render).joined()
        default:
            // Short confirmations (fn, require, scenario, use, watch) and any outcome without an
            // HTML form of its own: its text, line by line, escaped.
            return OutcomeText.render(outcome).split(separator: "\n").map { "<p>\(HTMLText.escape($0))</p>" }.joined()
        }
    }

    /// `name = value`, the value emphasised; a computation without a name shows the value alone.
    static func value(_ name: String?, _ text: String) -> String {
        let shown = "<span class=\"number\">\(HTMLText.escape(text))</span>"
        guard let name else { return "<p class=\"value\">\(shown)</p>" }
        return "<p class=\"value\"><span class=\"name\">\(HTMLText.escape(name))</span> = \(shown)</p>"
    }
}
