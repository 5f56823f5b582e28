/// Whether an entry typed so far is unfinished: a bracket or brace still open, or a trailing `\`.
/// The REPL keeps reading lines while this is true.
public func needsContinuation(_ text: String) -> Bool {
    let trimmed = text.trimmingCharacters(in: " \t\n")
    if trimmed.hasSuffix("\\") { return true }
    let (tokens, _) = Lexer.tokenizeRecovering(Source(name: "<entry>", text: text))
    var depth = 0
    for token in tokens {
        switch token.kind {
        case .symbol(.lparen), .symbol(.lbracket), .symbol(.lbrace): depth += 1
        case .symbol(.rparen), .symbol(.rbracket), .symbol(.rbrace): depth -= 1
        default: break
        }
    }
    return depth > 0
}
