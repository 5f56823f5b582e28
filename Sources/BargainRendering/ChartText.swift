import BargainUnits
import BargainAnalysis

/// Draws charts in text: Unicode blocks for a terminal, or plain ASCII.
package enum ChartText {
    package enum Style: Sendable { case unicode, ascii }

    package static func render(_ chart: Chart, style: Style, width: Int = 60, height: Int = 10) -> String {
        switch chart.kind {
        case .columns(let x, let y): return columns(chart, x, y, style, width, height)
        case .histogram(let centers, let counts): return histogram(chart, centers, counts, style, width, height)
        case .lines(let x, let series):
            // Text draws each line as a chart of its own.
            return series.map { line in
                let one = Chart(.columns(x: x, y: line.y), title: "\(chart.title), \(line.label)", xLabel: chart.xLabel, unit: chart.unit, xUnit: chart.xUnit)
                return columns(one, x, line.y, style, width, height)
            }.joined(separator: "\n\n")
        case .bars(let bars): return horizontalBars(chart, bars, style, width)
        case .timeline(let values, let yearLength, let floor): return timeline(chart, values, yearLength, floor, style, height)
        case .scatter(let points, let marks): return scatter(chart, points, marks, style, width, height + 4)
        }
    }

    /// Points on a grid of characters: `•` for each computed point of the curve, a letter for
    /// each mark, named in a legend under the chart. Both axes span the data (a trade-off curve
    /// drawn from zero would be a flat line at the top).
    static func scatter(_ chart: Chart, _ points: [(Double, Double)], _ marks: [Chart.Mark], _ style: Style, _ width: Int, _ height: Int) -> String {
        let all = (points + marks.map { ($0.x, $0.y) }).filter { $0.0.isFinite && $0.1.isFinite }
        guard let lowX = all.map(\.0).min(), let highX = all.map(\.0).max(),
              let lowY = all.map(\.1).min(), let highY = all.map(\.1).max() else { return chart.title + ": nothing to draw" }
        var grid = [[Character]](repeating: [Character](repeating: " ", count: width), count: height)
        func cell(_ x: Double, _ y: Double) -> (Int, Int) {
            let c = highX > lowX ? Int(((x - lowX) / (highX - lowX) * Double(width - 1)).rounded()) : width / 2
            let r = highY > lowY ? Int(((highY - y) / (highY - lowY) * Double(height - 1)).rounded()) : height / 2
            return (Swift.max(0, Swift.min(height - 1, r)), Swift.max(0, Swift.min(width - 1, c)))
        }
        let dot: Character = style == .unicode ? "•" : "*"
        for (x, y) in points where x.isFinite && y.isFinite {
            let (r, c) = cell(x, y)
            grid[r][c] = dot
        }
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var legend: [String] = []
        for (n, mark) in marks.enumerated() where mark.x.isFinite && mark.y.isFinite {
            let letter = n < letters.count ? letters[n] : "?"
            let (r, c) = cell(mark.x, mark.y)
            grid[r][c] = letter
            legend.append("\(letter) \(mark.label): \(label(mark.y, chart.unit)), \(label(mark.x, chart.xUnit))")
        }
        let top = label(highY, chart.unit), bottom = label(lowY, chart.unit)
        let gutter = Swift.max(top.count, bottom.count)
        let bar = style == .unicode ? "│" : "|", corner = style == .unicode ? "└" : "+", rule = style == .unicode ? "─" : "-"
        var lines = [chart.title]
        for (r, row) in grid.enumerated() {
            let tag = r == 0 ? top : r == height - 1 ? bottom : ""
            lines.append(pad(tag, gutter) + " " + bar + String(row))
        }
        lines.append(String(repeating: " ", count: gutter + 1) + corner + String(repeating: rule, count: width))
        let left = label(lowX, chart.xUnit), right = label(highX, chart.xUnit)
        lines.append(String(repeating: " ", count: gutter + 2) + left + String(repeating: " ", count: Swift.max(1, width - left.count - right.count)) + right)
        if !chart.xLabel.isEmpty { lines.append(String(repeating: " ", count: gutter + 2) + chart.xLabel + "; up: " + chart.yLabel) }
        lines.append(String(repeating: " ", count: gutter + 2) + "\(dot) the curve's computed points" + (legend.isEmpty ? "" : "; letters the scenarios:"))
        lines += legend.map { String(repeating: " ", count: gutter + 2) + $0 }
        return lines.map { $0.trimmingTrailing(" ") }.joined(separator: "\n")
    }

    /// A value in base units, labelled as the table shows it.
    static func label(_ value: Double, _ unit: UnitProduct) -> String {
        QuantityFormat.format(value, in: unit)
    }

    /// A series over the weeks: one column per week, or per 2, 4 or 13 weeks (their mean) when
    /// the contract is longer than fits, so each column covers the same weeks and a contract
    /// year is a whole number of columns; `┴` marks where each year ends.
    static func timeline(_ chart: Chart, _ values: [Double], _ yearLength: Int, _ floor: Double, _ style: Style, _ height: Int) -> String {
        let finite = values.filter(\.isFinite)
        guard let high = finite.max() else { return chart.title + ": nothing to draw" }
        // Whole years a column once a year does not fit in a column of its own.
        let widths = [1, 2, 4, 13, 26] + (1...).lazy.map { $0 * yearLength }.prefix { $0 <= values.count * yearLength }
        let weeksPerColumn = widths.first { (values.count + $0 - 1) / $0 <= 80 } ?? values.count
        let means: [Double] = stride(from: 0, to: values.count, by: weeksPerColumn).map { start in
            let weeks = values[start..<min(values.count, start + weeksPerColumn)].filter(\.isFinite)
            return weeks.isEmpty ? .nan : weeks.reduce(0, +) / Double(weeks.count)
        }
        let top = Swift.max(high, floor)
        let span = top - floor
        let heights = means.map { $0.isFinite ? (span > 0 ? Swift.max(0, ($0 - floor) / span) : 0) : 0 }
        var lines = [chart.title]
        let gutter = blockRows(heights, top: label(top, chart.unit), bottom: label(floor, chart.unit), style, height, into: &lines)
        // The axis, with a tick under the last column of each contract year.
        let yearColumns = Swift.max(1, yearLength / weeksPerColumn)
        let corner = style == .unicode ? "└" : "+", rule: Character = style == .unicode ? "─" : "-", tick: Character = style == .unicode ? "┴" : "+"
        var axis = [Character](repeating: rule, count: means.count)
        let marksYears = weeksPerColumn < yearLength
        if marksYears {
            for end in stride(from: yearColumns - 1, to: means.count - 1, by: yearColumns) { axis[end] = tick }
        }
        lines.append(String(repeating: " ", count: gutter + 1) + corner + String(axis))
        // Year names centred under their columns, where they fit.
        var names = [Character](repeating: " ", count: means.count)
        for (year, start) in stride(from: 0, to: marksYears ? means.count : 0, by: yearColumns).enumerated() {
            let name = Array(yearColumns >= 7 ? "year \(year + 1)" : "y\(year + 1)")
            let room = Swift.min(yearColumns, means.count - start)
            guard name.count <= room else { continue }
            let at = start + (room - name.count) / 2
            for (i, c) in name.enumerated() { names[at + i] = c }
        }
        lines.append(String(repeating: " ", count: gutter + 2) + String(names))
        let each = weeksPerColumn == 1 ? "one column per week" : "each column the mean of \(weeksPerColumn) weeks"
        lines.append(String(repeating: " ", count: gutter + 2) + "weeks 1–\(values.count), \(each)")
        return lines.map { $0.trimmingTrailing(" ") }.joined(separator: "\n")
    }

    /// Rows of block characters, tallest first, for column heights in 0…1, with the top and
    /// bottom values labelled on the left; returns the label gutter's width.
    static func blockRows(_ heights: [Double], top: String, bottom: String, _ style: Style, _ height: Int, into lines: inout [String]) -> Int {
        let levels: [Character] = style == .unicode ? [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : [" ", ".", ".", ":", ":", "|", "|", "#", "#"]
        let gutter = max(top.count, bottom.count)
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
        return gutter
    }

    static func columns(_ chart: Chart, _ xs: [Double], _ ys: [Double], _ style: Style, _ width: Int, _ height: Int) -> String {
        let points = zip(xs, ys).filter { $0.0.isFinite && $0.1.isFinite }
        guard let first = points.first, let last = points.last else { return chart.title + ": nothing to draw" }
        // The value axis from zero (below it only for negative values): a wait from 14 to 16 bd
        // must not look like one that triples.
        let lowY = Swift.min(0, points.map(\.1).min() ?? 0), highY = Swift.max(0, points.map(\.1).max() ?? 0)
        let span = highY - lowY
        let columnCount = max(1, min(width, points.count > 1 ? width : 1))
        // Each column shows the value at its x, interpolated between the points around it.
        var heights: [Double] = []
        for c in 0..<columnCount {
            let x = columnCount == 1 ? first.0 : first.0 + (last.0 - first.0) * Double(c) / Double(columnCount - 1)
            let y = interpolate(points, at: x)
            heights.append(span > 0 ? (y - lowY) / span : 0.5)
        }
        var lines = [chart.title]
        let gutter = blockRows(heights, top: label(highY, chart.unit), bottom: label(lowY, chart.unit), style, height, into: &lines)
        let corner = style == .unicode ? "└" : "+", rule: Character = style == .unicode ? "─" : "-"
        // `┴` under each column where a point was computed; the columns between are interpolated.
        var axis = [Character](repeating: rule, count: columnCount)
        if points.count > 1, points.count <= columnCount, last.0 > first.0 {
            for (x, _) in points {
                let c = Int(((x - first.0) / (last.0 - first.0) * Double(columnCount - 1)).rounded())
                axis[Swift.max(0, Swift.min(columnCount - 1, c))] = style == .unicode ? "┴" : "+"
            }
        }
        lines.append(String(repeating: " ", count: gutter + 1) + corner + String(axis))
        let left = label(first.0, chart.xUnit), right = label(last.0, chart.xUnit)
        let gap = max(1, columnCount - left.count - right.count)
        lines.append(String(repeating: " ", count: gutter + 2) + left + String(repeating: " ", count: gap) + right)
        if !chart.xLabel.isEmpty { lines.append(String(repeating: " ", count: gutter + 2) + chart.xLabel) }
        return lines.joined(separator: "\n")
    }

    /// Counts per bin as blocks, each bin the same number of columns, from zero; the axis runs
    /// from the first bin's lower edge to the last one's upper edge: the data's range, not the
    /// bins' centres.
    static func histogram(_ chart: Chart, _ centers: [Double], _ counts: [Double], _ style: Style, _ width: Int, _ height: Int) -> String {
        guard let first = centers.first, let last = centers.last, let top = counts.max(), top > 0 else { return chart.title + ": nothing to draw" }
        let binWidth = centers.count > 1 ? (last - first) / Double(centers.count - 1) : 0
        let perBin = Swift.max(1, width / Swift.max(1, centers.count))
        let heights = counts.flatMap { count in [Double](repeating: count / top, count: perBin) }
        var lines = [chart.title]
        let gutter = blockRows(heights, top: QuantityFormat.number(top), bottom: "0", style, height, into: &lines)
        let corner = style == .unicode ? "└" : "+", rule = style == .unicode ? "─" : "-"
        lines.append(String(repeating: " ", count: gutter + 1) + corner + String(repeating: rule, count: heights.count))
        let left = label(first - binWidth / 2, chart.xUnit), right = label(last + binWidth / 2, chart.xUnit)
        lines.append(String(repeating: " ", count: gutter + 2) + left + String(repeating: " ", count: Swift.max(1, heights.count - left.count - right.count)) + right)
        if !chart.xLabel.isEmpty { lines.append(String(repeating: " ", count: gutter + 2) + chart.xLabel + ", \(centers.count) bins of \(label(binWidth, chart.xUnit))") }
        return lines.map { $0.trimmingTrailing(" ") }.joined(separator: "\n")
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
