import BargainDiagnostics

/// Statements: definitions, functions, scenario blocks, `use`, `require`, and the analysis
/// statements (in Parser+Analysis.swift); anything else is an expression to show.
extension Parser {
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
        case .identifier("chart") where peek(1).isIdentifier:
            return try chartStatement()
        case .identifier("import") where { if case .string = peek(1).kind { true } else { false } }():
            advance()
            guard case .string(let path) = current.kind else { throw unexpected("a file name in double quotes") }
            let pathToken = advance()
            return Statement(kind: .importFile(path, pathSpan: pathToken.span), span: start.to(pathToken.span))
        case .identifier("reset") where peek(1).isIdentifier && !peek(2).isSymbol(.assign) && !peek(2).isSymbol(.dot):
            advance()
            let name = try identifier("the scenario to reset")
            return Statement(kind: .reset(name), span: start.to(name.span))
        case .identifier("precision") where { if case .number = peek(1).kind { true } else { false } }():
            advance()
            let digits = try expression()
            return Statement(kind: .precision(digits), span: start.to(digits.span))
        case .identifier("unit") where peek(1).isIdentifier && peek(2).isSymbol(.assign):
            advance()
            let name = try identifier("the unit's name")
            advance()
            let size = try expression()
            return Statement(kind: .unit(name, size), span: start.to(size.span))
        case .identifier("unit") where peek(1).isIdentifier && (peek(2).kind == .newline || peek(2).kind == .end):
            advance()
            let name = try identifier("the unit's name")
            return Statement(kind: .unit(name, nil), span: start.to(name.span))
        case .identifier("optimize") where peek(1).isIdentifier:
            return try optimizeStatement()
        case .identifier("frontier") where peek(1).isIdentifier:
            return try frontierStatement()
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
        if base == nil, match(.assign) {
            guard case .identifier(let cell) = current.kind, cell.first == "_" else {
                throw unexpected("`_` or `_N`: `scenario best = _` makes a scenario of the levers an `optimize` or `solve` found")
            }
            let token = advance()
            return Statement(kind: .scenarioFromCell(name, cell: Identifier(name: cell, span: token.span)), span: start.to(token.span))
        }
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
}
