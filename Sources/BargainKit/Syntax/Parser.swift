/// Builds statements from tokens: a Pratt parser for expressions, recursive descent for statements.
///
/// Newlines end statements, except inside `(…)` and `[…]`; inside `{…}` they separate definitions.
public struct Parser {
    var tokens: [Token]
    var position = 0
    /// Open `(` and `[`: newlines inside them are not statement ends.
    var bracketDepth = 0
    /// How deep the expression parser has recursed.
    var nesting = 0
    /// Errors the lexer met, reported when the parser reaches their `.invalid` token.
    var lexErrors: [Diagnostic] = []

    /// Deeper trees are refused: later passes walk them recursively.
    public static let maxDepth = 400

    public init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses a whole source into statements.
    public static func parse(_ source: Source) throws(Diagnostic) -> [Statement] {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        return try parser.parseProgram()
    }

    /// Parses a source holding exactly one expression (a sweep value, a batch cell).
    public static func parseExpression(_ source: Source) throws(Diagnostic) -> Expr {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        parser.skipNewlines()
        let expr = try parser.expression()
        parser.skipNewlines()
        try parser.expectEnd()
        return expr
    }

    /// Parses `a, b, c`: a list of expressions.
    public static func parseExpressionList(_ source: Source) throws(Diagnostic) -> [Expr] {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        let list = try parser.expressionList()
        try parser.expectEnd()
        return list
    }

    /// Parses a source holding one unit, as in a header `return_wait[bd]`.
    public static func parseUnit(_ source: Source) throws(Diagnostic) -> UnitSyntax {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        let unit = try parser.unit()
        try parser.expectEnd()
        return unit
    }

    /// Parses statement by statement; after an error, skips to the next line outside brackets and
    /// goes on, so one typo does not hide the rest of a file.
    public static func parseRecovering(_ source: Source) -> [Result<Statement, Diagnostic>] {
        let (tokens, errors) = Lexer.tokenizeRecovering(source)
        var parser = Parser(tokens: tokens)
        parser.lexErrors = errors
        var results: [Result<Statement, Diagnostic>] = []
        while true {
            parser.skipSeparators()
            if parser.current.kind == .end { return results }
            let start = parser.position
            do {
                let statement = try parser.statement()
                try parser.expectStatementEnd()
                results.append(.success(statement))
            } catch {
                results.append(.failure(error))
                parser.recover(from: start)
            }
        }
    }

    /// Moves past the statement that began at `start`: to the first newline outside brackets
    /// after the current position.
    mutating func recover(from start: Int) {
        bracketDepth = 0
        nesting = 0
        var depth = 0
        var i = start
        while i < tokens.count - 1 {
            switch tokens[i].kind {
            case .symbol(.lparen), .symbol(.lbracket), .symbol(.lbrace): depth += 1
            case .symbol(.rparen), .symbol(.rbracket), .symbol(.rbrace): depth -= 1
            case .newline where depth <= 0 && i >= position: position = i; return
            default: break
            }
            i += 1
        }
        position = tokens.count - 1
    }

    mutating func parseProgram() throws(Diagnostic) -> [Statement] {
        var statements: [Statement] = []
        while true {
            skipSeparators()
            if current.kind == .end { return statements }
            statements.append(try statement())
            try expectStatementEnd()
        }
    }

    // MARK: Tokens

    var current: Token { tokens[position] }
    var previous: Token { tokens[max(0, position - 1)] }

    func peek(_ offset: Int) -> Token { tokens[min(position + offset, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        if bracketDepth > 0 { skipNewlines() }
        return token
    }

    mutating func skipNewlines() {
        while current.kind == .newline, position < tokens.count - 1 { position += 1 }
    }

    mutating func skipSeparators() {
        while current.kind == .newline || current.isSymbol(.semicolon), position < tokens.count - 1 { position += 1 }
    }

    mutating func match(_ symbol: Symbol) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        advance()
        return true
    }

    mutating func match(_ keyword: Keyword) -> Bool {
        guard current.isKeyword(keyword) else { return false }
        advance()
        return true
    }

    mutating func expect(_ symbol: Symbol, _ context: String) throws(Diagnostic) -> Token {
        guard current.isSymbol(symbol) else { throw unexpected("`\(symbol.rawValue)` \(context)") }
        return advance()
    }

    mutating func expect(_ keyword: Keyword, _ context: String) throws(Diagnostic) -> Token {
        guard current.isKeyword(keyword) else { throw unexpected("`\(keyword.rawValue)` \(context)") }
        return advance()
    }

    mutating func identifier(_ what: String) throws(Diagnostic) -> Identifier {
        switch current.kind {
        case .identifier(let name):
            let token = advance()
            return Identifier(name: name, span: token.span)
        case .keyword(let keyword):
            throw Diagnostic(.reservedName, "`\(keyword.rawValue)` is a keyword, not a name", at: current.span,
                             help: "pick another name, such as `\(keyword.rawValue)_`")
        default:
            throw unexpected(what)
        }
    }

    func expectEnd() throws(Diagnostic) {
        guard current.kind == .end else { throw unexpected("the end of the input") }
    }

    func expectStatementEnd() throws(Diagnostic) {
        switch current.kind {
        case .newline, .end, .symbol(.semicolon): return
        default: throw unexpected("the end of the statement")
        }
    }

    func unexpected(_ expected: String) -> Diagnostic {
        if case .invalid(let index) = current.kind, index < lexErrors.count { return lexErrors[index] }
        let found = current.kind.describe
        var help: String? = nil
        if case .identifier(let name) = current.kind, previous.kind != .newline {
            help = "a statement ends at the end of the line; did you leave out an operator before `\(name)`?"
        }
        let before = tokens[..<position].last { $0.kind != .newline } ?? current
        let source = current.span.source
        let onNewLine = source.lineIndex(of: current.span.start) > source.lineIndex(of: max(before.span.start, before.span.end - 1))
        if let open = unclosedBracket(), current.kind == .end || current.kind == .newline || (onNewLine && open.text != "{") {
            return Diagnostic(.unclosedBracket, "`\(open.text)` is never closed", at: open.span,
                              label: "opened here", help: "add the matching `\(closing(open.text))`")
                .labelling(current.span, "expected \(expected)")
        }
        return Diagnostic(.unexpectedToken, "expected \(expected), found \(found)", at: current.span, help: help)
    }

    /// The innermost bracket still open before the current token, if any.
    func unclosedBracket() -> Token? {
        var stack: [Token] = []
        for token in tokens[..<position] {
            switch token.kind {
            case .symbol(.lparen), .symbol(.lbracket), .symbol(.lbrace): stack.append(token)
            case .symbol(.rparen), .symbol(.rbracket), .symbol(.rbrace): _ = stack.popLast()
            default: break
            }
        }
        return stack.last
    }

    func closing(_ open: String) -> String {
        switch open {
        case "(": return ")"
        case "[": return "]"
        default: return "}"
        }
    }

    // MARK: Statements

    mutating func statement() throws(Diagnostic) -> Statement {
        let start = current.span
        switch current.kind {
        case .keyword(.fn):
            return try functionDefinition()
        case .keyword(.scenario):
            return try scenarioBlock()
        case .keyword(.use):
            advance()
            let name = try identifier("a scenario name after `use`")
            return Statement(kind: .use(name), span: start.to(name.span))
        case .keyword(.require):
            advance()
            let condition = try expression()
            var message: String? = nil
            if match(.else) {
                guard case .string(let text) = current.kind else { throw unexpected("a message in double quotes") }
                message = text
                advance()
            }
            return Statement(kind: .require(condition, message: message), span: start.to(previous.span))
        case .keyword(.compare):
            return try compareStatement()
        case .keyword(.explain):
            return try explainStatement()
        case .keyword(.watch), .keyword(.unwatch):
            let watch = current.isKeyword(.watch)
            advance()
            let outputs = try expressionList()
            return Statement(kind: watch ? .watch(outputs) : .unwatch(outputs), span: start.to(previous.span))
        case .keyword(.sweep):
            return try sweepStatement()
        case .keyword(.solve):
            return try solveStatement()
        case .keyword(.diff):
            return try diffStatement()
        case .keyword(.sensitivity):
            return try sensitivityStatement()
        case .keyword(.simulate):
            return try simulateStatement()
        case .identifier(let name) where peek(1).isSymbol(.assign):
            let nameToken = advance()
            advance()
            skipNewlines()
            let value = try expression()
            return Statement(kind: .define(Identifier(name: name, span: nameToken.span), value), span: start.to(value.span))
        case .keyword(let keyword) where peek(1).isSymbol(.assign):
            throw Diagnostic(.reservedName, "`\(keyword.rawValue)` is a keyword, not a name", at: current.span,
                             help: "pick another name, such as `\(keyword.rawValue)_`")
        default:
            let value = try expression()
            if current.isSymbol(.assign) {
                throw Diagnostic(.badStatement, "only a name can be defined", at: value.span.to(current.span),
                                 help: "write `name = expression`; to compare values use `==`")
            }
            return Statement(kind: .evaluate(value), span: value.span)
        }
    }

    mutating func functionDefinition() throws(Diagnostic) -> Statement {
        let start = advance().span
        let name = try identifier("a function name after `fn`")
        _ = try expect(.lparen, "after the function name")
        bracketDepth += 1
        var parameters: [Identifier] = []
        if !current.isSymbol(.rparen) {
            repeat {
                let parameter = try identifier("a parameter name")
                if parameters.contains(where: { $0.name == parameter.name }) {
                    throw Diagnostic(.duplicateName, "parameter `\(parameter.name)` appears twice", at: parameter.span)
                }
                parameters.append(parameter)
            } while match(.comma)
        }
        bracketDepth -= 1
        _ = try expect(.rparen, "to close the parameter list")
        _ = try expect(.assign, "before the function body")
        skipNewlines()
        let body = try expression()
        return Statement(kind: .function(name, parameters: parameters, body: body), span: start.to(body.span))
    }

    mutating func scenarioBlock() throws(Diagnostic) -> Statement {
        let start = advance().span
        let name = try identifier("a scenario name")
        var base: Identifier? = nil
        if match(.from) { base = try identifier("the scenario to start from") }
        var body: [Statement] = []
        if current.isSymbol(.lbrace) {
            advance()
            while true {
                skipSeparators()
                if current.isSymbol(.rbrace) { break }
                if current.kind == .end { throw unexpected("`}` to close the scenario") }
                let inner = try statement()
                switch inner.kind {
                case .define, .function: body.append(inner)
                default:
                    throw Diagnostic(.badStatement, "a scenario holds definitions only", at: inner.span,
                                     help: "write `name = expression` lines between the braces")
                }
                if !current.isSymbol(.rbrace) { try expectStatementEnd() }
            }
            advance()
        }
        return Statement(kind: .scenario(name, base: base, body: body), span: start.to(previous.span))
    }

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

    /// Whether `in` converts units here; a `solve … in A..B` range turns it off.
    var allowConvert = true
    /// Whether `a to b` is an uncertain value here; `sweep x from a to b` turns it off.
    var allowInterval = true

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
        if peek(1).isSymbol(.assign) { return number }
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
