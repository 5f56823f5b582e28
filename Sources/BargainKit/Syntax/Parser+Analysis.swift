/// The analysis statements: `compare`, `explain`.
extension Parser {
    /// `compare A, B: out1, out2`, `compare A, B`, `compare: out1`, `compare`.
    mutating func compareStatement() throws(Diagnostic) -> Statement {
        let start = advance().span
        var scenarios: [Identifier] = []
        if case .identifier = current.kind {
            repeat {
                scenarios.append(try identifier("a scenario name"))
            } while match(.comma)
        }
        var outputs: [Expr] = []
        if match(.colon) {
            repeat {
                outputs.append(try expression())
            } while match(.comma)
        }
        return Statement(kind: .compare(scenarios: scenarios, outputs: outputs), span: start.to(previous.span))
    }

    /// `explain name`, `explain name in SCENARIO`, `explain name depth 2`.
    mutating func explainStatement() throws(Diagnostic) -> Statement {
        let start = advance().span
        let name = try identifier("the name to explain")
        var scenario: Identifier? = nil
        var depth: Int? = nil
        while true {
            if match(.in) {
                scenario = try identifier("a scenario name after `in`")
            } else if case .identifier("depth") = current.kind {
                advance()
                guard case .number(let n) = current.kind, n >= 1, n == n.rounded(), n < 1000 else {
                    throw unexpected("a whole number of levels after `depth`")
                }
                advance()
                depth = Int(n)
            } else {
                break
            }
        }
        return Statement(kind: .explain(name, scenario: scenario, depth: depth), span: start.to(previous.span))
    }
}
