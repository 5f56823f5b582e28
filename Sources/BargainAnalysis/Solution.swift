import BargainUnits
import BargainSyntax

/// What `solve` found, as data: the input's value and what is worth knowing about it;
/// `SolutionText` writes the lines. Values are in base units.
package struct Solution: Sendable {
    package let input: String
    package let value: Double
    /// The input's unit.
    package let unit: UnitProduct
    /// The output as written in the statement, and its unit.
    package let output: String
    package let outputUnit: UnitProduct
    package let target: Double
    package let notes: [SolveNote]
    /// The scenario solved in: `scenario NAME = _` starts from it.
    package let scenario: String
}

/// One thing `solve` says about its answer.
package enum SolveNote: Sendable {
    /// The output's value at the answer, the range searched and how many evaluations it took.
    case reached(output: Double, searchedFrom: Double, to: Double, evaluations: Int)
    /// The output stays on the target from the answer to at least this input value: the answer
    /// is the lowest input that reaches it.
    case flat(until: Double)
    /// The output jumps past the target at the answer: its values a little below and above.
    case jumpsPast(below: Double, above: Double)
    /// The answer is on a kink: a `min`, `max` or `if` changes branch there.
    case kink
    /// Other inputs that reach the target too.
    case alsoNear([Double])
    /// `<=` or `>=` holds from the answer on: `smallest` when it holds above the answer (the
    /// least input that does it), otherwise below it (the most); on the grid it keeps holding
    /// as far as `holdsTo`.
    case edge(SolveRelation, smallest: Bool, holdsTo: Double)
    /// The output is a wait and the target the access standard: an average wait at the
    /// standard leaves many patients past it (the rule is about each one).
    case averageIsNotTheRule(standard: Double)
    /// `<=` or `>=` holds over the whole range searched: no edge to find in it.
    case holdsAcross(SolveRelation, from: Double, to: Double)
    /// `<=` or `>=` holds at every input where the model has a value, from one to the other;
    /// beyond, the model has none (`reason`).
    case holdsWhereDefined(SolveRelation, from: Double, to: Double, reason: String)
    /// The relation holds on these stretches of inputs too: the set is more than one interval.
    case alsoHoldsOn([(Double, Double)])
    /// The output is a `P(…)`, a share of this many draws (the same at every input), seed `seed`.
    case chance(draws: Int, seed: UInt64)
    /// The model has no value from this input on (in the range searched), and why.
    case noValueFrom(Double, reason: String)
}
