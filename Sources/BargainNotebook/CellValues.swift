import BargainDiagnostics
import BargainUnits
import BargainFiles
import BargainSyntax
import BargainSemantics
import BargainEngine
import BargainAnalysis
import BargainRendering

/// What a cell showed as its value, kept so later cells can read it as `_` or `_N`.
package struct CellValue: Sendable {
    package let number: Int
    package let value: Value
    /// The unit the cell showed it in, which `_N` keeps.
    package let unit: UnitProduct
    /// The levers an `optimize` or `solve` cell found, for `scenario NAME = _N`.
    package let package: CellPackage?
}

/// Levers and their values, found in a scenario: what `scenario best = _` turns into a scenario.
package struct CellPackage: Sendable {
    package let scenario: String
    package let levers: [(name: String, value: Double, unit: UnitProduct)]
}

/// The values of the cells so far, by number, and which was last.
///
/// Before an entry runs, `resolve` replaces every `_` and `_N` in it by the value itself, so a
/// definition such as `x = _3 * 2` holds a constant: later edits never change what `_3` meant,
/// and `x = _ * 2` keeps the value `_` had when it was typed.
package struct CellValues: Sendable {
    var byNumber: [Int: CellValue] = [:]
    /// Numbers of the cells that have a value, in order; the last one is `_`.
    var order: [Int] = []

    package init() {}

    package subscript(number: Int) -> CellValue? { byNumber[number] }
    package var last: CellValue? { order.last.flatMap { byNumber[$0] } }

    mutating func record(_ cell: Cell) {
        guard let (value, unit) = cell.shownValue else { return }
        byNumber[cell.number] = CellValue(number: cell.number, value: value, unit: unit, package: cell.foundPackage)
        order.append(cell.number)
    }

    /// Forgets an undone cell.
    mutating func remove(_ number: Int) {
        guard byNumber.removeValue(forKey: number) != nil else { return }
        if let index = order.lastIndex(of: number) { order.remove(at: index) }
    }

    // MARK: Putting values in place of references

    /// The statement with every cell reference replaced by its value; an error for a cell that
    /// has no value (yet).
    func resolve(_ statement: Statement) throws(Diagnostic) -> Statement {
        guard Self.mentionsCells(statement.span) else { return statement }
        let kind: StatementKind
        switch statement.kind {
        case .define(let id, let expr): kind = .define(id, try resolve(expr))
        case .function(let id, let parameters, let body): kind = .function(id, parameters: parameters, body: try resolve(body))
        case .evaluate(let expr): kind = .evaluate(try resolve(expr))
        case .scenario(let id, let base, let body):
            var resolved: [Statement] = []
            for inner in body { resolved.append(try resolve(inner)) }
            kind = .scenario(id, base: base, body: resolved)
        case .use, .explain: return statement
        case .require(let expr, let message): kind = .require(try resolve(expr), message: message)
        case .compare(let scenarios, let outputs): kind = .compare(scenarios: scenarios, outputs: try resolve(outputs))
        case .watch(let outputs): kind = .watch(try resolve(outputs))
        case .unwatch(let outputs): kind = .unwatch(try resolve(outputs))
        case .sweep(let axes, let outputs):
            var resolved: [SweepAxis] = []
            for axis in axes {
                switch axis.values {
                case .list(let list): resolved.append(SweepAxis(input: axis.input, values: .list(try resolve(list))))
                case .range(let from, let to, let step):
                    resolved.append(SweepAxis(input: axis.input, values: .range(from: try resolve(from), to: try resolve(to), step: try resolve(step))))
                }
            }
            kind = .sweep(resolved, outputs: try resolve(outputs))
        case .solve(let input, let output, let relation, let target, let range):
            var bounds: (Expr, Expr)? = nil
            if let (low, high) = range { bounds = (try resolve(low), try resolve(high)) }
            kind = .solve(input, output: try resolve(output), relation: relation, target: try resolve(target), range: bounds)
        case .diff(let a, let b, let outputs): kind = .diff(a, b, outputs: try resolve(outputs))
        case .sensitivity(let output, let over, let by, let scenario):
            kind = .sensitivity(try resolve(output), over: over, by: try by.map { e throws(Diagnostic) in try resolve(e) }, scenario: scenario)
        case .globalSensitivity(let output, let samples, let seed, let scenario):
            kind = .globalSensitivity(try resolve(output), samples: try resolve(samples),
                                      seed: try seed.map { e throws(Diagnostic) in try resolve(e) }, scenario: scenario)
        case .simulate(let count, let seed, let outputs):
            kind = .simulate(count: try resolve(count), seed: try seed.map { e throws(Diagnostic) in try resolve(e) },
                             outputs: try resolve(outputs))
        case .chart(let series, let floor):
            kind = .chart(try resolve(series), from: try floor.map { e throws(Diagnostic) in try resolve(e) })
        case .optimize(let goal, let objective, let levers, let constraints, let scenario, let seed):
            kind = .optimize(goal, objective: try resolve(objective), levers: try resolve(levers), constraints: try resolve(constraints),
                             scenario: scenario, seed: try seed.map { e throws(Diagnostic) in try resolve(e) })
        case .frontier(let first, let second, let levers, let constraints, let scenario, let points):
            kind = .frontier(first: Objective(goal: first.goal, output: try resolve(first.output)),
                             second: Objective(goal: second.goal, output: try resolve(second.output)),
                             levers: try resolve(levers), constraints: try resolve(constraints), scenario: scenario,
                             points: try points.map { e throws(Diagnostic) in try resolve(e) })
        case .unit(let name, let size):
            kind = .unit(name, try resolve(size))
        case .scenarioFromCell(let name, let cell):
            return try scenario(name, from: cell, at: statement.span)
        }
        return Statement(kind: kind, span: statement.span)
    }

    func resolve(_ levers: [Lever]) throws(Diagnostic) -> [Lever] {
        var resolved: [Lever] = []
        for lever in levers {
            resolved.append(Lever(input: lever.input, low: try resolve(lever.low), high: try resolve(lever.high),
                                  step: try lever.step.map { e throws(Diagnostic) in try resolve(e) }))
        }
        return resolved
    }

    func resolve(_ constraints: [Constraint]) throws(Diagnostic) -> [Constraint] {
        var resolved: [Constraint] = []
        for constraint in constraints {
            resolved.append(Constraint(output: try resolve(constraint.output), relation: constraint.relation,
                                       bound: try resolve(constraint.bound), span: constraint.span))
        }
        return resolved
    }

    /// `scenario best = _3`: a scenario block from the scenario cell 3 searched, with its levers
    /// set to what it found (each a constant in the lever's unit).
    func scenario(_ name: Identifier, from cell: Identifier, at span: Span) throws(Diagnostic) -> Statement {
        guard let reference = CellReference(cell.name) else {
            throw Diagnostic(.unknownName, "`\(cell.name)` is not a cell: write `_` or `_N`", at: cell.span)
        }
        let value = try self.value(of: reference, cell.name, at: cell.span)
        guard let found = value.package else {
            throw Diagnostic(.typeMismatch, "cell \(value.number) found no levers: `scenario \(name.name) = \(cell.name)` takes an `optimize` or `solve` cell",
                             at: cell.span, help: "write the scenario out: `scenario \(name.name) from baseline { lever = value }`")
        }
        let body = found.levers.map { lever in
            Statement(kind: .define(Identifier(name: lever.name, span: cell.span),
                                    Expr(.constant(name: cell.name, value: .number(lever.value), unit: lever.unit), cell.span)), span: cell.span)
        }
        return Statement(kind: .scenario(name, base: Identifier(name: found.scenario, span: cell.span), body: body), span: span)
    }

    func resolve(_ exprs: [Expr]) throws(Diagnostic) -> [Expr] {
        var resolved: [Expr] = []
        for expr in exprs { resolved.append(try resolve(expr)) }
        return resolved
    }

    /// A quick test that saves walking the tree of statements with no `_` in them.
    static func mentionsCells(_ span: Span) -> Bool {
        span.source.bytes[span.start..<span.end].contains(UInt8(ascii: "_"))
    }

    func resolve(_ expr: Expr) throws(Diagnostic) -> Expr {
        let span = expr.span
        switch expr.kind {
        case .identifier(let name):
            guard let reference = CellReference(name) else { return expr }
            let cell = try value(of: reference, name, at: span)
            return Expr(.constant(name: name, value: cell.value, unit: cell.unit), span)
        case .number, .money, .boolean, .infinity, .scoped, .constant:
            return expr
        case .unary(let op, let e): return Expr(.unary(op, try resolve(e)), span)
        case .binary(let op, let a, let b): return Expr(.binary(op, try resolve(a), try resolve(b)), span)
        case .withUnit(let number, let unit): return Expr(.withUnit(try resolve(number), unit), span)
        case .call(let name, let nameSpan, let arguments):
            var resolved: [Expr] = []
            for argument in arguments { resolved.append(try resolve(argument)) }
            return Expr(.call(name: name, nameSpan: nameSpan, arguments: resolved), span)
        case .list(let items):
            var resolved: [Expr] = []
            for item in items { resolved.append(try resolve(item)) }
            return Expr(.list(resolved), span)
        case .index(let base, let index): return Expr(.index(try resolve(base), try resolve(index)), span)
        case .conditional(let c, let a, let b):
            return Expr(.conditional(try resolve(c), try resolve(a), try resolve(b)), span)
        case .convert(let inner, let unit): return Expr(.convert(try resolve(inner), unit), span)
        case .interval(let low, let high): return Expr(.interval(try resolve(low), try resolve(high)), span)
        }
    }

    func value(of reference: CellReference, _ name: String, at span: Span) throws(Diagnostic) -> CellValue {
        guard let number = reference.number else {
            guard let last else {
                throw Diagnostic(.unknownName, "`_` is the last value shown, and no cell has shown one yet", at: span)
            }
            return last
        }
        if let value = byNumber[number] { return value }
        let shown = order.map { "_\($0)" }.suffix(5).joined(separator: ", ")
        throw Diagnostic(.unknownName, "cell \(number) has no value", at: span, label: "no value",
                         help: order.isEmpty ? "`_N` reads the value cell N showed" : "cells with values: " + shown)
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
    var foundPackage: CellPackage? {
        for result in results.reversed() {
            guard case .success(let outcome) = result.result else { continue }
            switch outcome {
            case .solved(let solution):
                return CellPackage(scenario: solution.scenario, levers: [(solution.input, solution.value, solution.unit)])
            case .optimized(let optimization):
                return CellPackage(scenario: optimization.scenario, levers: optimization.levers.map { ($0.name, $0.value, $0.unit) })
            default: continue
            }
        }
        return nil
    }
}
