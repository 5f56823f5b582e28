import BargainDiagnostics
import BargainUnits
import BargainAnalysis

/// Draws a `Chart` as a self-contained SVG: inline in an HTML exhibit, or a file of its own beside
/// a Markdown one. Presentation is in attributes, not CSS, so the same text works in both places.
///
/// Each chart kind has one function here drawing into a `SVGPlot` (axes, ticks, title and
/// description); a new kind of `Chart` is a new case and one more function. Every data mark has
/// class `mark`, which the browser tests count.
package enum SVGChart {
    package static let width = 640.0
    package static let height = 340.0

    /// `id` makes the `<title>` and `<desc>` ids unique within a page.
    package static func render(_ chart: Chart, id: String) -> String {
        switch chart.kind {
        case .columns(let x, let y): return sweep(chart, x, y, id: id)
        case .histogram(let centers, let counts): return histogram(chart, centers, counts, id: id)
        case .bars(let bars): return horizontalBars(chart, bars, id: id)
        case .timeline(let values, let yearLength, let floor): return timeline(chart, values, yearLength, floor, id: id)
        }
    }

    static let lineColour = "#1f5f99"
    static let upColour = "#b3412e"
    static let downColour = "#2e7d4f"

    // MARK: Kinds

    /// y against x where each x was computed: a line through the points and a marker on each.
    static func sweep(_ chart: Chart, _ xs: [Double], _ ys: [Double], id: String) -> String {
        let points = zip(xs, ys).filter { $0.0.isFinite && $0.1.isFinite }
        guard let first = points.first, let last = points.last else { return empty(chart, id: id) }
        let lowY = Swift.min(0, points.map(\.1).min() ?? 0), highY = Swift.max(0, points.map(\.1).max() ?? 0)
        let xLabel = chart.xLabel.isEmpty ? "x" : chart.xLabel
        var plot = SVGPlot(chart, id: id, xTicks: AxisTicks.ticks(first.0, last.0, unit: chart.xUnit), xUnit: chart.xUnit,
                           yTicks: AxisTicks.ticks(lowY, highY, unit: chart.unit), yUnit: chart.unit,
                           xTitle: xLabel, yTitle: yTitle(chart))
        let shown = decimated(points, columns: Int(plot.plotWidth))
        plot.marks.append(plot.path(shown, stroke: lineColour))
        let radius = points.count <= 60 ? 3.5 : points.count <= 400 ? 2 : 0
        if radius > 0 {
            for (x, y) in points {
                plot.marks.append("<circle class=\"mark\" cx=\"\(c(plot.x(x)))\" cy=\"\(c(plot.y(y)))\" r=\"\(c(radius))\" fill=\"\(lineColour)\"><title>\(e(AxisTicks.label(x, chart.xUnit))): \(e(QuantityFormat.format(y, in: chart.unit)))</title></circle>")
            }
        }
        let ysShown = points.map(\.1)
        plot.description = "Line chart of \(chart.yLabel.isEmpty ? chart.title : chart.yLabel) against \(xLabel), \(points.count) computed \(points.count == 1 ? "point" : "points")\(radius > 0 ? ", each marked" : "") from \(QuantityFormat.format(first.0, in: chart.xUnit)) to \(QuantityFormat.format(last.0, in: chart.xUnit)); values from \(QuantityFormat.format(ysShown.min() ?? 0, in: chart.unit)) to \(QuantityFormat.format(ysShown.max() ?? 0, in: chart.unit)); the value axis starts at \(AxisTicks.label(plot.yTicks.first ?? 0, chart.unit))."
        return plot.svg()
    }

    /// Counts per bin as touching columns, from zero.
    static func histogram(_ chart: Chart, _ centers: [Double], _ counts: [Double], id: String) -> String {
        let bins = zip(centers, counts).filter { $0.0.isFinite && $0.1.isFinite }
        guard let first = bins.first, let last = bins.last else { return empty(chart, id: id) }
        let binWidth = bins.count > 1 ? (last.0 - first.0) / Double(bins.count - 1) : Swift.max(Swift.abs(first.0) * 0.1, 1e-9)
        let low = first.0 - binWidth / 2, high = last.0 + binWidth / 2
        var plot = SVGPlot(chart, id: id, xTicks: AxisTicks.ticks(low, high, unit: chart.xUnit), xUnit: chart.xUnit,
                           yTicks: AxisTicks.ticks(0, bins.map(\.1).max() ?? 1, unit: .one), yUnit: .one,
                           xTitle: chart.xLabel, yTitle: "draws per bin")
        for (center, count) in bins where count > 0 {
            let left = plot.x(center - binWidth / 2), right = plot.x(center + binWidth / 2)
            let top = plot.y(count)
            plot.marks.append("<rect class=\"mark\" x=\"\(c(left))\" y=\"\(c(top))\" width=\"\(c(Swift.max(0.5, right - left - 0.5)))\" height=\"\(c(plot.y(0) - top))\" fill=\"\(lineColour)\"><title>\(e(QuantityFormat.format(center, in: chart.xUnit))): \(e(QuantityFormat.number(count))) draws</title></rect>")
        }
        let total = bins.map(\.1).reduce(0, +)
        plot.description = "Histogram of \(chart.xLabel): \(QuantityFormat.number(total)) draws in \(bins.count) bins from \(QuantityFormat.format(low, in: chart.xUnit)) to \(QuantityFormat.format(high, in: chart.xUnit)); the count axis starts at zero."
        return plot.svg()
    }

    /// One horizontal bar per label on a shared value axis: a tornado (each input's low and high),
    /// a waterfall (each step from the running total before to after; a start or end total as a
    /// marker), or a by-year list (each year from zero).
    static func horizontalBars(_ chart: Chart, _ bars: [Chart.Bar], id: String) -> String {
        let values = bars.flatMap { [$0.from, $0.to] }.filter(\.isFinite)
        guard let low = values.min(), let high = values.max(), !bars.isEmpty else { return empty(chart, id: id) }
        let labelWidth = Swift.min(200, Double(bars.map(\.label.count).max() ?? 0) * 7 + 12)
        let rowHeight = 26.0
        var plot = SVGPlot(chart, id: id, xTicks: AxisTicks.ticks(low, high, unit: chart.unit), xUnit: chart.unit,
                           yTicks: [], yUnit: .one, xTitle: yTitle(chart), yTitle: "",
                           left: labelWidth, plotHeight: rowHeight * Double(bars.count))
        for (index, bar) in bars.enumerated() {
            let top = plot.top + rowHeight * Double(index)
            let middle = top + rowHeight / 2
            plot.marks.append("<text x=\"\(c(plot.left - 8))\" y=\"\(c(middle + 4))\" text-anchor=\"end\" font-size=\"12\" fill=\"#222\">\(e(truncated(bar.label, 28)))</text>")
            guard bar.from.isFinite, bar.to.isFinite else { continue }
            let a = plot.x(Swift.min(bar.from, bar.to)), b = plot.x(Swift.max(bar.from, bar.to))
            let value = QuantityFormat.format(bar.to, in: chart.unit)
            if bar.from == bar.to {
                // A total: a marker where it stands.
                plot.marks.append("<rect class=\"mark\" x=\"\(c(a - 1.5))\" y=\"\(c(top + 3))\" width=\"3\" height=\"\(c(rowHeight - 6))\" fill=\"#222\"><title>\(e(bar.label)): \(e(value))</title></rect>")
            } else {
                let colour = bar.to > bar.from ? upColour : downColour
                plot.marks.append("<rect class=\"mark\" x=\"\(c(a))\" y=\"\(c(top + 5))\" width=\"\(c(Swift.max(1, b - a)))\" height=\"\(c(rowHeight - 10))\" fill=\"\(colour)\"><title>\(e(bar.label)): \(e(QuantityFormat.format(bar.from, in: chart.unit))) → \(e(value))</title></rect>")
            }
            let room = plot.left + plot.plotWidth - b
            let valueX = room > Double(value.count) * 6.5 + 6 ? b + 4 : a - 4
            plot.marks.append("<text x=\"\(c(valueX))\" y=\"\(c(middle + 4))\" text-anchor=\"\(room > Double(value.count) * 6.5 + 6 ? "start" : "end")\" font-size=\"11\" fill=\"#444\">\(e(value))</text>")
        }
        plot.description = "Bar chart, one bar per row: " + bars.map { bar in
            bar.from == bar.to ? "\(bar.label) at \(QuantityFormat.format(bar.to, in: chart.unit))"
                : "\(bar.label) from \(QuantityFormat.format(bar.from, in: chart.unit)) to \(QuantityFormat.format(bar.to, in: chart.unit))"
        }.joined(separator: "; ") + ". The value axis runs from \(AxisTicks.label(plot.xTicks.first ?? low, chart.unit)) to \(AxisTicks.label(plot.xTicks.last ?? high, chart.unit))."
        return plot.svg()
    }

    /// A series over the contract's weeks: a line through every week, each contract year shaded
    /// in turn and named under the axis; the value axis from `floor`.
    static func timeline(_ chart: Chart, _ values: [Double], _ yearLength: Int, _ floor: Double, id: String) -> String {
        let finite = values.filter(\.isFinite)
        guard let highest = finite.max(), !values.isEmpty else { return empty(chart, id: id) }
        let weeks = values.count
        var plot = SVGPlot(chart, id: id, xTicks: [], xUnit: .one,
                           yTicks: AxisTicks.ticks(floor, Swift.max(highest, floor), unit: chart.unit), yUnit: chart.unit,
                           xTitle: "week of the contract", yTitle: yTitle(chart), xRange: (0.5, Double(weeks) + 0.5))
        let years = (weeks + yearLength - 1) / Swift.max(1, yearLength)
        let labelEvery = Swift.max(1, Int((Double(years) / 12).rounded(.up)))
        for year in 0..<years {
            let start = plot.x(Double(year * yearLength) + 0.5), end = plot.x(Double(Swift.min(weeks, (year + 1) * yearLength)) + 0.5)
            if year % 2 == 1 {
                plot.background.append("<rect x=\"\(c(start))\" y=\"\(c(plot.top))\" width=\"\(c(end - start))\" height=\"\(c(plot.plotHeight))\" fill=\"#f1f4f8\"/>")
            }
            if year > 0 {
                plot.background.append("<line x1=\"\(c(start))\" y1=\"\(c(plot.top))\" x2=\"\(c(start))\" y2=\"\(c(plot.bottom + 5))\" stroke=\"#888\" stroke-dasharray=\"3 3\"/>")
            }
            if year % labelEvery == 0 {
                plot.axisLabels.append("<text x=\"\(c((start + end) / 2))\" y=\"\(c(plot.bottom + 18))\" text-anchor=\"middle\" font-size=\"12\" fill=\"#333\">year \(year + 1)</text>")
            }
        }
        let points = values.enumerated().map { (Double($0.offset + 1), $0.element) }
        plot.marks.append(plot.path(points, stroke: lineColour, clampTo: floor))
        let peak = values.indices.filter { values[$0].isFinite }.max { values[$0] < values[$1] } ?? 0
        plot.description = "Line chart of \(chart.title) over weeks 1–\(weeks), one point a week, \(years) contract \(years == 1 ? "year" : "years") of \(yearLength) weeks marked; week 1 \(QuantityFormat.format(values[0], in: chart.unit)), week \(weeks) \(QuantityFormat.format(values[weeks - 1], in: chart.unit)), highest \(QuantityFormat.format(values[peak], in: chart.unit)) in week \(peak + 1); the value axis starts at \(QuantityFormat.format(floor, in: chart.unit))."
        return plot.svg()
    }

    /// A chart with no finite value to draw still says what it is.
    static func empty(_ chart: Chart, id: String) -> String {
        var plot = SVGPlot(chart, id: id, xTicks: [], xUnit: .one, yTicks: [], yUnit: .one, xTitle: "", yTitle: "")
        plot.marks.append("<text x=\"\(c(width / 2))\" y=\"\(c(height / 2))\" text-anchor=\"middle\" font-size=\"14\" fill=\"#555\">nothing to draw: no finite values</text>")
        plot.description = "\(chart.title): no finite values to draw."
        return plot.svg()
    }

    // MARK: Helpers

    static func yTitle(_ chart: Chart) -> String {
        if !chart.yLabel.isEmpty { return chart.yLabel }
        return chart.unit.isOne ? "value" : "value (\(chart.unit.description))"
    }

    /// At most two points (the lowest and highest) per pixel column, so a sweep of 100,000 points
    /// draws the same shape in a small file.
    static func decimated(_ points: [(Double, Double)], columns: Int) -> [(Double, Double)] {
        guard points.count > 4 * columns, let first = points.first, let last = points.last, last.0 > first.0 else { return points }
        var out: [(Double, Double)] = []
        var bucket: [(Double, Double)] = []
        var current = 0
        for p in points {
            let column = Int((p.0 - first.0) / (last.0 - first.0) * Double(columns - 1))
            if column != current, !bucket.isEmpty {
                flush(&bucket, into: &out)
                current = column
            }
            bucket.append(p)
        }
        flush(&bucket, into: &out)
        return out
    }

    static func flush(_ bucket: inout [(Double, Double)], into out: inout [(Double, Double)]) {
        guard let low = bucket.min(by: { $0.1 < $1.1 }), let high = bucket.max(by: { $0.1 < $1.1 }) else { return }
        out += low.0 <= high.0 ? [low, high] : [high, low]
        bucket.removeAll(keepingCapacity: true)
    }

    static func truncated(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    static func c(_ x: Double) -> String { HTMLText.coordinate(x) }
    static func e(_ s: String) -> String { HTMLText.escape(s) }
}
