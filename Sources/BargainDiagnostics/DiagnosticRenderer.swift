/// Draws a diagnostic as text: the message, the source line with a caret under each span, notes, help.
///
///     error[E301]: cannot add staff and $/yr
///      --> <input:3>:1:1
///       |
///     1 | therapists + salary
///       | ^^^^^^^^^^ staff
///       |              ------ $/yr
package struct DiagnosticRenderer: Sendable {
    var colorize: Bool
    /// Lines longer than this are cut to a window around the spans.
    var maxLineWidth: Int

    package init(colorize: Bool = false, maxLineWidth: Int = 100) {
        self.colorize = colorize
        self.maxLineWidth = maxLineWidth
    }

    package func render(_ diagnostic: Diagnostic) -> String {
        var out = paint("error[\(diagnostic.code.rawValue)]", .red) + paint(": " + diagnostic.message, .bold) + "\n"
        let groups = groupByLine(diagnostic.labels)
        let gutter = groups.map { String($0.line).count }.max() ?? 1
        let pad = String(repeating: " ", count: gutter)
        for (index, group) in groups.enumerated() {
            let arrow = index == 0 ? "-->" : ":::"
            if index == 0 || group.source !== groups[index - 1].source {
                let first = group.labels[0].span
                out += pad + paint(arrow, .blue) + " \(first)\n"
            } else if group.line != groups[index - 1].line + 1 {
                out += pad + paint(" ...", .blue) + "\n"
            }
            out += pad + paint(" |", .blue) + "\n"
            out += renderLine(group, gutter: gutter)
        }
        let bar = groups.isEmpty ? "" : pad + " "
        for note in diagnostic.notes {
            out += bar + paint("= note:", .bold) + " " + indentContinuation(note, by: bar.count + 8) + "\n"
        }
        if let help = diagnostic.help {
            out += bar + paint("= help:", .cyan) + " " + indentContinuation(help, by: bar.count + 8) + "\n"
        }
        return out
    }

    package func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    struct LineGroup {
        let source: Source
        let line: Int
        let lineIndex: Int
        var labels: [Label]
    }

    /// Labels grouped by the line they start on, in the order they first appear (primary first).
    func groupByLine(_ labels: [Label]) -> [LineGroup] {
        var groups: [LineGroup] = []
        for label in labels {
            let source = label.span.source
            let index = source.lineIndex(of: label.span.start)
            if let at = groups.firstIndex(where: { $0.source === source && $0.lineIndex == index }) {
                groups[at].labels.append(label)
            } else {
                groups.append(LineGroup(source: source, line: index + source.firstLine, lineIndex: index, labels: [label]))
            }
        }
        return groups
    }

    func renderLine(_ group: LineGroup, gutter: Int) -> String {
        let source = group.source
        let range = source.lineRange(group.lineIndex)
        let chars = Array(source.slice(range).unicodeScalars.map(printable))
        // Columns are in characters from the line start; a span running past the line stops at its end.
        let marks: [(from: Int, to: Int, label: Label)] = group.labels.map { label in
            let from = source.characterCount(from: range.lowerBound, to: min(label.span.start, range.upperBound))
            let end = min(label.span.end, range.upperBound)
            let to = max(from + 1, source.characterCount(from: range.lowerBound, to: max(end, label.span.start)))
            return (from, to, label)
        }
        let (window, offset) = visibleWindow(length: chars.count, marks: marks.map { ($0.from, $0.to) })
        var shown = String(String.UnicodeScalarView(chars[window]))
        var shift = offset
        if window.lowerBound > 0 { shown = "…" + shown; shift -= 1 }
        if window.upperBound < chars.count { shown += "…" }
        let number = String(group.line)
        var out = String(repeating: " ", count: gutter - number.count) + paint(number, .blue) + paint(" | ", .blue) + shown + "\n"
        let pad = String(repeating: " ", count: gutter)
        for mark in marks.sorted(by: { $0.from < $1.from }) {
            let from = max(0, mark.from - shift)
            let width = max(1, min(mark.to - shift, shown.count + 1) - from)
            let glyph: Character = mark.label.isPrimary ? "^" : "-"
            var line = pad + paint(" | ", .blue) + String(repeating: " ", count: from)
            line += paint(String(repeating: glyph, count: width), mark.label.isPrimary ? .red : .blue)
            if let text = mark.label.text { line += " " + paint(text, mark.label.isPrimary ? .red : .blue) }
            out += line + "\n"
        }
        return out
    }

    /// The slice of a long line to show, and the column it starts at.
    func visibleWindow(length: Int, marks: [(Int, Int)]) -> (Range<Int>, Int) {
        guard length > maxLineWidth else { return (0..<length, 0) }
        let first = marks.map(\.0).min() ?? 0
        let start = max(0, min(first - maxLineWidth / 3, length - maxLineWidth))
        let end = min(length, start + maxLineWidth)
        return (start..<end, start)
    }

    /// Control characters and broken bytes would garble a terminal; show a visible stand-in instead.
    func printable(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar == "\t" { return " " }
        if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) { return "\u{FFFD}" }
        return scalar
    }

    func indentContinuation(_ text: String, by width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "\n" + String(repeating: " ", count: width))
    }

    package enum Style: String {
        case red = "\u{1B}[1;31m", blue = "\u{1B}[34m", cyan = "\u{1B}[36m", bold = "\u{1B}[1m"
    }

    func paint(_ text: String, _ style: Style) -> String {
        colorize ? style.rawValue + text + "\u{1B}[0m" : text
    }
}
