import BargainDiagnostics
import BargainUnits

/// The analysis statements: `compare`, `explain`, `watch`, `sweep`, `solve`, `diff`,
/// `sensitivity`, `simulate`.
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

    /// `explain name`, `explain name in SCENARIO`, `explain SCENARIO.name`, `explain name depth 2`.
    mutating func explainStatement() throws(Diagnostic) -> Statement {
        let start = advance().span
        var name = try identifier("the name to explain")
        var scenario: Identifier? = nil
        var depth: Int? = nil
        if match(.dot) {
            scenario = name
            name = try identifier("a name after `\(name.name).`")
        }
        while true {
            if match(.in) {
                scenario = try identifier("a scenario name after `in`")
            } else if case .identifier("depth") = current.kind {
                advance()
                if case .number(let n) = current.kind, n < 1 {
                    throw Diagnostic(.badStatement, "`depth` counts the levels of formulas shown below the name: 1 or more", at: current.span,
                                     help: "`explain \(name.name)` alone shows the whole tree")
                }
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

    /// `a, b, c` up to the end of the statement (possibly none).
    mutating func expressionList() throws(Diagnostic) -> [Expr] {
        var items: [Expr] = []
        guard !atStatementEnd else { return items }
        repeat {
            items.append(try expression())
        } while match(.comma)
        return items
    }

    var atStatementEnd: Bool {
        switch current.kind {
        case .newline, .end, .symbol(.semicolon): return true
        default: return false
        }
    }

    /// An expression in which `to`, `in` and `step` end it rather than continue it (and, from
    /// `.additive` up, comparisons too).
    mutating func bound(_ minimum: Precedence = .convert) throws(Diagnostic) -> Expr {
        let saved = (allowConvert, allowInterval)
        allowConvert = false
        allowInterval = false
        defer { (allowConvert, allowInterval) = saved }
        return try expression(minimum)
    }

    /// `: out1, out2` after a statement's head.
    mutating func outputs(_ statement: String) throws(Diagnostic) -> [Expr] {
        guard match(.colon) else { throw unexpected("`:` and the outputs of `\(statement)`") }
        let list = try expressionList()
        if list.isEmpty { throw unexpected("an output after `:`") }
        return list
    }

    mutating func sweepStatement() throws(Diagnostic) -> Statement {
        let start = advance().span
        var axes: [SweepAxis] = []
        repeat {
            let input = try identifier("the input to sweep")
            if match(.in) {
                guard current.isSymbol(.lbracket) else { throw unexpected("a list of values, such as `[0 staff, 150 staff]`") }
                axes.append(SweepAxis(input: input, values: .list(try expression())))
            } else {
                _ = try expect(.from, "or `in` after the input: `sweep x from A to B step S` or `sweep x in [a, b]`")
                let from = try bound()
                _ = try expect(.to, "in `from A to B`")
                let to = try bound()
                _ = try expect(.step, "after `from A to B`")
                let step = try bound()
                axes.append(SweepAxis(input: input, values: .range(from: from, to: to, step: step)))
            }
        } while match(.comma)
        if axes.count > 2 {
            throw Diagnostic(.badStatement, "a sweep varies one input, or two for a grid", at: start.to(previous.span))
        }
        let outputs = try self.outputs("sweep")
        return Statement(kind: .sweep(axes, outputs: outputs), span: start.to(previous.span))
    }

    mutating func solveStatement() throws(Diagnostic) -> Statement {
        let start = advance().span
        let input = try identifier("the input to solve for")
        _ = try expect(.so, "in `solve x so output = target`")
        let output = try bound(.additive)
        let relation: SolveRelation
        if match(.assign) || match(.equal) {
            relation = .equal
        } else if match(.lessEqual) {
            relation = .atMost
        } else if match(.greaterEqual) {
            relation = .atLeast
        } else {
            throw unexpected("`=`, `<=` or `>=` after the output")
        }
        let target = try bound()
        var range: (Expr, Expr)? = nil
        if match(.in) {
            let low = try bound()
            _ = try expect(.dotdot, "in the range `A..B`")
            let high = try bound()
            range = (low, high)
        }
        return Statement(kind: .solve(input, output: output, relation: relation, target: target, range: range),
                         span: start.to(previous.span))
    }

    mutating func diffStatement() throws(Diagnostic) -> Statement {
        let start = advance().span
        let first = try identifier("two scenarios to tell apart")
        _ = match(.comma)
        let second = try identifier("a second scenario")
        let outputs = current.isSymbol(.colon) ? try self.outputs("diff") : []
        return Statement(kind: .diff(first, second, outputs: outputs), span: start.to(previous.span))
    }

    mutating func sensitivityStatement() throws(Diagnostic) -> Statement {
        let start = advance().span
        var output = try expression()
        var scenario: Identifier? = nil
        // `return_wait in employer_2025` reads as a conversion to a unit; a name that is no unit
        // is the scenario to ask in, as `explain … in SCENARIO` has it.
        if case .convert(let inner, let unit) = output.kind, unit.factors.count == 1, unit.factors[0].exponent == 1,
           Units.lookup(unit.factors[0].name) == nil, Units.aliases[unit.factors[0].name] == nil {
            scenario = Identifier(name: unit.factors[0].name, span: unit.factors[0].span)
            output = inner
        }
        var over: [Identifier] = []
        var by: Expr? = nil
        var global: (samples: Expr, seed: Expr?, span: Span)? = nil
        while true {
            if match(.in) {
                scenario = try identifier("a scenario name after `in`")
            } else if case .identifier("global") = current.kind {
                let word = advance().span
                guard case .identifier("samples") = current.kind else { throw unexpected("`samples N` after `global`, such as `global samples 10000`") }
                advance()
                global = (try bound(), global?.seed, word)
            } else if global != nil, match(.seed) {
                global?.seed = try bound()
            } else if case .identifier("over") = current.kind {
                advance()
                repeat {
                    over.append(try identifier("an input name"))
                } while match(.comma)
            } else if case .identifier("by") = current.kind {
                advance()
                by = try expression()
            } else {
                break
            }
        }
        if let global {
            if !over.isEmpty || by != nil {
                throw Diagnostic(.badStatement, "`global` sensitivity varies every uncertain input over its distribution: it takes no `over` or `by`",
                                 at: global.span, help: "`sensitivity \(output.span.text) global samples 10000`, or without `global` for ±10% moves")
            }
            return Statement(kind: .globalSensitivity(output, samples: global.samples, seed: global.seed, scenario: scenario),
                             span: start.to(previous.span))
        }
        return Statement(kind: .sensitivity(output, over: over, by: by, scenario: scenario), span: start.to(previous.span))
    }

    /// `chart staff_by_week`, `chart cut.return_backlog_by_week, return_wait_by_year from 5 bd`.
    /// `chart` is a word only at the start of a statement and before a name, so a model may
    /// still define `chart = …`.
    mutating func chartStatement() throws(Diagnostic) -> Statement {
        let start = advance().span
        var series: [Expr] = []
        repeat {
            series.append(try expression())
        } while match(.comma)
        var floor: Expr? = nil
        if match(.from) { floor = try expression() }
        return Statement(kind: .chart(series, from: floor), span: start.to(previous.span))
    }

    mutating func simulateStatement() throws(Diagnostic) -> Statement {
        let start = advance().span
        let count = try bound()
        var seed: Expr? = nil
        if match(.seed) { seed = try bound() }
        let outputs = try self.outputs("simulate")
        return Statement(kind: .simulate(count: count, seed: seed, outputs: outputs), span: start.to(previous.span))
    }
}
