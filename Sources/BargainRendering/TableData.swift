import BargainAnalysis

/// A table as data: CSV (RFC 4180, a header naming each column's unit as `name[unit]`) and JSON.
package enum TableData {
    package static func csvHeader(_ table: Table) -> String {
        columnNames(table).map(csvField).joined(separator: ",")
    }

    package static func csvRow(_ row: [Table.Cell]) -> String {
        row.map { cell in
            if let number = cell.number { return csvNumber(number) }
            if cell.isBlank { return "" }
            return csvField(cell.text)
        }.joined(separator: ",")
    }

    package static func csv(_ table: Table) -> String {
        ([csvHeader(table)] + table.rows.map(csvRow)).joined(separator: "\n")
    }

    /// Full precision; infinities as `inf` / `-inf`, which Python and R read back.
    static func csvNumber(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == x.rounded(), Swift.abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    package static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }

    /// The header names of CSV, also the keys of JSON Lines rows: `return_wait[bd]`.
    static func columnNames(_ table: Table) -> [String] {
        table.columns.map { column in column.unit.map { $0.isOne ? column.title : "\(column.title)[\($0)]" } ?? column.title }
    }

    /// One JSON object per row, keyed by column name: what `run --format jsonl` writes.
    package static func jsonLines(_ table: Table) -> [String] {
        let keys = columnNames(table)
        return table.rows.map { row in
            "{" + zip(keys, row).map { key, cell -> String in
                let value = cell.number.map(JSONText.number) ?? (cell.isBlank ? "null" : JSONText.string(cell.text))
                return JSONText.string(key) + ":" + value
            }.joined(separator: ",") + "}"
        }
    }

    /// `{"columns":[{"name":…,"unit":…}],"rows":[[…]]}`: numbers in their display unit.
    package static func json(_ table: Table) -> String {
        let columns = table.columns.map { column in
            JSONText.object([("name", .string(column.title)), ("unit", column.unit.map { .string($0.description) })])
        }
        let rows = table.rows.map { row in
            "[" + row.map { cell -> String in
                if let number = cell.number { return JSONText.number(number) }
                if cell.isBlank { return "null" }
                return JSONText.string(cell.text)
            }.joined(separator: ",") + "]"
        }
        var fields: [(String, JSONText.Field?)] = [("columns", .raw("[" + columns.joined(separator: ",") + "]")),
                                                    ("rows", .raw("[" + rows.joined(separator: ",") + "]"))]
        if let title = table.title { fields.insert(("title", .string(title)), at: 0) }
        return JSONText.object(fields)
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
