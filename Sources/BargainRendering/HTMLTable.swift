import BargainUnits
import BargainAnalysis

/// A `Table` as a real HTML table: a caption, column headers with their unit and `scope`, the
/// first cell of each row as its header, numbers right-aligned. A column whose cells share a unit
/// names it once in the header and its cells show the number alone; the others keep theirs.
enum HTMLTable {
    static func render(_ table: Table) -> String {
        let shown = table.columns.indices.filter { !table.columns[$0].dataOnly }
        let numeric = shown.map { i in table.rows.contains { i < $0.count && $0[i].isNumeric } }
        var out = "<div class=\"table-box\"><table>"
        if let title = table.title { out += "<caption>\(HTMLText.escape(title))</caption>" }
        out += "<thead><tr>"
        for (k, i) in shown.enumerated() {
            let column = table.columns[i]
            let unit = column.unit.flatMap { $0.isOne ? nil : $0 }
            out += "<th scope=\"col\"\(numeric[k] ? " class=\"num\"" : "")>\(HTMLText.escape(column.title))"
            if let unit { out += "<span class=\"unit\">(\(HTMLText.escape(unit.description)))</span>" }
            out += "</th>"
        }
        out += "</tr></thead><tbody>"
        for row in table.rows {
            out += "<tr>"
            for (k, i) in shown.enumerated() {
                let cell = i < row.count ? row[i] : .empty
                let text = HTMLText.escape(cellText(cell, columnUnit: table.columns[i].unit))
                let tag = k == 0 ? "th" : "td"
                let scope = k == 0 ? " scope=\"row\"" : ""
                out += "<\(tag)\(scope)\(numeric[k] ? " class=\"num\"" : "")>\(text)</\(tag)>"
            }
            out += "</tr>"
        }
        out += "</tbody></table></div>"
        if !table.notes.isEmpty {
            out += "<ul class=\"table-notes\">" + table.notes.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>"
        }
        return out
    }

    /// A cell's text under a header that may name its unit already.
    static func cellText(_ cell: Table.Cell, columnUnit: UnitProduct?) -> String {
        guard let columnUnit, !columnUnit.isOne else { return cell.text }
        switch cell {
        case .quantity(let x, let unit) where unit == columnUnit:
            return x.isNaN ? "no value" : AxisTicks.label(x, unit)
        case .change(let x, let unit) where unit == columnUnit && unit != .percent:
            if x == 0 { return "0" }
            return (x > 0 ? "+" : "-") + AxisTicks.label(Swift.abs(x), unit)
        default:
            return cell.text
        }
    }
}
