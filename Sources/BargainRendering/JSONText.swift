import BargainDiagnostics

/// Minimal JSON writing: deterministic key order, full-precision numbers, infinities as "inf".
package enum JSONText {
    package static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + hex(scalar.value, width: 4, uppercase: true)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A number as JSON: the shortest text that reads back to the same double; "inf", "-inf" as strings.
    package static func number(_ x: Double) -> String {
        if x.isNaN { return "null" }  // no value: never a number
        if x.isInfinite { return x < 0 ? "\"-inf\"" : "\"inf\"" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    package enum Field {
        case string(String)
        case number(Double)
        case numbers([Double])
        case integer(Int)
        case bool(Bool)
        case raw(String)
    }

    /// `{"a":1,"b":"x"}` with keys in the order given.
    package static func object(_ fields: [(String, Field?)]) -> String {
        var parts: [String] = []
        for (key, field) in fields {
            guard let field else { continue }
            let value: String
            switch field {
            case .string(let s): value = string(s)
            case .number(let x): value = number(x)
            case .numbers(let xs): value = "[" + xs.map(number).joined(separator: ",") + "]"
            case .integer(let n): value = String(n)
            case .bool(let b): value = b ? "true" : "false"
            case .raw(let r): value = r
            }
            parts.append(string(key) + ":" + value)
        }
        return "{" + parts.joined(separator: ",") + "}"
    }
}
