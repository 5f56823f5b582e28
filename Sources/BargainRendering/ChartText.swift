import BargainUnits
import BargainAnalysis

/// Draws charts in text: Unicode blocks for a terminal, or plain ASCII.
package enum ChartText {
    package enum Style: Sendable { case unicode, ascii }

    package static func render(_ chart: Chart, style: Style, width: Int = 60, height: Int = 10) -> String {
        switch chart.kind {
        case .columns(let x, let y): return columns(chart, x, y, style, width, height)
        case .bars(let bars): return horizontalBars(chart, bars, style, width)
        }
    }

    /// A value in base units, labelled as the table shows it.
    static func label(_ value: Double, _ unit: UnitProduct) -> String {
        QuantityFormat.format(value, in: unit)
    }

    static func columns(_ chart: Chart, _ xs: [Double], _ ys: [Double], _ style: Style, _ width: Int, _ height: Int) -> String {
        let points = zip(xs, ys).filter { $0.0.isFinite && $0.1.isFinite }
        guard let first = points.first, let last = points.last else { return chart.title + ": nothing to draw" }
        let lowY = points.map(\.1).min() ?? 0, highY = points.map(\.1).max() ?? 0
        let span = highY - lowY
        let columnCount = max(1, min(width, points.count > 1 ? width : 1))
        let levels: [Character] = style == .unicode ? [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : [" ", ".", ".", ":", ":", "|", "|", "#", "#"]
        // Each column shows the value at its x, interpolated between the points around it.
        var heights: [Double] = []
        for c in 0..<columnCount {
            let x = columnCount == 1 ? first.0 : first.0 + (last.0 - first.0) * Double(c) / Double(columnCount - 1)
            let y = interpolate(points, at: x)
            heights.append(span > 0 ? (y - lowY) / span : 0.5)
        }
        let top = label(highY, chart.unit), bottom = label(lowY, chart.unit)
        let gutter = max(top.count, bottom.count)
        var lines = [chart.title]
        for row in (0..<height).reversed() {
            var line = ""
            for h in heights {
                let filled = h * Double(height) - Double(row)
                let eighths = Int((max(0, min(1, filled)) * 8).rounded())
                line.append(levels[row == 0 ? max(1, eighths) : eighths])
            }
            let axis = row == height - 1 ? top : row == 0 ? bottom : ""
            let tick = style == .unicode ? (axis.isEmpty ? "│" : "┤") : (axis.isEmpty ? "|" : "+")
            lines.append(pad(axis, gutter) + " " + tick + line)
        }
        let corner = style == .unicode ? "└" : "+", rule = style == .unicode ? "─" : "-"
        lines.append(String(repeating: " ", count: gutter + 1) + corner + String(repeating: rule, count: columnCount))
        let left = label(first.0, chart.xUnit), right = label(last.0, chart.xUnit)
        let gap = max(1, columnCount - left.count - right.count)
        lines.append(String(repeating: " ", count: gutter + 2) + left + String(repeating: " ", count: gap) + right)
        if !chart.xLabel.isEmpty { lines.append(String(repeating: " ", count: gutter + 2) + chart.xLabel) }
        return lines.joined(separator: "\n")
    }

    static func interpolate(_ points: [(Double, Double)], at x: Double) -> Double {
        guard let after = points.firstIndex(where: { $0.0 >= x }) else { return points.last?.1 ?? 0 }
        if after == 0 || points[after].0 == x { return points[after].1 }
        let (x0, y0) = points[after - 1], (x1, y1) = points[after]
        return x1 == x0 ? y1 : y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    }

    /// Bars from `from` to `to` on a shared scale, each on its own line with its label.
    static func horizontalBars(_ chart: Chart, _ bars: [Chart.Bar], _ style: Style, _ width: Int) -> String {
        let values = bars.flatMap { [$0.from, $0.to] }.filter(\.isFinite)
        guard let low = values.min(), let high = values.max(), !bars.isEmpty else { return chart.title + ": nothing to draw" }
        let span = high - low
        let labelWidth = bars.map(\.label.count).max() ?? 0
        let full: Character = style == .unicode ? "█" : "#"
        var lines = [chart.title]
        for bar in bars {
            var cells = [Character](repeating: " ", count: width)
            if span > 0, bar.from.isFinite, bar.to.isFinite {
                let a = Int(((min(bar.from, bar.to) - low) / span * Double(width - 1)).rounded())
                let b = Int(((max(bar.from, bar.to) - low) / span * Double(width - 1)).rounded())
                for i in a...max(a, b) { cells[i] = full }
            }
            lines.append(pad(bar.label, labelWidth, left: true) + " " + (style == .unicode ? "│" : "|") + String(cells))
        }
        let left = label(low, chart.unit), right = label(high, chart.unit)
        lines.append(String(repeating: " ", count: labelWidth + 2) + left
                     + String(repeating: " ", count: max(1, width - left.count - right.count)) + right)
        return lines.joined(separator: "\n")
    }

    static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return left ? text + padding : padding + text
    }
}
