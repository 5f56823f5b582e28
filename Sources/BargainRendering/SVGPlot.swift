import BargainUnits
import BargainAnalysis

/// The frame every SVG chart shares: the plot area, its scales, ticks and gridlines, axis titles
/// with units, and the `<title>`/`<desc>` a screen reader announces. A chart kind adds its marks.
struct SVGPlot {
    let chart: Chart
    let id: String
    let xTicks: [Double], yTicks: [Double]
    let xUnit: UnitProduct, yUnit: UnitProduct
    let xTitle: String, yTitle: String
    let left: Double, top: Double, plotWidth: Double, plotHeight: Double
    let width: Double, height: Double
    let xDomain: (Double, Double), yDomain: (Double, Double)
    /// Drawn under the gridlines (year bands), over them (the data), and beside the axis.
    var background: [String] = []
    var marks: [String] = []
    var axisLabels: [String] = []
    /// The `<desc>`: what the chart shows, in words.
    var description = ""

    init(_ chart: Chart, id: String, xTicks: [Double], xUnit: UnitProduct, yTicks: [Double], yUnit: UnitProduct,
         xTitle: String, yTitle: String, left: Double? = nil, plotHeight: Double? = nil, xRange: (Double, Double)? = nil,
         legendRows: Int = 0) {
        self.chart = chart
        self.id = id
        self.xTicks = xTicks
        self.yTicks = yTicks
        self.xUnit = xUnit
        self.yUnit = yUnit
        self.xTitle = xTitle
        self.yTitle = yTitle
        let tickWidth = Double(yTicks.map { AxisTicks.label($0, yUnit).count }.max() ?? 0) * 7.5
        self.left = left ?? Swift.max(56, 30 + tickWidth)
        self.top = 40
        self.width = SVGChart.width
        self.plotWidth = SVGChart.width - self.left - 28
        self.plotHeight = plotHeight ?? (SVGChart.height - 40 - 56)
        self.height = 40 + self.plotHeight + 56 + (legendRows > 0 ? 10 + Double(legendRows) * 18 : 0)
        self.xDomain = xRange ?? (xTicks.first ?? 0, xTicks.last ?? 1)
        self.yDomain = (yTicks.first ?? 0, yTicks.last ?? 1)
    }

    var bottom: Double { top + plotHeight }

    func x(_ value: Double) -> Double {
        let span = xDomain.1 - xDomain.0
        return left + (span > 0 ? (value - xDomain.0) / span : 0.5) * plotWidth
    }

    /// A value's height, kept inside the plot (a series zoomed with `from Y` may dip below it).
    func y(_ value: Double) -> Double {
        let span = yDomain.1 - yDomain.0
        let at = bottom - (span > 0 ? (value - yDomain.0) / span : 0.5) * plotHeight
        return Swift.min(bottom, Swift.max(top, at))
    }

    /// A line through the points, broken where a value is missing.
    func path(_ points: [(Double, Double)], stroke: String, dash: String = "") -> String {
        var d = ""
        d.reserveCapacity(points.count * 14)
        var pen = false
        for (px, py) in points {
            guard px.isFinite, py.isFinite else { pen = false; continue }
            d += (pen ? "L" : "M") + SVGChart.c(x(px)) + " " + SVGChart.c(y(py))
            pen = true
        }
        return "<path class=\"mark\" d=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"2\" stroke-linejoin=\"round\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>"
    }

    func svg() -> String {
        let c = SVGChart.c, e = SVGChart.e
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(c(width)) \(c(height))\" width=\"\(c(width))\" height=\"\(c(height))\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\">"
        out += "\n<title id=\"\(id)-title\">\(e(chart.title))</title><desc id=\"\(id)-desc\">\(e(description))</desc>"
        out += "\n<rect width=\"\(c(width))\" height=\"\(c(height))\" fill=\"#fff\"/>"
        out += "\n<text x=\"12\" y=\"22\" font-size=\"15\" font-weight=\"600\" fill=\"#111\">\(e(SVGChart.truncated(chart.title, 66)))</text>"
        if !background.isEmpty { out += "\n" + background.joined(separator: "\n") }
        // Horizontal gridlines at the value ticks, labelled on the left.
        for tick in yTicks {
            let at = y(tick)
            out += "\n<line x1=\"\(c(left))\" y1=\"\(c(at))\" x2=\"\(c(left + plotWidth))\" y2=\"\(c(at))\" stroke=\"#ddd\"/>"
            out += "\n<text x=\"\(c(left - 6))\" y=\"\(c(at + 4))\" text-anchor=\"end\" font-size=\"12.5\" fill=\"#333\">\(e(AxisTicks.label(tick, yUnit)))</text>"
        }
        // Vertical gridlines at the x ticks, labelled below.
        for tick in xTicks {
            let at = x(tick)
            out += "\n<line x1=\"\(c(at))\" y1=\"\(c(top))\" x2=\"\(c(at))\" y2=\"\(c(bottom))\" stroke=\"#eee\"/>"
            out += "\n<line x1=\"\(c(at))\" y1=\"\(c(bottom))\" x2=\"\(c(at))\" y2=\"\(c(bottom + 4))\" stroke=\"#555\"/>"
            out += "\n<text x=\"\(c(at))\" y=\"\(c(bottom + 16))\" text-anchor=\"middle\" font-size=\"12.5\" fill=\"#333\">\(e(AxisTicks.label(tick, xUnit)))</text>"
        }
        if !marks.isEmpty { out += "\n" + marks.joined(separator: "\n") }
        out += "\n<line x1=\"\(c(left))\" y1=\"\(c(bottom))\" x2=\"\(c(left + plotWidth))\" y2=\"\(c(bottom))\" stroke=\"#555\"/>"
        if !yTicks.isEmpty {
            out += "\n<line x1=\"\(c(left))\" y1=\"\(c(top))\" x2=\"\(c(left))\" y2=\"\(c(bottom))\" stroke=\"#555\"/>"
        }
        if !axisLabels.isEmpty { out += "\n" + axisLabels.joined(separator: "\n") }
        if !xTitle.isEmpty {
            out += "\n<text x=\"\(c(left + plotWidth / 2))\" y=\"\(c(bottom + 40))\" text-anchor=\"middle\" font-size=\"13\" fill=\"#222\">\(e(xTitle))</text>"
        }
        if !yTitle.isEmpty {
            let middle = top + plotHeight / 2
            out += "\n<text x=\"14\" y=\"\(c(middle))\" text-anchor=\"middle\" font-size=\"13\" fill=\"#222\" transform=\"rotate(-90 14 \(c(middle)))\">\(e(SVGChart.truncated(yTitle, 48)))</text>"
        }
        return out + "\n</svg>"
    }
}
