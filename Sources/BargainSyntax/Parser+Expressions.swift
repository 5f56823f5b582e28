import BargainDiagnostics
import BargainUnits

/// Expressions, by precedence climbing (a Pratt parser: each token's binding power is one row
/// of `infixPrecedence`), and units as written after `in`.
extension Parser {
    // MARK: Expressions

    /// Binding power of each infix operator; higher binds tighter.
    enum Precedence: Int, Comparable {
        case none = 0, convert, or, and, not, comparison, interval, additive, multiplicative, unary, power, postfix
        static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
    }

    func infixPrecedence(_ token: Token) -> Precedence {
        switch token.kind {
        case .keyword(.in): return .convert
        case .keyword(.or): return .or
        case .keyword(.and): return .and
        case .keyword(.to): return .interval
        case .symbol(let s):
            switch s {
            case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return .comparison
            case .plus, .minus: return .additive
            case .star, .slash: return .multiplicative
            case .caret: return .power
            case .lbracket, .dot: return .postfix
            default: return .none
            }
        default: return .none
        }
    }


    mutating func expression(_ minimum: Precedence = .convert) throws(Diagnostic) -> Expr {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Parser.maxDepth {
            throw Diagnostic(.nestingTooDeep, "this expression is nested too deeply", at: current.span,
                             help: "at most \(Parser.maxDepth) levels of brackets and operators; split it with named steps")
        }
        var left = try prefix()
        while true {
            let precedence = infixPrecedence(current)
            if precedence == .none || precedence < minimum { break }
            if precedence == .convert && !allowConvert { break }
            if precedence == .interval && !allowInterval { break }
            left = try infix(left, precedence)
            try checkDepth(left)
        }
        return left
    }

    func checkDepth(_ expr: Expr) throws(Diagnostic) {
        if expr.depth > Parser.maxDepth {
            throw Diagnostic(.nestingTooDeep, "this expression is nested too deeply", at: expr.span,
                             help: "at most \(Parser.maxDepth) levels of operators; split it with named steps")
        }
    }

    mutating func prefix() throws(Diagnostic) -> Expr {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            let number = Expr(.number(value), token.span)
            return try unitSuffix(number)
        case .money(let value):
            advance()
            return Expr(.money(value), token.span)
        case .keyword(.true), .keyword(.false):
            advance()
            return Expr(.boolean(token.kind == .keyword(.true)), token.span)
        case .keyword(.inf):
            advance()
            return Expr(.infinity, token.span)
        case .identifier(let name):
            advance()
            if current.isSymbol(.lparen) && !current.spaceBefore {
                return try call(name, token.span)
            }
            return Expr(.identifier(name), token.span)
        case .symbol(.minus), .symbol(.plus):
            advance()
            let operand = try expression(.unary)
            let op: UnaryOperator = token.kind == .symbol(.minus) ? .negate : .plus
            return Expr(.unary(op, operand), token.span.to(operand.span))
        case .keyword(.not):
            advance()
            let operand = try expression(.not)
            return Expr(.unary(.not, operand), token.span.to(operand.span))
        case .symbol(.lparen):
            advance()
            bracketDepth += 1
            let inner = try withConvert { (p: inout Parser) throws(Diagnostic) in try p.expression() }
            bracketDepth -= 1
            let close = try expect(.rparen, "to close `(`")
            return Expr(inner.kind, token.span.to(close.span))
        case .symbol(.lbracket):
            return try listLiteral()
        case .keyword(.if):
            // An `if` may spread over lines: newlines around `then` and `else` are not statement ends.
            advance()
            skipNewlines()
            let condition = try expression()
            skipNewlines()
            _ = try expect(.then, "after the condition of `if`")
            skipNewlines()
            let yes = try expression()
            skipNewlines()
            _ = try expect(.else, "in `if … then … else …`")
            skipNewlines()
            let no = try expression()
            return Expr(.conditional(condition, yes, no), token.span.to(no.span))
        default:
            throw unexpected("a value")
        }
    }

    mutating func withConvert<T>(_ body: (inout Parser) throws(Diagnostic) -> T) throws(Diagnostic) -> T {
        let saved = (allowConvert, allowInterval)
        allowConvert = true
        allowInterval = true
        defer { (allowConvert, allowInterval) = saved }
        return try body(&self)
    }

    /// `150 staff`, `12%`, `2 h^2`: a unit written right after a number.
    mutating func unitSuffix(_ number: Expr) throws(Diagnostic) -> Expr {
        guard case .identifier(let name) = current.kind, !peek(1).isSymbol(.lparen) || peek(1).spaceBefore else {
            return number
        }
        if peek(1).isSymbol(.assign) || notUnits.contains(name) { return number }
        let unitToken = advance()
        var unit = Expr(.identifier(name), unitToken.span)
        if current.isSymbol(.caret) {
            advance()
            let exponent = try expression(.unary)
            unit = Expr(.binary(.power, unit, exponent), unitToken.span.to(exponent.span))
        }
        return Expr(.withUnit(number, unit), number.span.to(unit.span))
    }

    mutating func call(_ name: String, _ nameSpan: Span) throws(Diagnostic) -> Expr {
        advance()
        bracketDepth += 1
        var arguments: [Expr] = []
        if !current.isSymbol(.rparen) {
            repeat {
                arguments.append(try withConvert { (p: inout Parser) throws(Diagnostic) in try p.expression() })
            } while match(.comma)
        }
        bracketDepth -= 1
        let close = try expect(.rparen, "to close the argument list of `\(name)`")
        return Expr(.call(name: name, nameSpan: nameSpan, arguments: arguments), nameSpan.to(close.span))
    }

    mutating func listLiteral() throws(Diagnostic) -> Expr {
        let open = advance()
        bracketDepth += 1
        skipNewlines()
        var items: [Expr] = []
        while !current.isSymbol(.rbracket) {
            items.append(try withConvert { (p: inout Parser) throws(Diagnostic) in try p.expression() })
            if !match(.comma) { break }
        }
        bracketDepth -= 1
        let close = try expect(.rbracket, items.isEmpty ? "to close the list" : "or `,` in the list")
        return Expr(.list(items), open.span.to(close.span))
    }

    mutating func infix(_ left: Expr, _ precedence: Precedence) throws(Diagnostic) -> Expr {
        let token = advance()
        skipNewlines()  // an operator at the end of a line continues the expression on the next
        switch token.kind {
        case .keyword(.in):
            let unit = try self.unit()
            return Expr(.convert(left, unit), left.span.to(unit.span))
        case .keyword(.or), .keyword(.and):
            let right = try expression(Precedence(rawValue: precedence.rawValue + 1) ?? precedence)
            return Expr(.binary(token.kind == .keyword(.or) ? .or : .and, left, right), left.span.to(right.span))
        case .keyword(.to):
            let right = try expression(.additive)
            return Expr(.interval(left, right), left.span.to(right.span))
        case .symbol(.lbracket):
            bracketDepth += 1
            let index = try withConvert { (p: inout Parser) throws(Diagnostic) in try p.expression() }
            bracketDepth -= 1
            let close = try expect(.rbracket, "to close the index")
            return Expr(.index(left, index), left.span.to(close.span))
        case .symbol(.dot):
            guard case .identifier(let scenario) = left.kind else {
                throw Diagnostic(.badStatement, "only a scenario name can come before `.`", at: left.span,
                                 help: "write `scenario_name.value_name`")
            }
            let name = try identifier("a name after `.`")
            return Expr(.scoped(scenario: scenario, scenarioSpan: left.span, name: name.name, nameSpan: name.span),
                        left.span.to(name.span))
        case .symbol(.caret):
            // Right-associative: 2^3^2 is 2^(3^2). The exponent may carry a sign.
            let right = try expression(.unary)
            return Expr(.binary(.power, left, right), left.span.to(right.span))
        case .symbol(let symbol):
            guard let op = BinaryOperator(rawValue: symbol.rawValue) else { throw unexpected("an operator") }
            let right = try expression(Precedence(rawValue: precedence.rawValue + 1) ?? precedence)
            if op.isComparison, infixPrecedence(current) == .comparison {
                throw Diagnostic(.badStatement, "comparisons do not chain", at: current.span,
                                 help: "write `a < b and b < c`").labelling(token.span, "after this comparison")
            }
            return Expr(.binary(op, left, right), left.span.to(right.span))
        default:
            throw unexpected("an operator")
        }
    }

    // MARK: Units

    /// `$/yr/FTE`, `h/wk`, `visits/wk`, `1/yr`, `staff^2`. Each `/` divides by the factor right after it.
    mutating func unit() throws(Diagnostic) -> UnitSyntax {
        let start = current.span
        var factors: [UnitSyntax.Factor] = []
        var sign = 1
        var first = true
        while true {
            if first, case .number(1) = current.kind {
                advance()
            } else {
                guard case .identifier(let name) = current.kind else {
                    throw unexpected(first ? "a unit, such as `wk` or `$/yr`" : "a unit after `\(previous.text)`")
                }
                let token = advance()
                var exponent = 1
                var end = token.span
                if current.isSymbol(.caret) {
                    advance()
                    let negative = match(.minus)
                    guard case .number(let value) = current.kind, value == value.rounded(), abs(value) < 100 else {
                        throw unexpected("a whole-number power")
                    }
                    end = advance().span
                    exponent = Int(value) * (negative ? -1 : 1)
                }
                factors.append(.init(name: name, exponent: exponent * sign, span: token.span.to(end)))
            }
            first = false
            if match(.slash) { sign = -1 } else if match(.star) { sign = 1 } else { break }
        }
        return UnitSyntax(factors: factors, span: start.to(previous.span))
    }
}
