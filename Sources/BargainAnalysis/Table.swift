import BargainUnits

/// A table a statement makes (compare, sweep, simulate, …), as data: the renderers turn it into
/// aligned text, CSV or JSON.
package struct Table: Sendable {
    package struct Column: Sendable {
        /// The header: a scenario, an output, a statistic.
        package let title: String
        /// The column's unit, when every cell in it shares one (named in CSV headers: `return_wait[bd]`).
        package let unit: UnitProduct?
        /// Only in CSV and JSON: text tables show units in their cells.
        package let dataOnly: Bool
        package init(_ title: String, unit: UnitProduct? = nil, dataOnly: Bool = false) {
            self.title = title
            self.unit = unit
            self.dataOnly = dataOnly
        }
    }

    package enum Cell: Sendable, Equatable {
        case text(String)
        /// A value in base units, shown in `unit`.
        case quantity(Double, UnitProduct)
        /// A signed difference in base units, shown with its sign: `+1.33 bd`.
        case change(Double, UnitProduct)
        /// A relative change: 0.09 shows as `+9%`.
        case ratio(Double)
        case empty
    }

    package var columns: [Column]
    package var rows: [[Cell]]
    /// A line shown above the table.
    package var title: String?
    /// Lines shown under it.
    package var notes: [String]
    /// Charts of the table's data, drawn under it on a terminal.
    package var charts: [Chart] = []

    package init(columns: [Column], rows: [[Cell]] = [], title: String? = nil, notes: [String] = []) {
        self.columns = columns
        self.rows = rows
        self.title = title
        self.notes = notes
    }
}

extension Table.Cell {
    /// How the cell reads in a text table.
    package var text: String {
        switch self {
        case .text(let s): return s
        case .quantity(let x, let unit): return QuantityFormat.format(x, in: unit)
        case .change(let x, let unit):
            if x == 0 { return "0" }
            // A change in a share is in percentage points: 46% to 75% is +29 pp, not +29%.
            let shown = unit == .percent ? QuantityFormat.number(Swift.abs(x) * 100) + " pp"
                : QuantityFormat.format(Swift.abs(x), in: unit)
            return (x > 0 ? "+" : "-") + shown
        case .ratio(let r):
            if r.isNaN { return "" }
            if r == 0 { return "0%" }
            return (r > 0 ? "+" : "-") + QuantityFormat.number(Swift.abs(r) * 100) + "%"
        case .empty: return ""
        }
    }

    /// The number behind the cell in its display unit, for CSV and JSON; nil for text and for
    /// a ratio with no meaning (a change from zero).
    package var number: Double? {
        switch self {
        case .quantity(let x, let unit), .change(let x, let unit): return x / unit.factor
        case .ratio(let r): return r.isNaN ? nil : r * 100
        case .text, .empty: return nil
        }
    }

    package var isNumeric: Bool {
        switch self {
        case .quantity, .change, .ratio: return true
        default: return false
        }
    }

    /// No value at all: empty in CSV, null in JSON.
    package var isBlank: Bool {
        switch self {
        case .empty: return true
        case .ratio(let r): return r.isNaN
        default: return false
        }
    }
}
