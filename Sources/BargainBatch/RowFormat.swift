import BargainRendering

/// Writes result rows as CSV or JSON Lines into a byte buffer: full precision, `inf`/`-inf`
/// for infinities, a header naming units (`return_wait[bd]`), and every line whole.
struct RowFormat: Sendable {
    let format: BatchJob.Format
    /// Column names as they appear in the header (and as JSON keys).
    let names: [String]
    /// JSON keys, already escaped, with their `"…":` around them.
    let keys: [[UInt8]]

    init(format: BatchJob.Format, names: [String]) {
        self.format = format
        self.names = names
        keys = names.map { Array((JSONText.string($0) + ":").utf8) }
    }

    /// The first line of a CSV file (JSON Lines has none).
    func header() -> [UInt8] {
        guard format == .csv else { return [] }
        return Array((names.map(TableData.csvField).joined(separator: ",") + "\n").utf8)
    }

    /// Starts a row; `field` is then called once per column, in order.
    @inline(__always)
    func begin(_ out: inout [UInt8]) {
        if format == .jsonl { out.append(UInt8(ascii: "{")) }
    }

    @inline(__always)
    func separator(_ column: Int, _ out: inout [UInt8]) {
        if column > 0 { out.append(UInt8(ascii: ",")) }
        if format == .jsonl { out.append(contentsOf: keys[column]) }
    }

    @inline(__always)
    func number(_ x: Double, column: Int, _ out: inout [UInt8]) {
        separator(column, &out)
        RowFormat.append(x, json: format == .jsonl, &out)
    }

    /// Bytes already formatted (a value that is the same in every row).
    @inline(__always)
    func preformatted(_ bytes: [UInt8], column: Int, _ out: inout [UInt8]) {
        separator(column, &out)
        out.append(contentsOf: bytes)
    }

    /// Text in a cell (an error message, a cell echoed as given). In CSV it is kept free of
    /// commas, quotes and line breaks, so that readers without quote handling (numpy) still
    /// see the right number of columns.
    func text(_ s: String, column: Int, _ out: inout [UInt8]) {
        separator(column, &out)
        if format == .jsonl {
            out.append(contentsOf: JSONText.string(s).utf8)
        } else {
            out.append(contentsOf: s.map { $0 == "," ? ";" : $0 == "\"" ? "'" : $0 == "\n" || $0 == "\r" ? " " : $0 }.map(String.init).joined().utf8)
        }
    }

    func empty(column: Int, _ out: inout [UInt8]) {
        separator(column, &out)
        if format == .jsonl { out.append(contentsOf: "null".utf8) }
    }

    @inline(__always)
    func end(_ out: inout [UInt8]) {
        if format == .jsonl { out.append(UInt8(ascii: "}")) }
        out.append(10)
    }

    /// A number's shortest text that reads back to the same double; whole numbers without ".0".
    @inline(__always)
    static func append(_ x: Double, json: Bool, _ out: inout [UInt8]) {
        if x.isNaN {
            out.append(contentsOf: json ? "null".utf8 : "nan".utf8)
        } else if x.isInfinite {
            out.append(contentsOf: (x < 0 ? (json ? "\"-inf\"" : "-inf") : (json ? "\"inf\"" : "inf")).utf8)
        } else if x == x.rounded(.towardZero), Swift.abs(x) < 1e15 {
            appendInteger(Int64(x), &out)
        } else {
            out.append(contentsOf: x.description.utf8)
        }
    }

    @inline(__always)
    static func appendInteger(_ value: Int64, _ out: inout [UInt8]) {
        if value == 0 {
            out.append(48)
            return
        }
        var n = value.magnitude
        if value < 0 { out.append(45) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while n > 0 {
                buffer[count] = UInt8(48 + n % 10)
                n /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[i]) }
        }
    }
}
