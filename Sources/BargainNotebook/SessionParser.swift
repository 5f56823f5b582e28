import BargainDiagnostics

/// Reads a session file. Anything malformed (not text, a bad or unknown header, a stray line, a
/// file cut short) is a `badSession` diagnostic pointing at the line, never a crash.
package struct SessionParser {
    let source: Source
    /// Lines without their newline (and without a `\r` before it).
    let lines: [Substring]

    /// Parses `bytes`, read from the file named `name`.
    package static func parse(_ bytes: [UInt8], name: String) throws(Diagnostic) -> SessionFile {
        let source = Source(name: name, text: String(decoding: bytes, as: UTF8.self))
        try checkText(bytes, source)
        return try SessionParser(source: source).parse()
    }

    package static func parse(_ text: String, name: String) throws(Diagnostic) -> SessionFile {
        try parse(Array(text.utf8), name: name)
    }

    init(source: Source) {
        self.source = source
        var lines = (0..<source.lineStarts.count).map { Substring(source.slice(source.lineRange($0))) }
        if lines.last?.isEmpty == true { lines.removeLast() }
        self.lines = lines
    }

    // MARK: Errors

    /// An error on line `index` (0-based), under the whole line or from `column` on.
    func error(_ index: Int, _ message: String, from column: Int = 0, help: String? = nil) -> Diagnostic {
        let clamped = max(0, min(index, source.lineStarts.count - 1))
        let range = source.lineRange(clamped)
        let start = min(range.lowerBound + column, range.upperBound)
        return Diagnostic(.badSession, message, at: Span(source, start, max(start + 1, range.upperBound)), help: help)
    }

    /// Binary data has no business in a session: refuse bytes that are not UTF-8, and control
    /// characters other than tab, naming the first line that has them.
    static func checkText(_ bytes: [UInt8], _ source: Source) throws(Diagnostic) {
        var lineStart = 0
        var index = 0
        var line = 0
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
                let content = bytes[lineStart..<index]
                if let problem = textProblem(content) {
                    let parser = SessionParser(source: source)
                    throw parser.error(line, "line \(line + 1) is not text: \(problem)",
                                       help: "a session file is UTF-8 text; this looks like binary data or a damaged file")
                }
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
    }

    static func textProblem(_ line: ArraySlice<UInt8>) -> String? {
        var body = line
        if body.last == UInt8(ascii: "\r") { body = body.dropLast() }
        for byte in body where (byte < 0x20 && byte != UInt8(ascii: "\t")) || byte == 0x7F {
            return "it holds the control byte 0x" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }
        if String(validating: body, as: UTF8.self) == nil { return "it is not valid UTF-8" }
        return nil
    }

    // MARK: Structure

    func parse() throws(Diagnostic) -> SessionFile {
        guard !lines.isEmpty else {
            throw error(0, "the file is empty", help: "a session file starts with `bargain session \(SessionHeader.formatVersion)`")
        }
        var (header, index) = try parseHeader()
        var items: [SessionFile.Item] = []
        var entry: EntryBuilder?
        while index < lines.count {
            let line = lines[index]
            if line.isEmpty {
                SessionParser.finish(&entry, into: &items)
            } else if line == Substring(SessionWriter.trailer) {
                SessionParser.finish(&entry, into: &items)
                if let extra = lines[(index + 1)...].firstIndex(where: { !$0.allSatisfy { $0 == " " || $0 == "\t" } }) {
                    throw error(extra, "text after `\(SessionWriter.trailer)`", help: "the end line must be the file's last")
                }
                return SessionFile(header: header, items: items)
            } else if line.hasPrefix("  ") {
                try entryLine(line.dropFirst(2), at: index, into: &entry, items: &items)
            } else if line.first == " " || line.first == "\t" {
                throw error(index, "lines of an entry are indented by exactly two spaces",
                            help: "notes start at the left margin; inputs (`  [1]> …`) and output lines start with two spaces")
            } else {
                SessionParser.finish(&entry, into: &items)
                items.append(.note(String(line)))
            }
            index += 1
        }
        let last = lines.count - 1
        throw error(last, "the session ends at line \(last + 1) without `\(SessionWriter.trailer)`: the file is cut short",
                    help: "a session file ends with the line `\(SessionWriter.trailer)`; if it was cut short, what followed is lost")
    }

    /// One line inside an entry, without its two-space indent: an input, a continuation, or output.
    func entryLine(_ rest: Substring, at index: Int, into entry: inout EntryBuilder?,
                   items: inout [SessionFile.Item]) throws(Diagnostic) {
        switch SessionParser.marker(rest) {
        case .prompt(let number, let text)?:
            SessionParser.finish(&entry, into: &items)
            entry = EntryBuilder(number: number, input: [String(text)], line: index + 1, lines: [String(lines[index])])
        case .continuation(let text)?:
            guard entry != nil, entry?.output.isEmpty == true else {
                throw error(index, "a continuation `...>` must follow an input line", from: 2)
            }
            entry?.input.append(String(text))
            entry?.lines.append(String(lines[index]))
        case nil:
            guard entry != nil else {
                throw error(index, "an output line with no input above it", from: 2,
                            help: "output follows its input (`  [1]> …`) with no blank line between")
            }
            entry?.output.append(rest.first == "|" ? String(rest.dropFirst()) : String(rest))
            entry?.lines.append(String(lines[index]))
        }
    }

    static func finish(_ entry: inout EntryBuilder?, into items: inout [SessionFile.Item]) {
        if let built = entry?.build() { items.append(.entry(built)) }
        entry = nil
    }

    /// What starts an indented line, if it is an input line.
    enum Marker {
        case prompt(Int?, Substring)
        case continuation(Substring)
    }

    /// `[3]> text`, `> text` or `...> text` (the space after the marker is optional when
    /// nothing follows it); nil for output.
    static func marker(_ rest: Substring) -> Marker? {
        func after(_ body: Substring) -> Substring? {
            if body.isEmpty { return body }
            return body.first == " " ? body.dropFirst() : nil
        }
        if rest.hasPrefix("...>") { return after(rest.dropFirst(4)).map { .continuation($0) } }
        if rest.hasPrefix(">") { return after(rest.dropFirst()).map { .prompt(nil, $0) } }
        guard rest.hasPrefix("["), let close = rest.firstIndex(of: "]") else { return nil }
        let digits = rest[rest.index(after: rest.startIndex)..<close]
        let body = rest[rest.index(after: close)...]
        guard !digits.isEmpty, digits.count < 10, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              body.hasPrefix(">"), let text = after(body.dropFirst()), let number = Int(digits) else { return nil }
        return .prompt(number, text)
    }

    struct EntryBuilder {
        var number: Int?
        var input: [String]
        var line: Int
        var lines: [String]
        var output: [String] = []

        func build() -> RecordedEntry {
            RecordedEntry(number: number, input: input.joined(separator: "\n"), output: output, line: line, lines: lines)
        }
    }

    // MARK: Header

    static let fields = ["model", "scenarios", "seed", "saved"]

    func parseHeader() throws(Diagnostic) -> (SessionHeader, Int) {
        let first = lines[0]
        let words = first.split(separator: " ")
        guard words.count == 3, words[0] == "bargain", words[1] == "session" else {
            throw error(0, "not a bargain session: the first line should be `bargain session \(SessionHeader.formatVersion)`")
        }
        guard let version = Int(words[2]) else {
            throw error(0, "`\(words[2])` is not a format version", from: 16)
        }
        guard version == SessionHeader.formatVersion else {
            throw error(0, "this is a version \(version) session file, and this bargain reads version \(SessionHeader.formatVersion)",
                        from: 16, help: version > SessionHeader.formatVersion ? "a newer bargain wrote it; replay it with that one" : nil)
        }
        var header = SessionHeader(model: .builtIn)
        var seen: Set<String> = []
        var index = 1
        while index < lines.count, !lines[index].isEmpty {
            let line = lines[index]
            guard let colon = line.firstIndex(of: ":"), line.first != " " else {
                throw error(index, "expected a header field `name: value`, or a blank line to end the header",
                            help: "fields: " + SessionParser.fields.joined(separator: ", "))
            }
            let key = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t")
            let valueColumn = line.utf8.count - value.utf8.count
            guard SessionParser.fields.contains(key) else {
                throw error(index, "unknown header field `\(key)`",
                            help: Suggestions.hint(for: key, in: SessionParser.fields) ?? "fields: " + SessionParser.fields.joined(separator: ", "))
            }
            if key != "scenarios", !seen.insert(key).inserted {
                throw error(index, "the header gives `\(key)` twice")
            }
            switch key {
            case "model":
                header.model = try modelReference(value, line: index, column: valueColumn)
            case "scenarios":
                if value != "none" { header.scenarios.append(try stamp(value, line: index, column: valueColumn)) }
            case "seed":
                guard let seed = UInt64(value) else {
                    throw error(index, "the seed should be a whole number from 0 to \(UInt64.max)", from: valueColumn)
                }
                header.seed = seed
            default:
                guard !value.isEmpty else { throw error(index, "`saved` needs a time, such as 2025-06-02T14:05:09Z", from: valueColumn) }
                header.saved = value
            }
            index += 1
        }
        if index == lines.count {
            throw error(index - 1, "the file ends in its header: it is cut short",
                        help: "a blank line ends the header; the session and `\(SessionWriter.trailer)` follow")
        }
        return (header, index)
    }

    func modelReference(_ value: String, line: Int, column: Int) throws(Diagnostic) -> ModelReference {
        if value == "none" { return .none }
        if !value.contains(" sha256:") {
            guard !value.isEmpty else { throw error(line, "`model` needs a file name, or `none`", from: column) }
            return .file(name: value, sha256: nil)
        }
        let stamp = try stamp(value, line: line, column: column)
        return .file(name: stamp.name, sha256: stamp.sha256)
    }

    /// `NAME sha256:HEX`.
    func stamp(_ value: String, line: Int, column: Int) throws(Diagnostic) -> FileStamp {
        let marker = Array(" sha256:".utf8)
        let bytes = Array(value.utf8)
        guard bytes.count >= marker.count,
              let at = (0...(bytes.count - marker.count)).last(where: { bytes[$0..<($0 + marker.count)].elementsEqual(marker) }) else {
            throw error(line, "expected `FILE sha256:HASH`", from: column)
        }
        let name = String(decoding: bytes[..<at], as: UTF8.self).trimmingCharacters(in: " \t")
        let hash = String(decoding: bytes[(at + marker.count)...], as: UTF8.self)
        guard !name.isEmpty else { throw error(line, "the file name is missing before `sha256:`", from: column) }
        guard hash.count == 64, hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw error(line, "the hash should be 64 lowercase hex digits", from: column + name.utf8.count + 8)
        }
        return FileStamp(name: name, sha256: hash)
    }
}
