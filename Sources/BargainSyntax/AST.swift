import BargainDiagnostics

/// Syntax as written, before names are resolved or units checked. Every node carries its span.
package struct Expr: Sendable {
    package let kind: ExprKind
    package let span: Span
    /// Height of the tree below this node; the parser refuses trees too deep for the passes after it.
    let depth: Int

    package init(_ kind: ExprKind, _ span: Span) {
        self.kind = kind
        self.span = span
        self.depth = 1 + kind.children.map(\.depth).max(fallback: 0)
    }
}

package indirect enum ExprKind: Sendable {
    case number(Double)
    /// `$150k`: the amount in dollars.
    case money(Double)
    case boolean(Bool)
    case infinity
    /// A name, a function parameter or a unit; which one is for the checker to decide.
    case identifier(String)
    /// `employer_2025.return_wait`: a value read from another scenario.
    case scoped(scenario: String, scenarioSpan: Span, name: String, nameSpan: Span)
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `150 staff`: a number directly followed by a unit.
    case withUnit(Expr, Expr)
    case call(name: String, nameSpan: Span, arguments: [Expr])
    case list([Expr])
    case index(Expr, Expr)
    case conditional(Expr, Expr, Expr)
    /// `return_wait in wk`
    case convert(Expr, UnitSyntax)
    /// `10% to 25%`: an uncertain value, given as a 90% interval.
    case interval(Expr, Expr)

    package var children: [Expr] {
        switch self {
        case .number, .money, .boolean, .infinity, .identifier, .scoped: return []
        case .unary(_, let e), .convert(let e, _): return [e]
        case .binary(_, let a, let b), .withUnit(let a, let b), .index(let a, let b), .interval(let a, let b): return [a, b]
        case .call(_, _, let args): return args
        case .list(let items): return items
        case .conditional(let c, let a, let b): return [c, a, b]
        }
    }
}

package enum UnaryOperator: String, Sendable {
    case negate = "-", plus = "+", not = "not"
}

package enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case and, or

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return true
        default: return false
        }
    }
}

/// A unit as written after `in` or in a header: `$/yr/FTE`, `h/wk`, `visits/wk`, `1/yr`.
package struct UnitSyntax: Sendable {
    package struct Factor: Sendable {
        package let name: String
        package let exponent: Int
        package let span: Span
    }
    package let factors: [Factor]
    package let span: Span
}

/// One statement: a line of a script or a REPL entry (a scenario block may span lines).
package struct Statement: Sendable {
    package let kind: StatementKind
    package let span: Span

    package init(kind: StatementKind, span: Span) {
        self.kind = kind
        self.span = span
    }
}

package struct Identifier: Sendable {
    package let name: String
    package let span: Span

    package init(name: String, span: Span) {
        self.name = name
        self.span = span
    }
}

package enum StatementKind: Sendable {
    /// `name = expr`
    case define(Identifier, Expr)
    /// `fn name(a, b) = expr`
    case function(Identifier, parameters: [Identifier], body: Expr)
    /// An expression whose value is shown.
    case evaluate(Expr)
    /// `scenario NAME from BASE { … }`; the body holds definitions only.
    case scenario(Identifier, base: Identifier?, body: [Statement])
    /// `use NAME`
    case use(Identifier)
    /// `require cond else "message"`: an evaluation error, naming its inputs, whenever cond is false.
    case require(Expr, message: String?)
    /// `compare A, B, C: out1, out2`: one row per output, one column per scenario. With no
    /// scenarios, every scenario; with no outputs, the model's headline outputs.
    case compare(scenarios: [Identifier], outputs: [Expr])
    /// `explain name [in SCENARIO] [depth N]`: the formula tree with each value.
    case explain(Identifier, scenario: Identifier?, depth: Int?)
    /// `watch a, b`: re-shown, with the change, after every edit. No outputs: list what is watched.
    case watch([Expr])
    /// `unwatch a`, or `unwatch` for everything.
    case unwatch([Expr])
    /// `sweep x from A to B step S: outputs`, `sweep x in [v1, v2]: outputs`, or two inputs: a grid.
    case sweep([SweepAxis], outputs: [Expr])
    /// `solve x so output = target [in A..B]` (or `<=` for the largest x, `>=` for the smallest).
    case solve(Identifier, output: Expr, relation: SolveRelation, target: Expr, range: (Expr, Expr)?)
    /// `diff A B: outputs`: which inputs make the difference, and how much each contributes.
    case diff(Identifier, Identifier, outputs: [Expr])
    /// `sensitivity output [over a, b] [by 10%] [in SCENARIO]`: how far the output swings as each input moves.
    case sensitivity(Expr, over: [Identifier], by: Expr?, scenario: Identifier?)
    /// `sensitivity output global samples N [seed S] [in SCENARIO]`: Sobol' indices over every uncertain input.
    case globalSensitivity(Expr, samples: Expr, seed: Expr?, scenario: Identifier?)
    /// `simulate N [seed S]: outputs`: Monte Carlo over the uncertain inputs.
    case simulate(count: Expr, seed: Expr?, outputs: [Expr])
    /// `chart a, b [from Y]`: each series drawn over the weeks (a by-year list, year by year),
    /// the value axis from zero, or from Y when given.
    case chart([Expr], from: Expr?)
    /// `optimize minimize OBJECTIVE over x in A..B [step S], … [such that C, …] [in SCENARIO]
    /// [seed S]`: the best package of levers that meets every constraint.
    case optimize(OptimizeGoal, objective: Expr, levers: [Lever], constraints: [Constraint], scenario: Identifier?, seed: Expr?)
    /// `frontier A vs B over x in A..B, … [such that C, …] [in SCENARIO] [points N]`: the packages
    /// no other beats on both outputs (each minimised, or maximised when marked `maximize`).
    case frontier(first: Objective, second: Objective, levers: [Lever], constraints: [Constraint], scenario: Identifier?, points: Expr?)
    /// `scenario NAME = _` (or `_N`): a scenario holding the levers an `optimize` or `solve`
    /// cell found; the notebook turns it into a scenario block before anything runs.
    case scenarioFromCell(Identifier, cell: Identifier)
    /// `unit shift = 8 h`: a unit of the model's own, as many base units as the quantity;
    /// `unit bed` alone: a base unit of a dimension of its own, unlike any other.
    case unit(Identifier, Expr?)
    /// `import "rates.bargain"` in a model file: that file's definitions too (the path relative
    /// to the importing file). Read when the model is loaded; anywhere else, an error.
    case importFile(String, pathSpan: Span)
    /// `reset NAME`: a scenario back to what its file says; `reset baseline`, the model's values.
    case reset(Identifier)
    /// `precision 6`: how many significant digits the cells after it show (4 by default). A
    /// statement, not a setting of the prompt, so that a saved session replays as it was shown.
    case precision(Expr)
}

/// Whether `optimize` (or one axis of `frontier`) wants its output low or high.
package enum OptimizeGoal: String, Sendable {
    case minimize, maximize
}

/// An output to make low or high.
package struct Objective: Sendable {
    package let goal: OptimizeGoal
    package let output: Expr

    init(goal: OptimizeGoal, output: Expr) {
        self.goal = goal
        self.output = output
    }
}

/// An input `optimize` and `frontier` may move, with its bounds and, for whole staff, a step.
package struct Lever: Sendable {
    package let input: Identifier
    package let low: Expr
    package let high: Expr
    package let step: Expr?

    init(input: Identifier, low: Expr, high: Expr, step: Expr?) {
        self.input = input
        self.low = low
        self.high = high
        self.step = step
    }
}

/// `max(return_wait_by_year) <= 10 bd`: an output (or a lever) held on one side of a bound.
package struct Constraint: Sendable {
    package enum Relation: String, Sendable {
        case atMost = "<=", atLeast = ">="
    }
    package let output: Expr
    package let relation: Relation
    package let bound: Expr
    package let span: Span

    init(output: Expr, relation: Relation, bound: Expr, span: Span) {
        self.output = output
        self.relation = relation
        self.bound = bound
        self.span = span
    }
}

/// One input of a sweep and the values it takes.
package struct SweepAxis: Sendable {
    package enum Values: Sendable {
        case range(from: Expr, to: Expr, step: Expr)
        case list(Expr)
    }
    package let input: Identifier
    package let values: Values

    init(input: Identifier, values: Values) {
        self.input = input
        self.values = values
    }
}

package enum SolveRelation: String, Sendable {
    case equal = "="
    /// The largest input for which output <= target.
    case atMost = "<="
    /// The smallest input for which output >= target.
    case atLeast = ">="
}

extension Sequence {
    func max(fallback: Element) -> Element where Element: Comparable {
        self.max() ?? fallback
    }
}
