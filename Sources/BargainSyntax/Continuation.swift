import BargainDiagnostics

/// Whether an entry typed so far is unfinished, so the REPL should read another line: a bracket
/// or brace still open, a line ending in an operator, `=`, `,`, `then` or `else`, an `if` still
/// waiting for its `else`, or a trailing `\\`.
package func needsContinuation(_ text: String) -> Bool {
    let trimmed = text.trimmingCharacters(in: " \t\n")
    if trimmed.hasSuffix("\\") { return true }
    let (tokens, _) = Lexer.tokenizeRecovering(Source(name: "<entry>", text: text))
    var depth = 0
    var openIfs = 0
    var last: TokenKind? = nil
    for token in tokens {
        switch token.kind {
        case .symbol(.lparen), .symbol(.lbracket), .symbol(.lbrace): depth += 1
        case .symbol(.rparen), .symbol(.rbracket), .symbol(.rbrace): depth -= 1
        case .keyword(.if): openIfs += 1
        case .keyword(.else): openIfs -= 1
        case .symbol(.semicolon): openIfs = 0
        default: break
        }
        if token.kind != .newline && token.kind != .end { last = token.kind }
    }
    // Past the parser's nesting limit the entry cannot parse anyway: end it and say so.
    if depth > Parser.maxDepth { return false }
    if depth > 0 || openIfs > 0 { return true }
    switch last {
    case .symbol(let symbol):
        switch symbol {
        case .plus, .minus, .star, .slash, .caret, .comma, .assign, .equal, .notEqual,
             .less, .lessEqual, .greater, .greaterEqual: return true
        default: return false
        }
    case .keyword(let keyword):
        return [.then, .else, .and, .or, .not, .if, .to].contains(keyword)
    default:
        return false
    }
}
