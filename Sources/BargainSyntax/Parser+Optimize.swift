import BargainDiagnostics

/// `optimize` and `frontier`. Both words are statements only before a name (`optimize minimize
/// …`, `frontier cost vs …`), so a model may still define `frontier = …`.
extension Parser {
    /// The words that open a clause of these statements, never units.
    static let clauseWords: Set<String> = ["over", "such", "vs", "points"]

    /// `optimize minimize contract_total_cost over hires in 0..600 staff step 1 staff, … such that
    /// max(return_wait_by_year) <= 10 bd, return_compliance >= 90% [in SCENARIO] [seed S]`.
    mutating func optimizeStatement() throws(Diagnostic) -> Statement {
        let start = advance().span
        notUnits = Self.clauseWords
        defer { notUnits = [] }
        guard case .identifier(let word) = current.kind, let goal = OptimizeGoal(rawValue: word) else {
            throw unexpected("`minimize` or `maximize`, as in `optimize minimize contract_total_cost over hires in 0..600 staff`")
        }
        advance()
        let objective = try bound(.additive)
        let levers = try leverList(after: "optimize \(goal.rawValue) \(objective.span.text)")
        let (constraints, scenario, seed, _) = try optimizeTail(allowPoints: false)
        return Statement(kind: .optimize(goal, objective: objective, levers: levers, constraints: constraints,
                                         scenario: scenario, seed: seed), span: start.to(previous.span))
    }

    /// `frontier contract_total_cost vs max(return_wait_by_year) over hires in 0..600 staff, …
    /// [such that …] [in SCENARIO] [points N]`; `maximize` before an output wants it high.
    mutating func frontierStatement() throws(Diagnostic) -> Statement {
        let start = advance().span
        notUnits = Self.clauseWords
        defer { notUnits = [] }
        let first = try frontierObjective()
        guard case .identifier("vs") = current.kind else {
            throw unexpected("`vs` and a second output, as in `frontier contract_total_cost vs max(return_wait_by_year) over …`")
        }
        advance()
        let second = try frontierObjective()
        let levers = try leverList(after: "frontier \(first.output.span.text) vs \(second.output.span.text)")
        let (constraints, scenario, _, points) = try optimizeTail(allowPoints: true)
        return Statement(kind: .frontier(first: first, second: second, levers: levers, constraints: constraints,
                                         scenario: scenario, points: points), span: start.to(previous.span))
    }

    mutating func frontierObjective() throws(Diagnostic) -> Objective {
        var goal = OptimizeGoal.minimize
        if case .identifier(let word) = current.kind, let marked = OptimizeGoal(rawValue: word), peek(1).isIdentifier || peek(1).isSymbol(.lparen) {
            goal = marked
            advance()
        }
        return Objective(goal: goal, output: try bound(.additive))
    }

    /// `over x in A..B [step S], y in C..D`.
    mutating func leverList(after head: String) throws(Diagnostic) -> [Lever] {
        guard case .identifier("over") = current.kind else {
            throw unexpected("`over` and the levers to move, as in `\(head) over hires in 0..600 staff`")
        }
        advance()
        var levers: [Lever] = []
        repeat {
            let input = try identifier("a lever: an input to move")
            if let earlier = levers.first(where: { $0.input.name == input.name }) {
                throw Diagnostic(.duplicateName, "`\(input.name)` is already a lever here", at: input.span)
                    .labelling(earlier.input.span, "given first here")
            }
            _ = try expect(.in, "and its range after the lever: `\(input.name) in A..B`")
            let low = try bound()
            _ = try expect(.dotdot, "in the range `A..B`")
            let high = try bound()
            var step: Expr? = nil
            if match(.step) { step = try bound() }
            levers.append(Lever(input: input, low: low, high: high, step: step))
        } while match(.comma)
        return levers
    }

    /// `such that C, …`, `in SCENARIO`, `seed S` and (for frontier) `points N`, in any order.
    mutating func optimizeTail(allowPoints: Bool) throws(Diagnostic) -> ([Constraint], Identifier?, Expr?, Expr?) {
        var constraints: [Constraint] = []
        var scenario: Identifier? = nil
        var seed: Expr? = nil
        var points: Expr? = nil
        while !atStatementEnd {
            if case .identifier("such") = current.kind {
                advance()
                guard case .identifier("that") = current.kind else { throw unexpected("`that` after `such`") }
                advance()
                repeat {
                    constraints.append(try constraint())
                } while match(.comma)
            } else if match(.in) {
                scenario = try identifier("a scenario name after `in`")
            } else if match(.seed) {
                seed = try bound()
            } else if allowPoints, case .identifier("points") = current.kind {
                advance()
                points = try bound()
            } else {
                throw unexpected(allowPoints ? "`such that`, `in SCENARIO`, `points N` or the end of the statement"
                                             : "`such that`, `in SCENARIO`, `seed S` or the end of the statement")
            }
        }
        return (constraints, scenario, seed, points)
    }

    /// `output <= bound` or `output >= bound` (`<` and `>` read the same: the search cannot
    /// tell a bound from a hair inside it).
    mutating func constraint() throws(Diagnostic) -> Constraint {
        let output = try bound(.additive)
        let relation: Constraint.Relation
        if match(.lessEqual) || match(.less) {
            relation = .atMost
        } else if match(.greaterEqual) || match(.greater) {
            relation = .atLeast
        } else if current.isSymbol(.assign) || current.isSymbol(.equal) {
            throw Diagnostic(.badStatement, "a constraint holds an output on one side of a bound: `<=` or `>=`", at: current.span,
                             help: "to hit a value exactly, use `solve`; here write `\(output.span.text) <= …` or `>= …`")
        } else {
            throw unexpected("`<=` or `>=` after the constrained output")
        }
        let bound = try self.bound()
        return Constraint(output: output, relation: relation, bound: bound, span: output.span.to(bound.span))
    }
}
