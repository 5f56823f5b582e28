import BargainDiagnostics

/// Turns source text into tokens. Stops at the first character it cannot read.
struct Lexer {
    let source: Source
    let bytes: [UInt8]
    var position = 0

    init(_ source: Source) {
        self.source = source
        self.bytes = source.bytes
    }

    /// All tokens of the source, ending with `.end`.
    static func tokenize(_ source: Source) throws(Diagnostic) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    /// All tokens, with an `.invalid` token (and its diagnostic) wherever the text cannot be read.
    static func tokenizeRecovering(_ source: Source) -> ([Token], [Diagnostic]) {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        var errors: [Diagnostic] = []
        while true {
            let start = lexer.position
            do {
                let token = try lexer.next()
                tokens.append(token)
                if token.kind == .end { return (tokens, errors) }
            } catch {
                let span = error.primarySpan ?? Span(source, start, start + 1)
                tokens.append(Token(kind: .invalid(errors.count), span: span, spaceBefore: true))
                errors.append(error)
                lexer.position = max(lexer.position, span.end, start + 1)
            }
        }
    }

    mutating func next() throws(Diagnostic) -> Token {
        let skipped = skipSpaceAndComments()
        let start = position
        guard position < bytes.count else {
            return Token(kind: .end, span: Span(source, start, start), spaceBefore: skipped)
        }
        let kind = try scanToken()
        return Token(kind: kind, span: Span(source, start, position), spaceBefore: skipped)
    }

    /// Skips blanks and `#` comments (not newlines, which end statements). Returns whether anything was skipped.
    mutating func skipSpaceAndComments() -> Bool {
        let start = position
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") {
                position += 1
            } else if b == UInt8(ascii: "#") {
                while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
            } else if b == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "\n") {
                position += 2  // an explicit line continuation
            } else {
                break
            }
        }
        return position > start
    }

    /// A digit, or a `.` followed by a digit (`.5`).
    func startsNumber(at i: Int) -> Bool {
        guard i < bytes.count else { return false }
        if isDigit(bytes[i]) { return true }
        return bytes[i] == UInt8(ascii: ".") && i + 1 < bytes.count && isDigit(bytes[i + 1])
    }

    func peek(_ offset: Int = 0) -> UInt8? {
        let i = position + offset
        return i < bytes.count ? bytes[i] : nil
    }

    mutating func scanToken() throws(Diagnostic) -> TokenKind {
        let b = bytes[position]
        if b == UInt8(ascii: "\n") {
            position += 1
            return .newline
        }
        if startsNumber(at: position) {
            return .number(try scanNumber())
        }
        if isIdentifierStart(b) {
            let start = position
            while position < bytes.count, isIdentifierPart(bytes[position]) { position += 1 }
            let word = String(decoding: bytes[start..<position], as: UTF8.self)
            if let keyword = Keyword(rawValue: word) { return .keyword(keyword) }
            return .identifier(word)
        }
        switch b {
        case UInt8(ascii: "$"):
            position += 1
            if startsNumber(at: position) {
                return .money(try scanMoney())
            }
            // `$k`, `$M`, `$B`: money in thousands, millions, billions (as a unit: `in $M/yr`).
            if position < bytes.count, [UInt8(ascii: "k"), UInt8(ascii: "M"), UInt8(ascii: "B")].contains(bytes[position]),
               position + 1 >= bytes.count || !isIdentifierPart(bytes[position + 1]) {
                position += 1
                return .identifier("$" + String(UnicodeScalar(bytes[position - 1])))
            }
            return .identifier("$")
        case UInt8(ascii: "%"):
            position += 1
            return .identifier("%")
        case UInt8(ascii: "\""):
            return .string(try scanString())
        default:
            break
        }
        if let symbol = scanSymbol() { return .symbol(symbol) }
        if let word = scanUnicodeAlias() { return word }
        throw unexpectedCharacter()
    }

    /// `1_000`, `2.5`, `.5`, `1e-3`. A `.` followed by another `.` is a range, not a decimal point.
    mutating func scanNumber(isMoney: Bool = false) throws(Diagnostic) -> Double {
        let start = position
        var text = ""
        func digits(_ lexer: inout Lexer, into text: inout String) {
            while let c = lexer.peek(), isDigit(c) || c == UInt8(ascii: "_") {
                if c != UInt8(ascii: "_") { text.append(Character(Unicode.Scalar(c))) }
                lexer.position += 1
            }
        }
        digits(&self, into: &text)
        if peek() == UInt8(ascii: "."), peek(1) != UInt8(ascii: "."), let n = peek(1), isDigit(n) {
            position += 1
            text.append(".")
            digits(&self, into: &text)
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var look = 1
            if let sign = peek(1), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { look = 2 }
            if let d = peek(look), isDigit(d) {
                text.append("e")
                if look == 2, let sign = peek(1) { text.append(Character(Unicode.Scalar(sign))) }
                position += look
                digits(&self, into: &text)
            }
        }
        if text.hasPrefix(".") { text = "0" + text }
        guard let value = Double(text), value.isFinite else {
            throw Diagnostic(.badNumber, "this number cannot be read", at: Span(source, start, position),
                             help: "write it with digits, `_` separators and an optional decimal point")
        }
        if !isMoney, let suffix = moneySuffix(at: position) {
            let end = position + suffix.count
            throw Diagnostic(.badNumber, "`\(suffix)` scales money only", at: Span(source, start, end),
                             help: "write `$\(source.slice(start..<end))` for money, or the number in full")
        }
        return value
    }

    /// The `k`, `M` or `B` right after a number, when it is a whole word.
    func moneySuffix(at offset: Int) -> String? {
        guard offset < bytes.count else { return nil }
        let c = bytes[offset]
        guard c == UInt8(ascii: "k") || c == UInt8(ascii: "K") || c == UInt8(ascii: "M") || c == UInt8(ascii: "B")
        else { return nil }
        if offset + 1 < bytes.count, isIdentifierPart(bytes[offset + 1]) { return nil }
        return String(Character(Unicode.Scalar(c)))
    }

    /// `$150k`, `$1.5M`, `$67B`, `$12,5` is not money: commas separate list items.
    mutating func scanMoney() throws(Diagnostic) -> Double {
        var value = try scanNumber(isMoney: true)
        if let suffix = moneySuffix(at: position) {
            switch suffix {
            case "k", "K": value *= 1e3
            case "M": value *= 1e6
            default: value *= 1e9
            }
            position += 1
        }
        return value
    }

    mutating func scanString() throws(Diagnostic) -> String {
        let start = position
        position += 1
        var out: [UInt8] = []
        while position < bytes.count {
            let c = bytes[position]
            if c == UInt8(ascii: "\"") {
                position += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c == UInt8(ascii: "\n") { break }
            if c == UInt8(ascii: "\\"), let n = peek(1) {
                out.append(n == UInt8(ascii: "n") ? UInt8(ascii: "\n") : n)
                position += 2
                continue
            }
            out.append(c)
            position += 1
        }
        throw Diagnostic(.unterminatedString, "this string is not closed", at: Span(source, start, position),
                         help: "end it with `\"` on the same line")
    }

    mutating func scanSymbol() -> Symbol? {
        let two: [(String, Symbol)] = [("==", .equal), ("!=", .notEqual), ("<=", .lessEqual), (">=", .greaterEqual), ("..", .dotdot)]
        for (text, symbol) in two where matches(text) {
            position += 2
            return symbol
        }
        guard let symbol = Symbol(rawValue: String(Character(Unicode.Scalar(bytes[position])))) else { return nil }
        position += 1
        return symbol
    }

    func matches(_ text: String) -> Bool {
        var i = position
        for b in text.utf8 {
            guard i < bytes.count, bytes[i] == b else { return false }
            i += 1
        }
        return true
    }

    /// A few Unicode signs people paste from documents: `∞`, `×`, `·`, `−`, `≤`, `≥`, `≠`.
    mutating func scanUnicodeAlias() -> TokenKind? {
        let aliases: [(String, TokenKind)] = [
            ("∞", .keyword(.inf)), ("×", .symbol(.star)), ("·", .symbol(.star)), ("−", .symbol(.minus)),
            ("≤", .symbol(.lessEqual)), ("≥", .symbol(.greaterEqual)), ("≠", .symbol(.notEqual)), ("÷", .symbol(.slash)),
        ]
        for (text, kind) in aliases where matches(text) {
            position += text.utf8.count
            return kind
        }
        return nil
    }

    mutating func unexpectedCharacter() -> Diagnostic {
        let start = position
        var end = position + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let text = source.slice(start..<end)
        let scalar = text.unicodeScalars.first
        let shown: String
        if let scalar, scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{FFFD}" {
            shown = scalar == "\u{FFFD}" ? "byte that is not UTF-8 text" : "control character U+" + hex(scalar.value, width: 4, uppercase: true)
        } else {
            shown = "`\(text)`"
        }
        var help: String? = nil
        if text == "'" { help = "strings use double quotes" }
        if text == "&" || text == "|" { help = "write `and` / `or`" }
        if text == "!" { help = "write `not`" }
        return Diagnostic(.unexpectedCharacter, "unexpected \(shown)", at: Span(source, start, end), help: help)
    }
}

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
@inline(__always) func isIdentifierStart(_ b: UInt8) -> Bool {
    (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95
}
@inline(__always) func isIdentifierPart(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }
