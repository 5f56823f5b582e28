import Glibc

/// Shows a number in a unit, as people at the table read it: about four significant digits,
/// thousands separators, money as `$674.9M/yr`, shares as `46.69%`.
package enum QuantityFormat {
    /// How many significant digits numbers show: 4 unless a session says otherwise
    /// (`precision 6`, when packages differ by less than four digits can show). It is a
    /// rendering context rather than a parameter, because every table, chart label and note
    /// formats numbers: a cell is rendered inside `$digits.withValue(cell.digits)`.
    @TaskLocal package static var digits = defaultDigits
    package static let defaultDigits = 4
    /// The most a double holds meaningfully.
    package static let digitRange = 1...15

    /// A value in base units, shown in `unit`.
    package static func format(_ value: Double, in unit: UnitProduct) -> String {
        // NaN is never shown as a number, in any unit: `$NaN/yr` reads as if it were one.
        if value.isNaN { return "no value" }
        let x = value / unit.factor
        // `$674.9M/yr` in `$M/yr`: the number is in millions, written as money is.
        for (id, letter) in Units.scaledDollars where unit.factors.contains(where: { $0.unit == id && $0.exponent == 1 }) {
            let sign = x < 0 ? "-" : ""
            return sign + "$" + number(Swift.abs(x)) + letter + suffix(unit / UnitProduct(id))
        }
        let dollar = unit.factors.first { $0.unit == Units.dollar && $0.exponent == 1 }
        if dollar != nil {
            let rest = unit / .dollars
            return money(x) + suffix(rest)
        }
        if let first = unit.factors.first, first.unit == Units.percent, first.exponent == 1 {
            return number(x) + "%" + suffix(unit / .percent)
        }
        if unit.isOne { return number(x) }
        let singular = abs(x) == 1 && unit.factors.count == 1
        return number(x) + " " + unit.spelled(singular: singular)
    }

    /// A list's entries, each in the unit.
    static func format(list values: [Double], in unit: UnitProduct) -> String {
        "[" + values.map { format($0, in: unit) }.joined(separator: ", ") + "]"
    }

    /// The part of a unit after a leading `$` or `%`: `/yr/FTE`, or ` staff` for a numerator.
    static func suffix(_ rest: UnitProduct) -> String {
        if rest.isOne { return "" }
        let spelled = rest.description
        return spelled.hasPrefix("1/") ? String(spelled.dropFirst()) : "*" + spelled
    }

    /// `$674.9M`, `$1.5B`, `$150,000`, `-$29.4M`.
    package static func money(_ x: Double) -> String {
        let sign = x < 0 ? "-" : ""
        let m = abs(x)
        if m.isInfinite { return sign + "$∞" }
        if m >= 1e9 { return sign + "$" + number(m / 1e9) + "B" }
        if m >= 1e6 { return sign + "$" + number(m / 1e6) + "M" }
        return sign + "$" + number(m)
    }

    /// `digits` significant digits (four: 14.72, 0.4669, 1.234e-5), and whole numbers once
    /// the digits run out before the decimal point (1,235 rather than 1.235e3).
    package static func number(_ x: Double) -> String {
        if x.isNaN { return "no value" }  // never shown as a number
        if x.isInfinite { return x < 0 ? "-∞" : "∞" }
        if x == 0 { return "0" }
        let m = abs(x)
        let sign = x < 0 ? "-" : ""
        if m >= 1e15 || m < 1e-4 { return sign + scientific(m) }
        let magnitude = Int((log10(m)).rounded(.down))
        let decimals = max(0, digits - 1 - magnitude)
        if decimals == 0 { return sign + grouped(UInt64(m.rounded())) }
        return sign + fixed(m, decimals: decimals, trim: true)
    }

    /// `1.235e-5`, `digits` significant digits.
    static func scientific(_ m: Double) -> String {
        let decimals = digits - 1
        var exponent = Int(log10(m).rounded(.down))
        var mantissa = m / pow(10, Double(exponent))
        if (mantissa * pow(10, Double(decimals))).rounded() >= pow(10, Double(decimals + 1)) {
            exponent += 1
            mantissa /= 10
        }
        return fixed(mantissa, decimals: decimals, trim: true) + "e" + String(exponent)
    }

    /// `12,345,678`.
    package static func grouped(_ n: UInt64) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    /// A non-negative number with a fixed count of decimals, rounded half away from zero.
    static func fixed(_ m: Double, decimals: Int, trim: Bool) -> String {
        let scale = pow(10, Double(decimals))
        let scaled = (m * scale).rounded()
        guard scaled < 9e18 else { return scientific(m) }
        let n = UInt64(scaled)
        let whole = n / UInt64(scale)
        var fraction = String(n % UInt64(scale))
        fraction = String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
        if trim { while fraction.hasSuffix("0") { fraction.removeLast() } }
        let head = whole >= 1000 ? grouped(whole) : String(whole)
        return fraction.isEmpty ? head : head + "." + fraction
    }
}
