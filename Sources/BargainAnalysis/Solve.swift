import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainSemantics
import BargainEngine

/// `solve x so output = target [in A..B]`: the input value that gives the target. With `<=` or
/// `>=`, the input where the relation starts (or stops) holding: the fewest hires that keep a
/// wait under a target, the most layoffs that do. Brackets first on a grid, then refines (Brent's method for `=`,
/// bisection on the boundary otherwise), and says when there is no answer in range or when the
/// answer sits on a kink of a `min`, `max` or `if`.
struct Solve {
    let context: AnalysisContext
    let input: Definition
    /// The output at any value of the input (a `P(…)` included).
    let outputs: PointOutputs
    let target: Double
    let outputUnit: UnitProduct
    let cancel: Cancellation
    var evaluations = 0
    /// The outputs seen on the grids, as computed (not less the target: with a target of 1e300
    /// the difference would lose them), for saying what range the output covers.
    var outputsSeen: [Double] = []

    static func solve(_ workspace: Workspace, input id: Identifier, output expr: Expr, relation: SolveRelation,
                      target targetExpr: Expr, range: (Expr, Expr)?, cancel: Cancellation) throws(Diagnostic) -> Outcome {
        let context = AnalysisContext(workspace)
        let input = try context.input(id)
        let outputDimension: Dimension, unit: UnitProduct
        if try context.probabilityCondition(expr) != nil {
            (outputDimension, unit) = (.none, .percent)
        } else {
            let (output, outputUnit) = try context.output(expr)
            (outputDimension, unit) = (context.dimension(of: output), outputUnit)
        }
        let target = try context.value(targetExpr, asA: outputDimension, bareIn: unit, role: "the target", of: expr.span.text)
        let outputs = try PointOutputs(context, outputs: [expr], parameters: [input.name], cancel: cancel)
        var solver = Solve(context: context, input: input, outputs: outputs, target: target, outputUnit: unit, cancel: cancel)
        var bounds: (Double, Double)? = nil
        if let (low, high) = range {
            let lo = try context.value(low, for: input), hi = try context.value(high, for: input)
            guard lo < hi else { throw Diagnostic(.domain, "the range must run from a lower value to a higher one", at: low.span.to(high.span)) }
            bounds = (lo, hi)
        }
        let label = expr.span.text
        switch relation {
        case .equal: return try solver.root(in: bounds, label: label, at: targetExpr.span)
        case .atMost, .atLeast: return try solver.boundary(relation, in: bounds, label: label, at: targetExpr.span)
        }
    }

    /// The output minus the target at x (NaN where the model has no value).
    mutating func f(_ x: Double) -> Double {
        evaluations += 1
        return ((try? outputs.run([[x]], explainFailures: 0))?.values[0][0] ?? .nan) - target
    }

    /// f on an even grid over [lo, hi], in one block.
    mutating func grid(_ lo: Double, _ hi: Double, count: Int = 65) throws(Diagnostic) -> [(Double, Double)] {
        let xs = (0..<count).map { lo + (hi - lo) * Double($0) / Double(count - 1) }
        let results = try outputs.run(xs.map { [$0] }, explainFailures: 0)
        evaluations += count
        outputsSeen += results.values[0].filter(\.isFinite)
        return zip(xs, results.values[0].map { $0 - target }).map { ($0, $1) }
    }

    /// Ranges to search: the one given, or wider and wider ones around the input's value.
    func searchRanges(_ bounds: (Double, Double)?) -> [(Double, Double)] {
        if let bounds { return [bounds] }
        let value = context.scenario.result(input.name).flatMap { try? $0.get().scalar } ?? 0
        let unit = input.unit.factor
        var width = max(Swift.abs(value) * 2, 100 * unit)
        var ranges: [(Double, Double)] = []
        for _ in 0..<10 {
            ranges.append(value >= 0 ? (0, max(value, 0) + width) : (value - width, -value + width))
            width *= 4
        }
        return ranges
    }

    func solution(_ value: Double, label: String, notes: [SolveNote]) -> Solution {
        var notes = notes
        // A wait held to the access standard is an average at the standard, not the standard met.
        if label.contains("wait"), let standard = context.scenario.result("access_standard").flatMap({ try? $0.get().scalar }),
           Swift.abs(target - standard) <= 1e-9 * Swift.abs(standard), context.scenario.program["return_compliance"] != nil {
            notes.append(.averageIsNotTheRule(standard: standard))
        }
        if outputs.hasChances { notes.append(.chance(draws: PointOutputs.draws, seed: outputs.seed)) }
        return Solution(input: input.name, value: value, unit: input.unit, output: label, outputUnit: outputUnit,
                        target: target, notes: notes, scenario: context.scenario.name)
    }

    /// Quantities in the messages of diagnostics (notes are data: `SolutionText` writes them).
    func show(_ x: Double) -> String { QuantityFormat.format(x, in: input.unit) }
    func showOutput(_ y: Double) -> String { QuantityFormat.format(y, in: outputUnit) }

    mutating func root(in bounds: (Double, Double)?, label: String, at span: Span) throws(Diagnostic) -> Outcome {
        var searched = (0.0, 0.0)
        var noValueFrom: Double? = nil
        for (lo, hi) in searchRanges(bounds) {
            searched = (lo, hi)
            let points = try grid(lo, hi)
            if let failing = points.first(where: { $0.1.isNaN }) { noValueFrom = failing.0 }
            var crossings: [(Double, Double, Double, Double)] = []
            for (p, q) in zip(points, points.dropFirst()) where p.1.isFinite && q.1.isFinite {
                if p.1 == 0 {
                    if crossings.last?.1 != p.0 { crossings.append((p.0, p.0, 0, 0)) }
                } else if p.1 * q.1 <= 0 {
                    crossings.append((p.0, q.0, p.1, q.1))
                }
            }
            if let last = points.last, last.1 == 0, crossings.last?.1 != last.0 { crossings.append((last.0, last.0, 0, 0)) }
            guard let first = crossings.first else {
                // Wider is pointless once the far half of the range has no value.
                if points.suffix(points.count / 2).allSatisfy({ $0.1.isNaN }) { break }
                continue
            }
            // Reaching the target exactly at a grid point may mean the output sits on it over a
            // stretch (a `min` or `max` at its cap): find where that stretch begins.
            var x: Double
            var flatTo: Double? = nil
            if first.3 == 0 && first.2 != 0 {
                x = edge(from: first.0, to: first.1) { $0 == 0 }
                flatTo = points.drop(while: { $0.0 <= first.1 }).prefix(while: { $0.1 == 0 }).last?.0
            } else {
                x = try brent(first.0, first.1, first.2, first.3)
            }
            var notes: [SolveNote] = [.reached(output: f(x) + target, searchedFrom: lo, to: hi, evaluations: evaluations)]
            if let flatTo { notes.append(.flat(until: flatTo)) }
            if !outputs.hasChances { notes += kindOfPoint(x, scale: hi - lo) }
            if crossings.count > 1 {
                notes.append(.alsoNear(crossings.dropFirst().prefix(3).map { ($0.0 + $0.1) / 2 }))
            }
            return .solved(solution(x, label: label, notes: notes))
        }
        var diagnostic = Diagnostic(.noSolution, "no value of `\(input.name)` in \(show(searched.0))..\(show(searched.1)) gives \(label) = \(showOutput(target))",
                                    at: span)
        if let low = outputsSeen.min(), let high = outputsSeen.max() {
            diagnostic = diagnostic.noting("over that range \(label) goes from \(showOutput(low)) to \(showOutput(high))")
        }
        if let noValueFrom {
            diagnostic = diagnostic.noting("the model has no value at some points (first seen at \(show(noValueFrom)))")
        }
        diagnostic.help = bounds == nil ? "give a range: `solve \(input.name) so … in A..B`" : "try a wider range"
        throw diagnostic
    }

    /// Brent's method on a bracket [a, b] with f(a), f(b) of opposite signs (or one zero).
    mutating func brent(_ a0: Double, _ b0: Double, _ fa0: Double, _ fb0: Double) throws(Diagnostic) -> Double {
        var a = a0, b = b0, fa = fa0, fb = fb0
        if fa == 0 { return a }
        if fb == 0 { return b }
        var c = a, fc = fa, d = b - a, e = d
        for _ in 0..<200 {
            if (fb > 0) == (fc > 0) { c = a; fc = fa; d = b - a; e = d }
            if Swift.abs(fc) < Swift.abs(fb) { a = b; b = c; c = a; fa = fb; fb = fc; fc = fa }
            let tolerance = 2 * Double.ulpOfOne * Swift.abs(b) + 1e-12 * Swift.max(1, Swift.abs(b0 - a0))
            let m = (c - b) / 2
            if Swift.abs(m) <= tolerance || fb == 0 { return b }
            if Swift.abs(e) >= tolerance && Swift.abs(fa) > Swift.abs(fb) {
                var p: Double, q: Double
                let s = fb / fa
                if a == c {
                    p = 2 * m * s
                    q = 1 - s
                } else {
                    let r = fb / fc, t = fa / fc
                    p = s * (2 * m * t * (t - r) - (b - a) * (r - 1))
                    q = (t - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if 2 * p < Swift.min(3 * m * q - Swift.abs(tolerance * q), Swift.abs(e * q)) {
                    e = d
                    d = p / q
                } else {
                    d = m
                    e = m
                }
            } else {
                d = m
                e = m
            }
            a = b
            fa = fb
            b += Swift.abs(d) > tolerance ? d : (m > 0 ? tolerance : -tolerance)
            fb = f(b)
            if fb.isNaN { return bisect(a, c) }
        }
        return b
    }

    /// Where `condition` starts to hold between `a` (where it does not) and `b` (where it does).
    mutating func edge(from a0: Double, to b0: Double, _ condition: (Double) -> Bool) -> Double {
        var a = a0, b = b0
        for _ in 0..<200 where Swift.abs(b - a) > 1e-13 * Swift.max(1, Swift.abs(b)) {
            let m = (a + b) / 2
            if condition(f(m)) { b = m } else { a = m }
        }
        return b
    }

    /// Plain bisection, for when a step lands where the model has no value.
    mutating func bisect(_ a0: Double, _ b0: Double) -> Double {
        var a = a0, b = b0, fa = f(a)
        for _ in 0..<200 where Swift.abs(b - a) > 1e-12 * Swift.max(1, Swift.abs(a)) {
            let m = (a + b) / 2, fm = f(m)
            if fm.isNaN || (fm > 0) == (fa > 0) { a = m; fa = fm } else { b = m }
        }
        return (a + b) / 2
    }

    /// Notes when the answer is not a clean crossing: a jump, a kink, or the end of the range.
    mutating func kindOfPoint(_ x: Double, scale width: Double) -> [SolveNote] {
        let scale = Swift.max(Swift.abs(width), Swift.abs(x), 1e-12)
        let h = scale * 1e-6
        let y = f(x), left = f(x - h), right = f(x + h)
        guard y.isFinite, left.isFinite, right.isFinite else { return [] }
        let outputScale = Swift.max(Swift.abs(target), Swift.abs(left), Swift.abs(right), 1e-300)
        if Swift.abs(y) > 1e-6 * outputScale && Swift.abs(right - left) > 1e-3 * outputScale {
            return [.jumpsPast(below: left + target, above: right + target)]
        }
        let slopeLeft = (y - left) / h, slopeRight = (right - y) / h
        let larger = Swift.max(Swift.abs(slopeLeft), Swift.abs(slopeRight))
        if larger > 0 && Swift.abs(slopeLeft - slopeRight) > 0.1 * larger {
            return [.kink]
        }
        return []
    }

    /// `<=` or `>=`: the edge of the set of inputs where the relation holds. When it holds
    /// from some input upwards (a wait that falls as hires rise), the smallest input where it
    /// holds; when it holds up to some input (a wait that grows with layoffs), the largest.
    /// Either way the answer is the input at which the relation starts or stops holding, which
    /// is what a negotiator asks ("how many hires keep waits within 10 bd?"), not an end of
    /// the range. The whole set is reported when it is more than one stretch, and a stretch
    /// that ends where the model stops having a value (no staff left) is said to, not taken
    /// for an edge.
    mutating func boundary(_ relation: SolveRelation, in bounds: (Double, Double)?, label: String, at span: Span) throws(Diagnostic) -> Outcome {
        func holds(_ g: Double) -> Bool { g.isFinite && (relation == .atMost ? g <= 0 : g >= 0) }
        var searched = (0.0, 0.0)
        var heldEverywhere = false
        for (lo, hi) in searchRanges(bounds) {
            searched = (lo, hi)
            let points = try grid(lo, hi)
            let held = points.map { holds($0.1) }
            heldEverywhere = held.allSatisfy { $0 }
            if heldEverywhere {
                if bounds != nil || lo == hi { break }
                continue  // holds over all of this range: its edge may lie further out
            }
            guard held.contains(true) else {
                if points.suffix(points.count / 2).allSatisfy({ $0.1.isNaN }) { break }
                continue
            }
            let stretches = try self.stretches(points, held, holds)
            // Edges where the output crosses the bound, not where the model stops having a value.
            let edges = zip(held.indices, held.indices.dropFirst()).filter {
                held[$0.0] != held[$0.1] && points[$0.0].1.isFinite && points[$0.1].1.isFinite
            }
            var noValue: Double? = nil, noValueReason = ""
            if let k = points.firstIndex(where: { $0.1.isNaN }) {
                noValue = k == 0 ? points[0].0 : try edge(holding: points[k - 1].0, failing: points[k].0) { $0.isFinite }
                noValueReason = failure(at: points[k].0)
            }
            var notes: [SolveNote] = []
            guard let (i, j) = edges.first else {
                // It holds wherever the model has a value: nothing to solve.
                let stretch = stretches[0]
                notes.append(.holdsWhereDefined(relation, from: stretch.0, to: stretch.1, reason: noValueReason))
                return .solved(solution(stretch.0, label: label, notes: notes))
            }
            let startsHolding = held[j]
            let answer = startsHolding ? stretches.first { $0.0 >= points[i].0 && $0.0 <= points[j].0 }!.0
                                       : stretches.first { $0.1 >= points[i].0 && $0.1 <= points[j].0 }!.1
            let own = stretches.first { $0.0 <= answer && answer <= $0.1 } ?? (answer, answer)
            notes.append(.reached(output: f(answer) + target, searchedFrom: lo, to: hi, evaluations: evaluations))
            notes.append(.edge(relation, smallest: startsHolding, holdsTo: startsHolding ? own.1 : own.0))
            if !outputs.hasChances { notes += kindOfPoint(answer, scale: hi - lo) }
            let others = stretches.filter { $0.0 != own.0 || $0.1 != own.1 }
            if !others.isEmpty { notes.append(.alsoHoldsOn(others)) }
            if let noValue { notes.append(.noValueFrom(noValue, reason: noValueReason)) }
            return .solved(solution(answer, label: label, notes: notes))
        }
        if heldEverywhere {
            return .solved(solution(searched.0, label: label, notes: [.holdsAcross(relation, from: searched.0, to: searched.1)]))
        }
        var diagnostic = Diagnostic(.noSolution, "no value of `\(input.name)` in \(show(searched.0))..\(show(searched.1)) gives \(label) \(relation.rawValue) \(showOutput(target))",
                                    at: span, help: bounds == nil ? "give a range: `solve \(input.name) so … in A..B`" : "try a wider range")
        if let low = outputsSeen.min(), let high = outputsSeen.max() {
            diagnostic = diagnostic.noting("over that range \(label) goes from \(showOutput(low)) to \(showOutput(high))")
        }
        throw diagnostic
    }

    /// The stretches of the grid where the relation holds, each end found by bisection between
    /// the grid point where it holds and its neighbour where it does not (or the range's end).
    mutating func stretches(_ points: [(Double, Double)], _ held: [Bool], _ holds: (Double) -> Bool) throws(Diagnostic) -> [(Double, Double)] {
        var result: [(Double, Double)] = []
        var i = 0
        while i < points.count {
            guard held[i] else { i += 1; continue }
            var j = i
            while j + 1 < points.count && held[j + 1] { j += 1 }
            let start = i == 0 ? points[0].0 : try edge(holding: points[i].0, failing: points[i - 1].0, holds)
            let end = j == points.count - 1 ? points[j].0 : try edge(holding: points[j].0, failing: points[j + 1].0, holds)
            result.append((start, end))
            i = j + 1
        }
        return result
    }

    /// Bisection for the last input where the relation still holds, between one where it does
    /// and one where it does not.
    mutating func edge(holding: Double, failing: Double, _ holds: (Double) -> Bool) throws(Diagnostic) -> Double {
        var good = holding, bad = failing
        for _ in 0..<200 where Swift.abs(bad - good) > 1e-12 * Swift.max(1, Swift.abs(good)) {
            try cancel.checkpoint()
            let mid = (good + bad) / 2
            if holds(f(mid)) { good = mid } else { bad = mid }
        }
        return good
    }

    /// Why the model has no value at x: the first line of its error.
    func failure(at x: Double) -> String {
        (try? outputs.run([[x]], explainFailures: 1))?.failures[0]?.message ?? ""
    }
}
