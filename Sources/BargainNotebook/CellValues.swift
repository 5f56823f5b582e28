import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainSemantics

/// The values of the cells so far, which later cells read as `_` or `_N`, and the levers an
/// `optimize` or `solve` cell found.
///
/// The values go to the workspace as a `CellTable`, where the checker resolves `_`, `_N` and
/// `_N.lever` like any other name (a definition keeps the values its cells had when it was made).
/// `scenario NAME = _N` is short for the scenario block it means, `lever = _N.lever` for each.
package struct CellValues: Sendable {
    package private(set) var table = CellTable()

    init() {}

    package subscript(number: Int) -> CellBinding? { table.byNumber[number] }

    mutating func record(_ cell: Cell) {
        guard let (value, unit) = cell.shownValue else { return }
        table.record(cell.number, CellBinding(value: value, unit: unit), found: cell.foundLevers)
    }

    /// Forgets an undone cell.
    mutating func remove(_ number: Int) {
        table.remove(number)
    }

    /// `scenario best = _3`: a scenario block from the scenario cell 3 searched, with each lever
    /// set to what it found (`hires = _3.hires`). Any other statement as it is.
    func expandingScenarioFromCell(_ statement: Statement) throws(Diagnostic) -> Statement {
        guard case .scenarioFromCell(let name, let cell) = statement.kind else { return statement }
        let number = try table.number(of: cell.name, at: cell.span)
        guard let found = table.found[number] else {
            throw Diagnostic(.typeMismatch, "cell \(number) found no levers: `scenario \(name.name) = \(cell.name)` takes an `optimize` or `solve` cell",
                             at: cell.span, help: "write the scenario out: `scenario \(name.name) from baseline { lever = value }`")
        }
        let body = found.levers.map { lever in
            Statement(kind: .define(Identifier(name: lever.name, span: cell.span),
                                    Expr(.scoped(scenario: "_\(number)", scenarioSpan: cell.span, name: lever.name, nameSpan: cell.span), cell.span)),
                      span: cell.span)
        }
        return Statement(kind: .scenario(name, base: Identifier(name: found.scenario, span: cell.span), body: body), span: statement.span)
    }
}

extension Cell {
    /// The value this cell showed last, if any: an expression's value or a definition's new value.
    var shownValue: (Value, UnitProduct)? {
        for result in results.reversed() {
            guard case .success(let outcome) = result.result else { continue }
            switch outcome {
            case .value(_, let value, let unit): return (value, unit)
            case .definition(let defined): return (defined.value, defined.unit)
            case .solved(let solution): return (.number(solution.value), solution.unit)
            case .optimized(let optimization): return (.number(optimization.objectiveValue), optimization.objectiveUnit)
            default: continue
            }
        }
        return nil
    }

    /// The levers an `optimize` or `solve` in this cell found.
    var foundLevers: FoundLevers? {
        for result in results.reversed() {
            guard case .success(let outcome) = result.result else { continue }
            switch outcome {
            case .solved(let solution):
                return FoundLevers(scenario: solution.scenario,
                                   levers: [(solution.input, CellBinding(value: .number(solution.value), unit: solution.unit))])
            case .optimized(let optimization):
                return FoundLevers(scenario: optimization.scenario,
                                   levers: optimization.levers.map { ($0.name, CellBinding(value: .number($0.value), unit: $0.unit)) })
            default: continue
            }
        }
        return nil
    }
}
