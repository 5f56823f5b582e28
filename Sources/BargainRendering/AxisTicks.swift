import Glibc
import BargainUnits

/// Round-numbered ticks for a chart axis (1, 2 or 5 times a power of ten), and how a tick reads.
/// The axis title names the unit, so a tick is a number in the display unit: `$700M`, `45%`, `12.5`.
enum AxisTicks {
    /// Ticks covering `low…high` (in base units, shown in `unit`): the first at or below `low`,
    /// the last at or above `high`, about `count` of them.
    static func ticks(_ low: Double, _ high: Double, unit: UnitProduct, count: Int = 5) -> [Double] {
        let factor = unit.factor
        var a = low / factor, b = high / factor
        guard a.isFinite, b.isFinite else { return [low, high] }
        if a == b {
            let pad = a == 0 ? 1 : Swift.abs(a) * 0.1
            a -= pad
            b += pad
            if low == 0 { a = 0 }
        }
        let step = niceStep((b - a) / Double(Swift.max(1, count)))
        let first = (a / step).rounded(.down) * step, last = (b / step).rounded(.up) * step
        var ticks: [Double] = []
        var k = 0.0
        while first + k * step <= last + step * 1e-9, ticks.count < 50 {
            // Zero is written as zero, not -1.1e-16.
            let t = first + k * step
            ticks.append((Swift.abs(t) < step * 1e-9 ? 0 : t) * factor)
            k += 1
        }
        return ticks
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let power = pow(10, (log10(raw)).rounded(.down))
        for m in [1.0, 2, 5, 10] where m * power >= raw * 0.999_999 { return m * power }
        return 10 * power
    }

    /// A tick's text: the number in the display unit, money with `$` and its scale, shares with `%`.
    static func label(_ value: Double, _ unit: UnitProduct) -> String {
        let x = value / unit.factor
        if unit.factors.contains(where: { $0.unit == Units.dollar && $0.exponent == 1 }) { return QuantityFormat.money(x) }
        if let first = unit.factors.first, first.unit == Units.percent, first.exponent == 1 { return QuantityFormat.number(x) + "%" }
        return QuantityFormat.number(x)
    }
}
