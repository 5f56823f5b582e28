import BargainDiagnostics
import BargainUnits
import BargainSyntax

/// An expression after name resolution and unit checking: every node knows its type and the unit
/// it is shown in. Constants are in base units. This is what the plan compiler lowers and what
/// the error locator walks.
package struct CheckedExpr: Sendable {
    package let node: CheckedNode
    package let type: ValueType
    /// The unit as the operations made it, `wk/yr` included (for a list, each element's unit).
    package let unit: UnitProduct
    /// Set by `in UNIT`: the value is shown in exactly that unit.
    let isExplicitUnit: Bool
    package let span: Span
    /// A bare `0` or `inf`, which takes the dimension of whatever it meets (`max(0, x)`).
    let isFlexible: Bool
    /// How many operations this expression expands to, function bodies included.
    let size: Int

    init(_ node: CheckedNode, _ type: ValueType, _ unit: UnitProduct, _ span: Span, flexible: Bool = false,
         explicitUnit: Bool = false) {
        self.isExplicitUnit = explicitUnit
        self.node = node
        self.type = type
        self.unit = unit
        self.span = span
        self.isFlexible = flexible
        var size = 1
        node.forEachChild { size += $0.size }
        if case .call(_, _, let body) = node { size += body.size }
        self.size = min(size, Int.max / 4)
    }

    /// The unit the value is shown in: as asked with `in`, else with cancelled dimensions dropped
    /// (`6 wk/yr` alone is 0.1154; a definition's input keeps its units, see `Definition.unit`).
    package var displayUnit: UnitProduct { isExplicitUnit ? unit : unit.displayed() }

    func retyped(_ type: ValueType, _ unit: UnitProduct) -> CheckedExpr {
        CheckedExpr(node, type, unit, span)
    }

    /// Whether this expression reads the previous week of the series being defined.
    package var isRecurrent: Bool {
        if case .recurrence = node { return true }
        if case .call(_, let arguments, _) = node, arguments.contains(where: \.isRecurrent) { return true }
        var found = false
        node.forEachChild { if !found, $0.isRecurrent { found = true } }
        return found
    }

    package func collectNames(into names: inout Set<String>) {
        node.forEachChild { $0.collectNames(into: &names) }
        if case .name(let name) = node { names.insert(name) }
        if case .previous(let name, _) = node { names.insert(name) }
        if case .call(_, _, let body) = node { body.collectNames(into: &names) }
    }
}

package indirect enum CheckedNode: Sendable {
    case constant(Double)
    /// A definition of the same scenario.
    case name(String)
    /// A value of another scenario: only in expressions shown at the prompt, never in definitions.
    case scoped(scenario: String, name: String)
    /// The i-th argument of the innermost function call.
    case parameter(Int)
    case negate(CheckedExpr)
    case not(CheckedExpr)
    case arithmetic(ArithmeticOperator, CheckedExpr, CheckedExpr)
    case compare(BinaryOperator, CheckedExpr, CheckedExpr)
    case logical(BinaryOperator, CheckedExpr, CheckedExpr)
    case builtin(Builtin, [CheckedExpr])
    /// A user function, specialized to its arguments' types: `body` reads them as `.parameter(i)`.
    case call(name: String, arguments: [CheckedExpr], body: CheckedExpr)
    case list([CheckedExpr])
    case index(CheckedExpr, CheckedExpr)
    case conditional(CheckedExpr, CheckedExpr, CheckedExpr)
    /// An uncertain input; shows its median except under `simulate`.
    case distribution(DistributionKind, [CheckedExpr])
    /// `previous(x, start)`: the series x one week later, `start` in week 1.
    case previous(name: String, start: CheckedExpr)
    /// `previous(itself, start)` in the definition of a series: it is computed week by week,
    /// each week from the one before.
    case recurrence(start: CheckedExpr)

    func forEachChild(_ body: (CheckedExpr) -> Void) {
        switch self {
        case .constant, .name, .scoped, .parameter: break
        case .negate(let e), .not(let e), .previous(_, let e), .recurrence(let e): body(e)
        case .arithmetic(_, let a, let b), .compare(_, let a, let b), .logical(_, let a, let b), .index(let a, let b):
            body(a); body(b)
        case .builtin(_, let args), .distribution(_, let args), .list(let args): args.forEach(body)
        case .call(_, let args, _): args.forEach(body)
        case .conditional(let c, let a, let b): body(c); body(a); body(b)
        }
    }
}

package enum ArithmeticOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
}

/// The shapes an uncertain input can take.
package enum DistributionKind: String, Sendable, CaseIterable {
    /// `a to b`: a 90% interval, lognormal when both ends are positive, else normal.
    case interval
    case normal, uniform, triangular
}
