import BargainDiagnostics
import BargainUnits
import BargainAnalysis
import BargainRendering

/// The JSON Lines form of a cell's results (`bargain run --json`): one object per statement,
/// `{"cell":N,"input":…,"kind":"value|definition|table|error","name":…,"value":…,"unit":…,"text":…}`.
package enum CellJSON {
    package static func lines(_ cell: Cell) -> [String] {
        QuantityFormat.$digits.withValue(cell.digits) { cell.results.map { object(cell.number, $0) } }
    }

    package static func object(_ number: Int, _ entry: StatementResult) -> String {
        var fields: [(String, JSONText.Field?)] = [("cell", .integer(number)), ("input", .string(entry.input))]
        switch entry.result {
        case .failure(let diagnostic):
            fields += [("kind", .string("error")), ("code", .string(diagnostic.code.rawValue)),
                       ("text", .string(DiagnosticRenderer().render(diagnostic)))]
            if let span = diagnostic.primarySpan {
                let (line, column) = span.source.location(of: span.start)
                fields += [("line", .integer(line)), ("column", .integer(column))]
            }
        case .success(let outcome):
            fields += describe(outcome)
            fields.append(("text", .string(OutcomeText.render(outcome))))
        }
        return JSONText.object(fields)
    }

    static func describe(_ outcome: Outcome) -> [(String, JSONText.Field?)] {
        switch outcome {
        case .definition(let defined):
            return [("kind", .string("definition")), ("name", .string(defined.name)),
                    ("value", value(defined.value, defined.unit)), ("unit", .string(defined.unit.description))]
        case .value(let expr, let v, let unit):
            return [("kind", .string("value")), ("name", ValueLabel.of(expr).map { .string($0) }),
                    ("value", value(v, unit)), ("unit", .string(unit.description))]
        case .function(let name, _), .requirement(let name), .scenario(let name, _, _), .use(let name):
            return [("kind", .string("definition")), ("name", .string(name))]
        case .table(let table):
            return [("kind", .string("table")), ("table", .raw(TableData.json(table)))]
        case .explanation:
            return [("kind", .string("value"))]
        case .watched(let rows):
            var table = Table(columns: [Table.Column("watch"), Table.Column("unit"), Table.Column("before"), Table.Column("after")])
            for row in rows {
                func cell(_ result: Result<Value, Diagnostic>?) -> Table.Cell {
                    guard case .success(let value)? = result, let x = value.scalar else { return .empty }
                    return .quantity(x, row.unit)
                }
                table.rows.append([.text(row.label), .text(row.unit.description), cell(row.before), cell(row.after)])
            }
            return [("kind", .string("table")), ("table", .raw(TableData.json(table)))]
        case .solved(let solution):
            return [("kind", .string("value")), ("name", .string(solution.input)), ("value", .number(solution.value / solution.unit.factor)),
                    ("unit", .string(solution.unit.description))]
        case .charts(let charts):
            // The numbers behind each chart, in its display unit: a week's value, or a year's.
            let described = charts.map { chart -> String in
                let numbers: [Double]
                switch chart.kind {
                case .timeline(let values, _, _): numbers = values
                case .bars(let bars): numbers = bars.map(\.to)
                case .columns(_, let y), .histogram(_, let y): numbers = y
                case .lines(_, let series): numbers = series.flatMap(\.y)
                case .scatter(let points, _): numbers = points.map(\.1)
                }
                return JSONText.object([("title", .string(chart.title)), ("unit", .string(chart.unit.description)),
                                        ("values", .numbers(numbers.map { $0 / chart.unit.factor }))])
            }
            return [("kind", .string("chart")), ("charts", .raw("[" + described.joined(separator: ",") + "]"))]
        case .reset(let scenario, let restored, _):
            return [("kind", .string("reset")), ("scenario", .string(scenario)), ("restored", .raw("[" + restored.map(JSONText.string).joined(separator: ",") + "]"))]
        case .baseUnit(let name):
            return [("kind", .string("unit")), ("name", .string(name)), ("unit", .string(name))]
        case .precision(let digits):
            return [("kind", .string("precision")), ("digits", .integer(digits))]
        case .unit(let name, let size, let unit):
            return [("kind", .string("unit")), ("name", .string(name)), ("value", .number(size / unit.factor)), ("unit", .string(unit.description))]
        case .optimized(let optimization):
            let levers = optimization.levers.map { lever in
                JSONText.object([("name", .string(lever.name)), ("value", .number(lever.value / lever.unit.factor)),
                                 ("unit", .string(lever.unit.description))])
            }
            let constraints = optimization.constraints.map { state in
                JSONText.object([("constraint", .string(state.text)), ("value", .number(state.value / state.unit.factor)),
                                 ("slack", .number(state.slack / state.unit.factor)), ("unit", .string(state.unit.description)),
                                 ("binds", .bool(state.binds)),
                                 ("gain_if_relaxed", state.gain.map { .number($0 / optimization.objectiveUnit.factor) } ?? .raw("null"))])
            }
            return [("kind", .string("optimum")), ("goal", .string(optimization.goal.rawValue)),
                    ("objective", .string(optimization.objective)),
                    ("value", .number(optimization.objectiveValue / optimization.objectiveUnit.factor)),
                    ("unit", .string(optimization.objectiveUnit.description)),
                    ("levers", .raw("[" + levers.joined(separator: ",") + "]")),
                    ("constraints", .raw("[" + constraints.joined(separator: ",") + "]")),
                    ("evaluations", .integer(optimization.evaluations))]
        }
    }

    /// A value in its display unit: a number, a list of numbers, or true/false.
    static func value(_ v: Value, _ unit: UnitProduct) -> JSONText.Field {
        switch v {
        case .number: return .number(ValueText.numbers(v, in: unit)[0])
        case .list, .series: return .numbers(ValueText.numbers(v, in: unit))
        case .boolean(let b): return .bool(b)
        }
    }
}
