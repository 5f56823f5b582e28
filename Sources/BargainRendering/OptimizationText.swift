import BargainUnits
import BargainAnalysis

/// `optimize`'s answer as text: the objective, each lever's value, each constraint with its
/// slack and what loosening it would gain, and how sure the search is.
enum OptimizationText {
    static func render(_ o: Optimization) -> String {
        var lines = ["optimize: \(o.goal.rawValue) \(o.objective) = \(quantity(o.objectiveValue, o.objectiveUnit))"]
        let leverWidth = o.levers.map(\.name.count).max() ?? 0
        for lever in o.levers {
            var line = "  " + ChartText.pad(lever.name, leverWidth, left: true) + " = " + quantity(lever.value, lever.unit)
            if let held = heldByRange(lever, o) { line += "   " + held }
            lines.append(line)
        }
        if !o.constraints.isEmpty {
            lines.append("such that")
            let textWidth = o.constraints.map(\.text.count).max() ?? 0
            let values = o.constraints.map { quantity($0.value, $0.unit) }
            let valueWidth = values.map(\.count).max() ?? 0
            for (state, value) in zip(o.constraints, values) {
                var line = "  " + ChartText.pad(state.text, textWidth, left: true) + "   " + ChartText.pad(value, valueWidth) + "   slack " + amount(shownSlack(state), state.unit)
                if let loosened = loosening(state, o) {
                    line += "   binds: " + loosened
                } else if state.gain == nil {
                    line += "   (what loosening it gains could not be found)"
                } else {
                    line += "   does not bind"
                }
                lines.append(line)
            }
        }
        lines += sureness(o)
        lines.append("`scenario NAME = _` makes this package a scenario")
        return lines.joined(separator: "\n")
    }

    static func quantity(_ x: Double, _ unit: UnitProduct) -> String { QuantityFormat.format(x, in: unit) }

    /// A difference without its sign; a share's in percentage points.
    static func amount(_ x: Double, _ unit: UnitProduct) -> String {
        let text = Table.Cell.change(Swift.abs(x), unit).text
        return text.hasPrefix("+") ? String(text.dropFirst()) : text
    }

    /// The slack, zero when it is within display precision of the bound.
    static func shownSlack(_ state: Optimization.ConstraintState) -> Double {
        Swift.abs(state.slack) <= 1e-6 * Swift.max(Swift.abs(state.bound), state.unit.factor) ? 0 : state.slack
    }

    /// `held by the low end of its range: at 2.93 h/wk/FTE it would lower cost by $154,455`.
    static func heldByRange(_ lever: Optimization.LeverValue, _ o: Optimization) -> String? {
        guard let beyond = lever.beyond else { return nil }
        let end = beyond.value < lever.low ? "low" : "high"
        return "held by the \(end) end of its range: at \(quantity(beyond.value, lever.unit)) it would \(o.goal == .minimize ? "lower" : "raise") \(o.objective) by \(amount(beyond.gain, o.objectiveUnit))"
    }

    /// `at 89% it would lower cost by $14.14M`, for a constraint that binds.
    static func loosening(_ state: Optimization.ConstraintState, _ o: Optimization) -> String? {
        guard state.binds, let relaxed = state.relaxedBound, let gain = state.gain else { return nil }
        return "at \(quantity(relaxed, state.unit)) it would \(o.goal == .minimize ? "lower" : "raise") \(o.objective) by \(amount(gain, o.objectiveUnit))"
    }

    /// How sure the search is: evaluations and seed, how many regions agree, the best package
    /// elsewhere, and ties when the optimum is flat.
    static func sureness(_ o: Optimization) -> [String] {
        var lines: [String] = []
        var line = "found in \(QuantityFormat.number(Double(o.evaluations))) evaluations, seed \(o.seed); "
        if o.startsAgreeing == o.starts {
            line += o.starts == 1 ? "refined from the best region" : "refined from \(o.starts) separate regions, all ending here"
        } else {
            line += "\(o.startsAgreeing) of \(o.starts) separate regions ended here"
        }
        lines.append(line)
        if let runnerUp = o.runnerUp {
            let difference = Swift.abs(runnerUp.objective - o.objectiveValue)
            let relative = o.objectiveValue != 0 ? " (\(QuantityFormat.number(difference / Swift.abs(o.objectiveValue) * 100))%)" : ""
            let package = zip(o.levers, runnerUp.levers).map { "\($0.name) \(quantity($1, $0.unit))" }.joined(separator: ", ")
            lines.append("the best package elsewhere (\(package)) has \(o.objective) \(o.goal == .minimize ? "higher" : "lower") by \(amount(difference, o.objectiveUnit))\(relative)")
        }
        if o.ties > 0 {
            lines.append("flat: \(o.ties) other packages tried do exactly as well, so the levers are not pinned down by \(o.objective) alone")
        }
        return lines
    }
}
