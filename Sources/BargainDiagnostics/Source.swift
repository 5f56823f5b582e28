/// A piece of text the user wrote: a REPL entry, a script, a model file.
///
/// Every span points into one `Source`, so a diagnostic can always show the line it came from,
/// even after the REPL has moved on (each entry is its own source, named `<input:N>`).
package final class Source: Sendable, CustomStringConvertible {
    /// How the source is named in diagnostics: a path, or `<input:3>`.
    package let name: String
    package let text: String
    /// The text as UTF-8; spans are byte offsets into it.
    package let bytes: [UInt8]
    /// Byte offset of the first character of each line.
    package let lineStarts: [Int]
    /// Line number (1-based) of the first line, for sources cut out of a larger file.
    let firstLine: Int

    package init(name: String, text: String, firstLine: Int = 1) {
        self.name = name
        self.text = text
        self.firstLine = firstLine
        let bytes = Array(text.utf8)
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") {
            starts.append(i + 1)
        }
        self.lineStarts = starts
    }

    package var description: String { name }

    /// The 1-based line and column (in characters) of a byte offset.
    package func location(of offset: Int) -> (line: Int, column: Int) {
        let index = lineIndex(of: offset)
        let start = lineStarts[index]
        let column = characterCount(from: start, to: min(offset, bytes.count))
        return (index + firstLine, column + 1)
    }

    /// The 0-based index of the line holding `offset`.
    package func lineIndex(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The bytes of line `index` (0-based), without its newline.
    package func lineRange(_ index: Int) -> Range<Int> {
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<max(start, end)
    }

    /// Counts characters (not bytes) between two offsets, so carets line up under UTF-8 text.
    func characterCount(from start: Int, to end: Int) -> Int {
        var count = 0
        var i = start
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// The text covered by a byte range.
    package func slice(_ range: Range<Int>) -> String {
        let lo = max(0, min(range.lowerBound, bytes.count))
        let hi = max(lo, min(range.upperBound, bytes.count))
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }
}

/// A range of bytes in a `Source`. Every token, syntax node, checked node and diagnostic has one.
package struct Span: Sendable, CustomStringConvertible {
    package let source: Source
    package let start: Int
    package let end: Int

    package init(_ source: Source, _ start: Int, _ end: Int) {
        self.source = source
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest span covering both.
    package func to(_ other: Span) -> Span {
        Span(source, min(start, other.start), max(end, other.end))
    }

    package var text: String { source.slice(start..<end) }

    /// `name:line:column`, as diagnostics print it.
    package var description: String {
        let (line, column) = source.location(of: start)
        return "\(source.name):\(line):\(column)"
    }
}
