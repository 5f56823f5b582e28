import BargainUnits
import BargainAnalysis

/// Draws a `Chart` as a self-contained SVG: inline in an HTML exhibit, or a file of its own beside
/// a Markdown one. Presentation is in attributes, not CSS, so the same text works in both places.
///
/// Each chart kind has one function here drawing into a `SVGPlot` (axes, ticks, title and
/// description); a new kind of `Chart` is a new case and one more function. Every data mark has
/// class `mark`, which the browser tests count.
package enum SVGChart {
    static let width = 580.0
    static let height = 340.0

    /// `id` makes the `<title>` and `<desc>` ids unique within a page.
    package static func render(_ chart: Chart, id: String) -> String {
        switch chart.kind {
        case .columns(let x, let y): return sweep(chart, x, y, id: id)
        case .histogram(let centers, let counts): return histogram(chart, centers, counts, id: id)
        case .lines(let x, let series): return lines(chart, x, series, id: id)
        case .bars(let bars): return horizontalBars(chart, bars, id: id)
        case .timeline(let values, let yearLength, let floor): return timeline(chart, values, yearLength, floor, id: id)
        case .scatter(let points, let marks): return scatter(chart, points, marks, id: id)
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
        plot.description = "Line chart of \(chart.yLabel.isEmpty ? chart.title : chart.yLabel) against \(xLabel), \(points.count) computed \(points.count == 1 ? "point" : "points")\(radius > 0 ? ", each marked," : "") from \(QuantityFormat.format(first.0, in: chart.xUnit)) to \(QuantityFormat.format(last.0, in: chart.xUnit)); values from \(QuantityFormat.format(ysShown.min() ?? 0, in: chart.unit)) to \(QuantityFormat.format(ysShown.max() ?? 0, in: chart.unit)); the value axis starts at \(AxisTicks.label(plot.yTicks.first ?? 0, chart.unit))."
        return plot.svg()
    }

    /// Colours told apart in print and by most colour-blind readers (Okabe–Ito), with a dash
    /// pattern each as well.
    static let seriesColours = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442"]
    static let seriesDashes = ["", "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "10 4", "3 6"]

    /// Several lines against one x (a grid sweep), each with markers at its computed points and a
    /// legend naming it.
    static func lines(_ chart: Chart, _ xs: [Double], _ series: [Chart.Series], id: String) -> String {
        let all = series.flatMap { zip(xs, $0.y).filter { $0.0.isFinite && $0.1.isFinite } }
        guard let lowX = all.map(\.0).min(), let highX = all.map(\.0).max() else { return empty(chart, id: id) }
        let lowY = Swift.min(0, all.map(\.1).min() ?? 0), highY = Swift.max(0, all.map(\.1).max() ?? 0)
        var plot = SVGPlot(chart, id: id, xTicks: AxisTicks.ticks(lowX, highX, unit: chart.xUnit), xUnit: chart.xUnit,
                           yTicks: AxisTicks.ticks(lowY, highY, unit: chart.unit), yUnit: chart.unit,
                           xTitle: chart.xLabel, yTitle: yTitle(chart), legendRows: series.count)
        for (k, line) in series.enumerated() {
            let colour = seriesColours[k % seriesColours.count], dash = seriesDashes[k % seriesDashes.count]
            let points = zip(xs, line.y).map { ($0, $1) }
            plot.marks.append(plot.path(points, stroke: colour, dash: dash))
            for (x, y) in points where x.isFinite && y.isFinite && points.count <= 200 {
                plot.marks.append("<circle class=\"mark\" cx=\"\(c(plot.x(x)))\" cy=\"\(c(plot.y(y)))\" r=\"3\" fill=\"\(colour)\"><title>\(e(line.label)), \(e(AxisTicks.label(x, chart.xUnit))): \(e(QuantityFormat.format(y, in: chart.unit)))</title></circle>")
            }
            let legendY = plot.bottom + 58 + Double(k) * 18
            plot.axisLabels.append("<line x1=\"\(c(plot.left))\" y1=\"\(c(legendY - 4))\" x2=\"\(c(plot.left + 28))\" y2=\"\(c(legendY - 4))\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>")
            plot.axisLabels.append("<text x=\"\(c(plot.left + 36))\" y=\"\(c(legendY))\" font-size=\"12\" fill=\"#222\">\(e(line.label))</text>")
        }
        plot.description = "Line chart of \(yTitle(chart)) against \(chart.xLabel), one line per \(series.count == 1 ? "series" : "series (\(series.count))"), each computed point marked: " + series.map { line in
            let values = line.y.filter(\.isFinite)
            return "\(line.label) from \(QuantityFormat.format(values.first ?? .nan, in: chart.unit)) to \(QuantityFormat.format(values.last ?? .nan, in: chart.unit))"
        }.joined(separator: "; ") + "; the value axis starts at \(AxisTicks.label(plot.yTicks.first ?? 0, chart.unit))."
        return plot.svg()
    }

    /// A trade-off curve (a frontier): its computed points joined and marked, and each scenario as
    /// a labelled square. Both axes span the data: drawn from zero, a curve of costs between $2.5B
    /// and $3.2B would be a flat line.
    static func scatter(_ chart: Chart, _ points: [(Double, Double)], _ marks: [Chart.Mark], id: String) -> String {
        let curve = points.filter { $0.0.isFinite && $0.1.isFinite }
        let all = curve + marks.map { ($0.x, $0.y) }.filter { $0.0.isFinite && $0.1.isFinite }
        guard let lowX = all.map(\.0).min(), let highX = all.map(\.0).max(),
              let lowY = all.map(\.1).min(), let highY = all.map(\.1).max() else { return empty(chart, id: id) }
        var plot = SVGPlot(chart, id: id, xTicks: AxisTicks.ticks(lowX, highX, unit: chart.xUnit), xUnit: chart.xUnit,
                           yTicks: AxisTicks.ticks(lowY, highY, unit: chart.unit), yUnit: chart.unit,
                           xTitle: chart.xLabel, yTitle: yTitle(chart), legendRows: marks.count)
        plot.marks.append(plot.path(curve, stroke: lineColour))
        for (x, y) in curve {
            plot.marks.append("<circle class=\"mark\" cx=\"\(c(plot.x(x)))\" cy=\"\(c(plot.y(y)))\" r=\"3\" fill=\"\(lineColour)\"><title>\(e(QuantityFormat.format(x, in: chart.xUnit))): \(e(QuantityFormat.format(y, in: chart.unit)))</title></circle>")
        }
        for (k, mark) in marks.enumerated() where mark.x.isFinite && mark.y.isFinite {
            let colour = seriesColours[(k + 1) % seriesColours.count]
            let x = plot.x(mark.x), y = plot.y(mark.y)
            plot.marks.append("<rect class=\"mark\" x=\"\(c(x - 5))\" y=\"\(c(y - 5))\" width=\"10\" height=\"10\" fill=\"\(colour)\"><title>\(e(mark.label)): \(e(QuantityFormat.format(mark.y, in: chart.unit))), \(e(QuantityFormat.format(mark.x, in: chart.xUnit)))</title></rect>")
            let legendY = plot.bottom + 58 + Double(k) * 18
            plot.axisLabels.append("<rect x=\"\(c(plot.left + 9))\" y=\"\(c(legendY - 9))\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>")
            plot.axisLabels.append("<text x=\"\(c(plot.left + 36))\" y=\"\(c(legendY))\" font-size=\"12\" fill=\"#222\">\(e(mark.label)): \(e(QuantityFormat.format(mark.y, in: chart.unit))), \(e(QuantityFormat.format(mark.x, in: chart.xUnit)))</text>")
        }
        plot.description = "Frontier of \(yTitle(chart)) against \(chart.xLabel): \(curve.count) efficient packages, each computed point marked, from \(QuantityFormat.format(curve.first?.0 ?? .nan, in: chart.xUnit)) to \(QuantityFormat.format(curve.last?.0 ?? .nan, in: chart.xUnit)); scenarios as squares: " + marks.map { "\($0.label) at \(QuantityFormat.format($0.y, in: chart.unit)), \(QuantityFormat.format($0.x, in: chart.xUnit))" }.joined(separator: "; ") + "; both axes span the data."
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
        let labelWidth = Swift.min(200, Double(bars.map(\.label.count).max() ?? 0) * 7.5 + 12)
        let rowHeight = 26.0
        // By-year bars all start at zero: one colour. A waterfall starts and ends with a total
        // (a marker); its steps, like a tornado's bars, are coloured by direction, with a legend.
        let fromZero = bars.allSatisfy { $0.from == 0 }
        let waterfall = bars.first.map { $0.from == $0.to } ?? false
        var plot = SVGPlot(chart, id: id, xTicks: AxisTicks.ticks(low, high, unit: chart.unit), xUnit: chart.unit,
                           yTicks: [], yUnit: .one, xTitle: yTitle(chart), yTitle: "",
                           left: labelWidth, plotHeight: rowHeight * Double(bars.count), legendRows: fromZero ? 0 : 1)
        for (index, bar) in bars.enumerated() {
            let top = plot.top + rowHeight * Double(index)
            let middle = top + rowHeight / 2
            plot.marks.append("<text x=\"\(c(plot.left - 8))\" y=\"\(c(middle + 4))\" text-anchor=\"end\" font-size=\"13\" fill=\"#222\">\(e(truncated(bar.label, 28)))</text>")
            guard bar.from.isFinite, bar.to.isFinite else { continue }
            let a = plot.x(Swift.min(bar.from, bar.to)), b = plot.x(Swift.max(bar.from, bar.to))
            let value = QuantityFormat.format(bar.to, in: chart.unit)
            if bar.from == bar.to {
                // A total: a marker where it stands.
                plot.marks.append("<rect class=\"mark\" x=\"\(c(a - 1.5))\" y=\"\(c(top + 3))\" width=\"3\" height=\"\(c(rowHeight - 6))\" fill=\"#222\"><title>\(e(bar.label)): \(e(value))</title></rect>")
            } else {
                let colour = fromZero ? lineColour : bar.to > bar.from ? upColour : downColour
                plot.marks.append("<rect class=\"mark\" x=\"\(c(a))\" y=\"\(c(top + 5))\" width=\"\(c(Swift.max(1, b - a)))\" height=\"\(c(rowHeight - 10))\" fill=\"\(colour)\"><title>\(e(bar.label)): \(e(QuantityFormat.format(bar.from, in: chart.unit))) → \(e(value))</title></rect>")
            }
            // The value where the bar ends (its `to`): outside that end, or inside it when there is no room.
            let needed = Double(value.count) * 7 + 6
            let rightward = bar.to >= bar.from
            let room = rightward ? plot.left + plot.plotWidth - b : a - plot.left
            let outside = room > needed || b - a < needed
            let anchor = rightward == outside ? "start" : "end"
            let valueX = rightward ? (outside ? b + 4 : b - 4) : (outside ? a - 4 : a + 4)
            plot.marks.append("<text x=\"\(c(valueX))\" y=\"\(c(middle + 4))\" text-anchor=\"\(anchor)\" font-size=\"12\" fill=\"\(outside ? "#444" : "#fff")\">\(e(value))</text>")
        }
        if !fromZero {
            let legend = waterfall ? [("raises it", upColour), ("lowers it", downColour), ("a total", "#222")]
                : [("higher with the input up", upColour), ("lower with the input up", downColour)]
            var at = plot.left
            let y = plot.bottom + 62
            for (text, colour) in legend {
                plot.axisLabels.append("<rect x=\"\(c(at))\" y=\"\(c(y - 10))\" width=\"12\" height=\"12\" fill=\"\(colour)\"/><text x=\"\(c(at + 17))\" y=\"\(c(y))\" font-size=\"12.5\" fill=\"#222\">\(text)</text>")
                at += 17 + Double(text.count) * 7 + 18
            }
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
        plot.marks.append(plot.path(points, stroke: lineColour))
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
