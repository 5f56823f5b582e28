import Glibc
import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainSemantics
import BargainEngine

/// How one column of a grid is read: the input it sets and the unit a bare number is taken in.
struct GridColumn: Sendable {
    let input: String
    /// The unit of bare numbers: the header's (`layoffs[staff]`) or the input's own.
    let unit: UnitProduct
    let dimension: Dimension
    let header: String
    /// `unit.factor`, computed once: it is needed for every cell.
    let factor: Double
}

/// Reads grid cells: a bare number (fast: no parsing beyond `strtod`) in the column's unit, or a
/// quantity in the language (`150 staff`, `$150k/yr/FTE`, `12%`).
enum GridCell {
    /// The cell's value in base units and as shown in the column's unit, or why it has none.
    static func read(_ field: ArraySlice<UInt8>, _ column: GridColumn, line: Int, record: ArraySlice<UInt8>,
                     path: String) -> Result<(Double, Double), Diagnostic> {
        if let number = plainNumber(field) { return .success((number * column.factor, number)) }
        let text = GridReader.text(field)
        let lineSource = Source(name: path, text: String(decoding: record, as: UTF8.self), firstLine: line)
        let offset = field.startIndex - record.startIndex
        let cellSpan = Span(lineSource, offset, offset + field.count)
        if text.isEmpty {
            return .failure(Diagnostic(.emptyGridCell, "`\(column.input)` is empty in this row", at: cellSpan,
                                       help: "give a number in \(column.unit), or a quantity such as `150 staff`"))
        }
        let cell = Source(name: path, text: text, firstLine: line)
        do {
            let expr = try Parser.parseExpression(cell)
            var checker = Checker(scope: Program())
            let checked = try checker.check(expr)
            guard case .number(let dimension) = checked.type else {
                return .failure(Diagnostic(.typeMismatch, "a cell holds one number", at: cellSpan))
            }
            let value = KernelCompiler.compile(checked).run { (_: Kernel.Input) -> [Double] in [] }.first ?? .nan
            if let base = checked.baseValue(value, asA: column.dimension, bareIn: column.unit) {
                // Shown as written when bare, so the echo is the cell's own number, not a round trip.
                return .success((base, dimension == column.dimension ? snapped(value / column.factor) : value))
            }
            return .failure(Diagnostic(.dimensionMismatch, "`\(column.input)` is in \(column.unit); this cell is \(checked.unit.isOne ? dimension.description : checked.unit.description)",
                                       at: cellSpan, help: "give a number (taken in \(column.unit)) or a quantity in \(column.unit)"))
        } catch {
            var diagnostic = Diagnostic(error.code, "cannot read `\(text)` as a value for `\(column.input)`: \(error.message)",
                                        at: cellSpan, help: error.help ?? "give a number in \(column.unit), or a quantity such as `150 staff`")
            diagnostic.notes = error.notes
            return .failure(diagnostic)
        }
    }

    /// A number back in the column's unit, without the last bit a unit's round trip adds:
    /// `7.5 h/wk/FTE` is echoed as 7.5, not 7.499999999999999.
    static func snapped(_ x: Double) -> Double {
        guard x != 0, x.isFinite else { return x }
        let digits = 14 - Int(log10(Swift.abs(x)).rounded(.down))
        guard (-300...300).contains(digits) else { return x }
        let scale = pow(10.0, Double(digits))
        let r = (x * scale).rounded() / scale
        return Swift.abs(r - x) <= 8 * x.ulp ? r : x
    }

    /// A field that is just a number (blanks around it allowed), read with `strtod`.
    @inline(__always)
    static func plainNumber(_ field: ArraySlice<UInt8>) -> Double? {
        var start = field.startIndex, end = field.endIndex
        while start < end, field[start] == 32 || field[start] == 9 { start += 1 }
        while end > start, field[end - 1] == 32 || field[end - 1] == 9 || field[end - 1] == 13 { end -= 1 }
        let count = end - start
        guard count > 0, count < 64 else { return nil }
        for i in start..<end {
            let b = field[i]
            // Digits, sign, point, exponent; anything else (units, `inf`, quotes) goes the long way.
            guard (b >= 48 && b <= 57) || b == 43 || b == 45 || b == 46 || b == 101 || b == 69 else { return nil }
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer -> Double? in
            for (k, i) in (start..<end).enumerated() { buffer[k] = CChar(bitPattern: field[i]) }
            buffer[count] = 0
            var stop: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(buffer.baseAddress!, &stop)
            guard let stop, stop == buffer.baseAddress! + count, value.isFinite else { return nil }
            return value
        }
    }
}
