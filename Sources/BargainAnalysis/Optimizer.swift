import BargainDiagnostics
import BargainUnits
import BargainEngine

/// The box the levers move in, in base units: bounds, and a step for levers that come in whole
/// units (staff are people).
struct LeverBox: Sendable {
    let lower: [Double]
    let upper: [Double]
    let steps: [Double?]

    var count: Int { lower.count }

    /// The nearest point of the box, on each stepped lever's grid (from its lower bound).
    func snap(_ point: [Double]) -> [Double] {
        (0..<count).map { i in
            var x = min(max(point[i], lower[i]), upper[i])
            if let step = steps[i] {
                x = lower[i] + ((x - lower[i]) / step).rounded() * step
                if x > upper[i] + 1e-9 * step { x -= step }
            }
            return x
        }
    }

    /// A point of the unit cube as a point of the box.
    func point(atUnit u: [Double]) -> [Double] {
        snap((0..<count).map { lower[$0] + u[$0] * (upper[$0] - lower[$0]) })
    }

    /// Distance in fractions of each lever's range, the largest over levers.
    func distance(_ a: [Double], _ b: [Double]) -> Double {
        (0..<count).map { i in upper[i] > lower[i] ? Swift.abs(a[i] - b[i]) / (upper[i] - lower[i]) : 0 }.max() ?? 0
    }
}

/// How good a point is: first how far it is from meeting every constraint (0 when it meets
/// them), then the objective, signed so that lower is better.
struct Score: Comparable, Sendable {
    let violation: Double
    let objective: Double

    var feasible: Bool { violation == 0 }

    static func < (a: Score, b: Score) -> Bool {
        a.violation != b.violation ? a.violation < b.violation : a.objective < b.objective
    }
}

/// A bound on one plan output, in base units; `scale` turns a shortfall into a fraction so that
/// shortfalls in different units add up.
struct OutputBound: Sendable {
    let output: Int
    let atMost: Bool
    var bound: Double
    var scale: Double

    func shortfall(_ value: Double) -> Double {
        guard value.isFinite else { return .infinity }
        return max(0, atMost ? value - bound : bound - value) / scale
    }
}

/// Turns a point's outputs into its score: output 0 is the objective.
struct Scoring: Sendable {
    /// +1 to minimise, -1 to maximise.
    let sign: Double
    var bounds: [OutputBound]

    /// `allowance`: a shortfall up to this (in each bound's scale) counts as none.
    func score(_ outputs: [Double], allowance: Double = 0) -> Score {
        var violation = 0.0
        for bound in bounds { violation += Swift.max(0, bound.shortfall(outputs[bound.output]) - allowance) }
        let objective = outputs[0].isFinite ? sign * outputs[0] : .infinity
        // No value for the objective is as bad as breaking a constraint: such a point is never chosen over one with a value.
        return Score(violation: objective.isFinite ? violation : max(violation, .greatestFiniteMagnitude), objective: objective)
    }
}

/// One point the search evaluated.
struct Evaluated: Sendable {
    let point: [Double]
    let outputs: [Double]
    let score: Score
}

/// A derivative-free search for the best point of a box under constraints, built for models
/// with kinks (`min`, `max`, `if`), flat stretches and regions with no value, where gradients
/// mislead: a space-filling sample of the whole box (a shifted Halton sequence), then pattern
/// search with random directions from the best few points of separate regions, shrinking its
/// radius when no neighbour is better, then a walk over whole steps for stepped levers. Every
/// batch of points is evaluated at once, through a plan. Seeded, so it gives the same answer
/// every time.
struct Optimizer {
    let box: LeverBox
    var scoring: Scoring
    let seed: UInt64
    let cancel: Cancellation
    /// Evaluates points (one row of lever values each) to their outputs (one row each).
    let evaluate: ([[Double]]) throws(Diagnostic) -> [[Double]]
    var evaluations = 0
    /// What the search is doing, for the progress line.
    var phase = "sampling"
    /// Everything the space-filling sample found, kept to rescore when a constraint is relaxed.
    var sample: [Evaluated] = []

    mutating func run(_ points: [[Double]]) throws(Diagnostic) -> [Evaluated] {
        try cancel.checkpoint()
        if evaluations / 2000 != (evaluations + points.count) / 2000 {
            cancel.progress("\(phase): \(QuantityFormat.number(Double(evaluations + points.count))) packages evaluated (Ctrl-C stops)")
        }
        let outputs = try evaluate(points)
        evaluations += points.count
        return zip(points, outputs).map { Evaluated(point: $0, outputs: $1, score: scoring.score($1)) }
    }

    /// A uniform number in [0, 1) for (purpose, index), a fixed function of the seed.
    func uniform(_ stream: UInt32, _ index: Int) -> Double {
        SeededSampler(seed: seed).uniform(stream: stream, lane: index)
    }

    /// `count` points spread over the box: Halton in the first eight primes, shifted by a seeded
    /// random vector (so a different seed gives a different but equally even sample), plus the
    /// given starting point.
    mutating func spaceFillingSample(count: Int, including start: [Double]?) throws(Diagnostic) -> [Evaluated] {
        let primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
        let shift = (0..<box.count).map { uniform(1, $0) }
        var points: [[Double]] = []
        if let start { points.append(box.snap(start)) }
        for n in 1...count {
            points.append(box.point(atUnit: (0..<box.count).map { i in
                let u = Self.radicalInverse(n, base: primes[i % primes.count]) + shift[i]
                return u - u.rounded(.down)
            }))
        }
        sample = try run(points)
        return sample
    }

    static func radicalInverse(_ n: Int, base: Int) -> Double {
        var n = n, result = 0.0, fraction = 1.0 / Double(base)
        while n > 0 {
            result += Double(n % base) * fraction
            n /= base
            fraction /= Double(base)
        }
        return result
    }

    /// The best points of `candidates`, at most `count`, each at least `apart` (in fractions of
    /// the ranges) from those chosen before it: starts in separate regions.
    func separateBest(_ candidates: [Evaluated], count: Int, apart: Double) -> [Evaluated] {
        var chosen: [Evaluated] = []
        for candidate in candidates.sorted(by: { $0.score < $1.score }) where candidate.score.objective.isFinite || chosen.isEmpty {
            if chosen.allSatisfy({ box.distance($0.point, candidate.point) >= apart }) { chosen.append(candidate) }
            if chosen.count == count { break }
        }
        return chosen
    }

    /// Pattern search from `start`: each round tries a step each way along every lever and a
    /// handful of random points within the radius, moves to the best if it is better, and halves
    /// the radius if not. Stepped levers never move less than a step.
    ///
    /// While the radius is large a shortfall of up to a tenth of it counts as meeting a
    /// constraint (a funnel that narrows as the search closes in), so the search can slide along
    /// a curved boundary, where every exact step would leave it; a last pass with no allowance
    /// settles on a point that meets every constraint exactly.
    mutating func refine(_ start: Evaluated, stream: UInt32, radius initial: Double = 0.2, finest: Double = 1e-7) throws(Diagnostic) -> Evaluated {
        var draw = 0
        let funnel = try search(from: start, stream: stream, radius: initial, finest: finest, allowance: 0.1, draw: &draw)
        var best = funnel.exact
        if !funnel.last.score.feasible || funnel.last.score < best.score {
            let settled = try search(from: funnel.last, stream: stream, radius: Swift.max(finest * 100, 1e-6), finest: finest,
                                     allowance: 0, draw: &draw)
            if settled.exact.score < best.score { best = settled.exact }
        }
        return try wholeSteps(from: best)
    }

    /// One pattern search; returns where it ended (scored with the allowance) and the best
    /// point it saw that meets every constraint exactly (or the least short, if none does).
    mutating func search(from start: Evaluated, stream: UInt32, radius initial: Double, finest: Double, allowance: Double,
                         draw: inout Int) throws(Diagnostic) -> (last: Evaluated, exact: Evaluated) {
        var best = start, exact = start
        var radius = initial
        /// The allowance follows the smallest radius so far: it only ever narrows.
        var narrowest = initial
        let randomPoints = 8 + 4 * box.count
        func relaxed(_ e: Evaluated) -> Score { scoring.score(e.outputs, allowance: allowance * narrowest) }
        for _ in 0..<400 {
            var points: [[Double]] = []
            for i in 0..<box.count {
                let width = box.upper[i] - box.lower[i]
                let move = max(radius * width, box.steps[i] ?? 0)
                for direction in [-1.0, 1.0] {
                    var point = best.point
                    point[i] += direction * move
                    points.append(box.snap(point))
                }
            }
            for _ in 0..<randomPoints {
                points.append(box.snap((0..<box.count).map { i in
                    let width = box.upper[i] - box.lower[i]
                    let u = uniform(stream, draw) * 2 - 1
                    draw += 1
                    return best.point[i] + u * max(radius * width, box.steps[i] ?? 0)
                }))
            }
            points = unique(points.filter { $0 != best.point })
            let tried = try run(points)
            if let closest = tried.min(by: { $0.score < $1.score }), closest.score < exact.score { exact = closest }
            let current = relaxed(best)
            if let better = tried.min(by: { relaxed($0) < relaxed($1) }), relaxed(better) < current {
                best = better
                // A success widens the next round: a long slide along a boundary speeds up.
                radius = Swift.min(radius * 2, initial)
                continue
            }
            let stepsAtFinest = (0..<box.count).allSatisfy { i in
                box.steps[i].map { radius * (box.upper[i] - box.lower[i]) < $0 } ?? true
            }
            if radius < finest && stepsAtFinest { break }
            radius *= 0.5
            narrowest = Swift.min(narrowest, radius)
        }
        return (best, exact)
    }

    /// For stepped levers, every combination of one step down, none and one step up, until none
    /// is better: pattern search alone can stop a step short on a diagonal.
    mutating func wholeSteps(from start: Evaluated) throws(Diagnostic) -> Evaluated {
        let stepped = (0..<box.count).filter { box.steps[$0] != nil }
        guard !stepped.isEmpty, stepped.count <= 6 else { return start }
        var best = start
        for _ in 0..<50 {
            var points: [[Double]] = []
            let combinations = stepped.reduce(1) { product, _ in product * 3 }
            for combination in 0..<combinations {
                var point = best.point, code = combination
                for i in stepped {
                    point[i] += Double(code % 3 - 1) * box.steps[i]!
                    code /= 3
                }
                points.append(box.snap(point))
            }
            points = unique(points.filter { $0 != best.point })
            guard let better = try run(points).min(by: { $0.score < $1.score }), better.score < best.score else { break }
            best = better
        }
        return best
    }

    func unique(_ points: [[Double]]) -> [[Double]] {
        var seen = Set<[Double]>()
        return points.filter { seen.insert($0).inserted }
    }

    /// The whole search: the sample, then refinement from the best of up to `starts` regions.
    /// Returns every refined point, best first.
    mutating func optimize(sampleSize: Int, starts: Int, from start: [Double]?) throws(Diagnostic) -> [Evaluated] {
        let sampled = try spaceFillingSample(count: sampleSize, including: start)
        return try refineFromBest(of: sampled, starts: starts, extra: [])
    }

    /// Refinement from the best separate points of `pool` (and from `extra`), best first.
    mutating func refineFromBest(of pool: [Evaluated], starts: Int, extra: [Evaluated]) throws(Diagnostic) -> [Evaluated] {
        var results: [Evaluated] = []
        let all = extra + separateBest(pool, count: starts, apart: 0.15)
        for (n, start) in all.enumerated() {
            phase = "refining from region \(n + 1) of \(all.count)"
            results.append(try refine(start, stream: UInt32(100 + n)))
        }
        return results.sorted { $0.score < $1.score }
    }

    /// The same search with one bound moved, starting from the answer already found (still
    /// feasible, since relaxing only widens what is allowed) and from the best sample points
    /// under the new bound.
    mutating func reoptimize(bounds: [OutputBound], from answer: [Double]) throws(Diagnostic) -> Evaluated? {
        scoring.bounds = bounds
        let rescored = sample.map { Evaluated(point: $0.point, outputs: $0.outputs, score: scoring.score($0.outputs)) }
        let start = try run([answer])
        return try refineFromBest(of: rescored, starts: 2, extra: start).first
    }
}
