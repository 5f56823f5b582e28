import BargainDiagnostics

/// Builds statements from tokens: a Pratt parser for expressions, recursive descent for statements.
///
/// Newlines end statements, except inside `(…)` and `[…]`; inside `{…}` they separate definitions.
package struct Parser {
    var tokens: [Token]
    var position = 0
    /// Open `(` and `[`: newlines inside them are not statement ends.
    var bracketDepth = 0
    /// How deep the expression parser has recursed.
    var nesting = 0
    /// Errors the lexer met, reported when the parser reaches their `.invalid` token.
    var lexErrors: [Diagnostic] = []
    /// Whether `in` converts units here; a `solve … in A..B` range turns it off.
    var allowConvert = true
    /// Whether `a to b` is an uncertain value here; `sweep x from a to b` turns it off.
    var allowInterval = true
    /// Words that end a number instead of being read as its unit: `0..5 points 20` in a
    /// `frontier`, `0..10 such that …` in an `optimize`.
    var notUnits: Set<String> = []

    /// Deeper trees are refused: later passes walk them recursively.
    static let maxDepth = 400

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    /// Parses a whole source into statements.
    package static func parse(_ source: Source) throws(Diagnostic) -> [Statement] {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        return try parser.parseProgram()
    }

    /// Parses a source holding exactly one expression (a sweep value, a batch cell).
    package static func parseExpression(_ source: Source) throws(Diagnostic) -> Expr {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        parser.skipNewlines()
        let expr = try parser.expression()
        parser.skipNewlines()
        try parser.expectEnd()
        return expr
    }

    /// Parses `a, b, c`: a list of expressions.
    package static func parseExpressionList(_ source: Source) throws(Diagnostic) -> [Expr] {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        let list = try parser.expressionList()
        try parser.expectEnd()
        return list
    }

    /// Parses a source holding one unit, as in a header `return_wait[bd]`.
    package static func parseUnit(_ source: Source) throws(Diagnostic) -> UnitSyntax {
        var parser = Parser(tokens: try Lexer.tokenize(source))
        let unit = try parser.unit()
        try parser.expectEnd()
        return unit
    }

    /// Parses statement by statement; after an error, skips to the next line outside brackets and
    /// goes on, so one typo does not hide the rest of a file.
    package static func parseRecovering(_ source: Source) -> [Result<Statement, Diagnostic>] {
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
}
