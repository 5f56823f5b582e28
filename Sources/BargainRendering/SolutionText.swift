import BargainUnits
import BargainAnalysis

/// `solve`'s answer as text: `layoffs = 212.6 staff`, then its notes indented.
enum SolutionText {
    static func render(_ solution: Solution) -> String {
        (["\(solution.input) = \(QuantityFormat.format(solution.value, in: solution.unit))"]
            + notes(solution).map { "  " + $0 }).joined(separator: "\n")
    }

    static func notes(_ solution: Solution) -> [String] {
        let label = solution.output
        func input(_ x: Double) -> String { QuantityFormat.format(x, in: solution.unit) }
        func output(_ y: Double) -> String { QuantityFormat.format(y, in: solution.outputUnit) }
        return solution.notes.map { note in
            switch note {
            case .reached(let value, let from, let to, let evaluations):
                return "\(label) = \(output(value)) there; searched \(input(from))..\(input(to)), \(evaluations) evaluations"
            case .flat(let until):
                return "\(label) stays at the target from there to at least \(input(until)): this is the lowest \(solution.input) that reaches it"
            case .jumpsPast(let below, let above):
                return "the output jumps past the target here: nothing gives exactly \(output(solution.target)); \(solution.input) a little lower gives \(output(below)), a little higher \(output(above))"
            case .kink:
                return "the answer sits on a kink: a `min`, `max` or `if` in the model changes branch here, so the output's slope jumps"
            case .alsoNear(let values):
                return "\(label) also reaches the target near " + values.map(input).joined(separator: ", ")
            case .edge(let relation, let smallest, let holdsTo):
                let condition = "\(label) \(relation.rawValue) \(output(solution.target))"
                return smallest
                    ? "the smallest \(solution.input) with \(condition); it holds from there up to at least \(input(holdsTo))"
                    : "the largest \(solution.input) with \(condition); it holds from there down to \(input(holdsTo))"
            case .averageIsNotTheRule(let standard):
                let days = QuantityFormat.format(standard, in: solution.outputUnit)
                return "note: this is an average wait of \(days); the \(days) rule is about each return, and at that average many wait longer: `solve … so return_compliance >= 90%` asks for the rule"
            case .holdsWhereDefined(let relation, let from, let to, let reason):
                let why = reason.isEmpty ? "" : " (\(reason))"
                return "\(label) \(relation.rawValue) \(output(solution.target)) holds at every \(solution.input) from \(input(from)) to \(input(to)), and past \(input(to)) the model has no value\(why): nothing to solve, it holds wherever the model has a value"
            case .alsoHoldsOn(let stretches):
                return "it also holds for \(solution.input) in " + stretches.prefix(4).map { "\(input($0.0))..\(input($0.1))" }.joined(separator: ", ")
            case .chance(let draws, let seed):
                return "P(…) is the share of \(QuantityFormat.grouped(UInt64(draws))) draws of the uncertain inputs at each value (the same draws at every value, seed \(seed)): the answer is good to about a percentage point of chance"
            case .noValueFrom(let x, let reason):
                return "from about \(input(x)) the model has no value" + (reason.isEmpty ? "" : ": \(reason)")
            case .holdsAcross(let relation, let from, let to):
                return "\(label) \(relation.rawValue) \(output(solution.target)) holds at every \(solution.input) tried, from \(input(from)) to \(input(to)): nothing to solve, it holds as it is"
            }
        }
    }
}
