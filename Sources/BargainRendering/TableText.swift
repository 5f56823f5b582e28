import BargainAnalysis

/// A table as aligned text: text columns to the left, numbers to the right.
package enum TableText {
    package static func render(_ table: Table) -> String {
        let shown = table.columns.indices.filter { !table.columns[$0].dataOnly }
        guard shown.count < table.columns.count else { return renderAll(table) }
        var visible = Table(columns: shown.map { table.columns[$0] }, title: table.title, notes: table.notes)
        visible.rows = table.rows.map { row in shown.map { $0 < row.count ? row[$0] : .empty } }
        return renderAll(visible)
    }

    static func renderAll(_ table: Table) -> String {
        let cells = table.rows.map { row in row.map(\.text) }
        var widths = table.columns.map { $0.title.count }
        for row in cells {
            for (i, text) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], text.count)
            }
        }
        let numeric = table.columns.indices.map { i in
            table.rows.contains { i < $0.count && $0[i].isNumeric }
        }
        func line(_ texts: [String]) -> String {
            var parts: [String] = []
            for (i, width) in widths.enumerated() {
                let text = i < texts.count ? texts[i] : ""
                let pad = String(repeating: " ", count: max(0, width - text.count))
                parts.append(numeric[i] ? pad + text : text + pad)
            }
            return parts.joined(separator: "  ").trimmingTrailing(" ")
        }
        var lines: [String] = []
        if let title = table.title { lines.append(title) }
        lines.append(line(table.columns.map(\.title)))
        lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ").trimmingTrailing(" "))
        lines += cells.map(line)
        lines += table.notes
        return lines.joined(separator: "\n")
    }
}
