import BargainUnits

/// A chart as data, attached to the table it illustrates. `ChartText` draws it.
package struct Chart: Sendable {
    package enum Kind: Sendable {
        /// y against x, drawn as columns: sweeps.
        case columns(x: [Double], y: [Double])
        /// Several series against the same x, one line each: a sweep over a grid of two inputs.
        case lines(x: [Double], series: [Series])
        /// Counts per bin of equal width, at the bins' centres: simulate's draws.
        case histogram(centers: [Double], counts: [Double])
        /// Horizontal bars from a centre: a tornado (sensitivity) or a waterfall (diff).
        case bars([Bar])
        /// A series over the weeks of the contract (week 1 first), contract years of
        /// `yearLength` weeks marked; the value axis starts at `floor`.
        case timeline(values: [Double], yearLength: Int, floor: Double)
        /// Points (x, y) of a trade-off curve, and labelled points set against it: a frontier
        /// and the scenarios.
        case scatter(points: [(Double, Double)], marks: [Mark])
    }

    /// A labelled point: a scenario on a frontier chart.
    package struct Mark: Sendable {
        package let label: String
        package let x: Double
        package let y: Double
        init(_ label: String, x: Double, y: Double) {
            self.label = label
            self.x = x
            self.y = y
        }
    }

    package struct Bar: Sendable {
        package let label: String
        package let from: Double
        package let to: Double
        init(_ label: String, from: Double, to: Double) {
            self.label = label
            self.from = from
            self.to = to
        }
    }

    /// One line of a `.lines` chart: its label (`indirect_hours = 3.5 h/wk/FTE`) and its values.
    package struct Series: Sendable {
        package let label: String
        package let y: [Double]
        init(_ label: String, y: [Double]) {
            self.label = label
            self.y = y
        }
    }

    package let kind: Kind
    package let title: String
    /// Axis labels with units: `layoffs (staff)`.
    package let xLabel: String
    package let yLabel: String
    /// How numbers on the value axis are written (in the display unit, as the table shows them).
    package let unit: UnitProduct
    package let xUnit: UnitProduct

    package init(_ kind: Kind, title: String, xLabel: String = "", yLabel: String = "", unit: UnitProduct = .one,
                xUnit: UnitProduct = .one) {
        self.kind = kind
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.unit = unit
        self.xUnit = xUnit
    }
}
