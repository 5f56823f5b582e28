import BargainDiagnostics
import BargainSyntax
import BargainEngine

/// `chart a, b [from Y]`: a series over the contract's weeks with its years marked, a by-year
/// list as one bar per year. The value axis starts at zero (or below it, for values that go
/// negative), or at Y when asked: a backlog that falls from 120,000 to 110,000 visits should
/// not look like it empties.
enum TimeChart {
    /// Weeks in a contract year: the model's `contract_year = ceil(week / 52 wk)`.
    static let yearLength = 52

    static func charts(_ workspace: Workspace, _ series: [Expr], from floorExpr: Expr?) throws(Diagnostic) -> [Chart] {
        var charts: [Chart] = []
        for expr in series {
            let (value, unit) = try workspace.evaluate(expr)
            let title = "\(expr.span.text) (\(unit.isOne ? "a plain number" : unit.description))"
            switch value {
            case .series(let weeks):
                let floor = try floorExpr.map { e throws(Diagnostic) in
                    try AnalysisContext(workspace).value(e, asA: unit.dimension, bareIn: unit, role: "the axis start", of: expr.span.text)
                } ?? Swift.min(0, weeks.filter(\.isFinite).min() ?? 0)
                charts.append(Chart(.timeline(values: weeks, yearLength: yearLength, floor: floor),
                                    title: title, xLabel: "week", yLabel: title, unit: unit, xUnit: .one))
            case .list(let years):
                let bars = years.enumerated().map { Chart.Bar("year \($0.offset + 1)", from: 0, to: $0.element) }
                charts.append(Chart(.bars(bars), title: title + ", by contract year", yLabel: title, unit: unit))
            case .number, .boolean:
                throw Diagnostic(.typeMismatch, "`\(expr.span.text)` is a single value: there is nothing to chart over the weeks",
                                 at: expr.span, help: "chart a series (a name ending `_by_week`) or a by-year list; a sweep charts a single value against an input")
            }
        }
        return charts
    }
}
