import BargainDiagnostics

/// The words the language reserves. A name cannot be one of these.
package enum Keyword: String, CaseIterable, Sendable {
    case fn, `if`, then, `else`, and, or, not, `in`, to
    case scenario, from, use, require
    case compare, sweep, solve, explain, diff, sensitivity, simulate, seed, step, so
    case watch, unwatch
    case inf, `true`, `false`
}

/// Punctuation and operators.
enum Symbol: String, CaseIterable, Sendable {
    case plus = "+", minus = "-", star = "*", slash = "/", caret = "^"
    case lparen = "(", rparen = ")", lbracket = "[", rbracket = "]", lbrace = "{", rbrace = "}"
    case comma = ",", colon = ":", semicolon = ";", assign = "=", dot = ".", dotdot = ".."
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

enum TokenKind: Equatable, Sendable {
    /// A plain number, `1_000.5`, `2e6`.
    case number(Double)
    /// A money literal with its scale applied: `$150k` is 150,000.
    case money(Double)
    /// A name or a unit (`therapists`, `staff`, `$`, `%`): which one is decided by meaning, not spelling.
    case identifier(String)
    case keyword(Keyword)
    case string(String)
    case symbol(Symbol)
    case newline
    case end
    /// Text the lexer could not read; the parser reports the lexer's error when it reaches it.
    case invalid(Int)
}

struct Token: Sendable {
    let kind: TokenKind
    let span: Span
    /// True when whitespace or a comment came right before this token; `12 %` and `12%` differ only in this.
    let spaceBefore: Bool

    var text: String { span.text }

    func isSymbol(_ symbol: Symbol) -> Bool { kind == .symbol(symbol) }
    func isKeyword(_ keyword: Keyword) -> Bool { kind == .keyword(keyword) }
    var isIdentifier: Bool { if case .identifier = kind { return true } else { return false } }
}

extension TokenKind {
    /// How a token is named in "expected …, found …" messages.
    var describe: String {
        switch self {
        case .number: return "a number"
        case .money: return "an amount of money"
        case .identifier(let name): return "`\(name)`"
        case .keyword(let keyword): return "`\(keyword.rawValue)`"
        case .string: return "a string"
        case .symbol(let symbol): return "`\(symbol.rawValue)`"
        case .newline: return "the end of the line"
        case .end: return "the end of the input"
        case .invalid: return "text that cannot be read"
        }
    }
}
