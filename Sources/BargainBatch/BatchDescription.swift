import BargainUnits
import BargainRendering

/// What a batch would write, without running it (`bargain batch … --describe`): how many rows,
/// and each column's name, unit and role, so a driver that splits the batch across machines can
/// size the parts and type the columns (a Parquet schema) before the first row.
package struct BatchDescription: Sendable {
    enum Role: String, Sendable {
        /// `design`: where a `--sobol` row sits in Saltelli's design (`sobol_sample`, `sobol_block`).
        case input, draw, design, output, error
    }

    package struct Column: Sendable {
        /// The name without its unit (`return_wait`, `return_wait.3` for a list's third entry).
        package let name: String
        package let unit: UnitProduct
        /// As the CSV header writes it (`return_wait[bd]`).
        package let header: String
        let role: Role

        /// The column's values: whole draw numbers, the error's text, numbers otherwise.
        var type: String {
            switch role {
            case .draw, .design: "int64"
            case .error: "string"
            case .input, .output: "float64"
            }
        }
    }

    /// Rows (scenarios: input rows × draws); nil when not counted (a grid, not asked).
    package let rows: Int?
    let inputRows: Int?
    package let samples: Int?
    /// The rows this run writes, when known.
    let selected: Range<Int>?
    package let columns: [Column]
    let format: BatchJob.Format

    /// One JSON object; `extra` fields (the version, the model's hash) come first.
    package func json(extra: [(String, JSONText.Field?)]) -> String {
        let columnsJSON = columns.map { column in
            JSONText.object([("name", .string(column.name)), ("unit", .string(column.unit.isOne ? "" : "\(column.unit)")),
                             ("header", .string(column.header)), ("role", .string(column.role.rawValue)), ("type", .string(column.type))])
        }
        return JSONText.object(extra + [
            ("rows", rows.map { .integer($0) }),
            ("input_rows", inputRows.map { .integer($0) }),
            ("samples", samples.map { .integer($0) }),
            ("selected", selected.map { .raw("[\($0.lowerBound),\($0.upperBound)]") }),
            ("format", .string(format.rawValue)),
            ("columns", .raw("[" + columnsJSON.joined(separator: ",") + "]")),
        ])
    }
}
