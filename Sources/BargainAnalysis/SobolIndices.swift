import BargainDiagnostics
import BargainEngine

/// First-order and total Sobol' indices from a Saltelli design's outputs, with bootstrap
/// intervals, computed as SALib's `sobol.analyze` does (python/bargain_dask/sobol.py is the same
/// arithmetic, and its tests hold the two equal):
///
/// - the outputs are centred on their mean over all N·(k+2) evaluations (SALib does so too:
///   the first-order estimator is not shift-invariant, and centring reduces its error);
/// - V is the variance of the A and B outputs together (2N values, divided by 2N);
/// - first order (Saltelli et al. 2010): S_i = mean(f_B · (f_ABi − f_A)) / V;
/// - total (Jansen 1999): ST_i = mean((f_A − f_ABi)²) / (2V);
/// - intervals: each estimate ± z·sd over `resamples` bootstrap resamples of the N samples
///   (sd with n − 1), z for 95% — SALib's normal bootstrap interval. Resample b draws sample
///   index j as ⌊u·N⌋, u the uniform draw (seed, `bootstrapStream`, b·N + j) of the seeded
///   counter-based generator, so intervals are reproducible and the same in Python.
struct SobolIndices: Sendable, Equatable {
    struct Estimate: Sendable, Equatable {
        var value: Double
        var low: Double
        var high: Double
    }

    var first: [Estimate]
    var total: [Estimate]

    static let defaultResamples = 1000
    /// The normal quantile for a two-sided 95% interval.
    static let z95 = 1.959963984540054
    /// The random stream the bootstrap draws its resamples from.
    static let bootstrapStream: UInt32 = 0xB007_5EED

    /// `outputs` in design order (sample n's A, AB_1 … AB_k, B at n·(k+2) …), for k inputs.
    /// Nil when the A and B outputs do not vary: the indices are then undefined.
    /// `cancel` is asked between resamples (a million samples take a while).
    static func estimate(_ outputs: [Double], inputs k: Int, seed: UInt64, resamples: Int = defaultResamples,
                                cancel: Cancellation = .never) throws(Diagnostic) -> SobolIndices? {
        let block = k + 2
        let n = outputs.count / block
        guard k >= 1, n >= 2 else { return nil }
        var mean = 0.0
        for y in outputs { mean += y }
        mean /= Double(outputs.count)
        var a = [Double](repeating: 0, count: n), b = a
        var ab = [[Double]](repeating: a, count: k)
        for s in 0..<n {
            a[s] = outputs[s * block] - mean
            b[s] = outputs[s * block + k + 1] - mean
            for i in 0..<k { ab[i][s] = outputs[s * block + 1 + i] - mean }
        }
        let all = Array(0..<n)
        guard let point = indices(a, b, ab, all) else { return nil }
        var firstDraws = [[Double]](repeating: [], count: k), totalDraws = firstDraws
        var chosen = [Int](repeating: 0, count: n)
        for r in 0..<resamples {
            try cancel.checkpoint()
            let sampler = SeededSampler(seed: seed, firstDraw: UInt64(r) * UInt64(n))
            for j in 0..<n {
                chosen[j] = min(n - 1, Int(sampler.uniform(stream: bootstrapStream, lane: j) * Double(n)))
            }
            // A resample whose A and B outputs happen to be all alike has no indices: it is left out.
            guard let draw = indices(a, b, ab, chosen) else { continue }
            for i in 0..<k {
                firstDraws[i].append(draw.first[i])
                totalDraws[i].append(draw.total[i])
            }
        }
        func interval(_ value: Double, _ draws: [Double]) -> Estimate {
            let spread = z95 * standardDeviation(draws)
            return Estimate(value: value, low: value - spread, high: value + spread)
        }
        return SobolIndices(first: (0..<k).map { interval(point.first[$0], firstDraws[$0]) },
                            total: (0..<k).map { interval(point.total[$0], totalDraws[$0]) })
    }

    /// The point estimates over the samples `chosen` (with repeats, for a resample).
    static func indices(_ a: [Double], _ b: [Double], _ ab: [[Double]], _ chosen: [Int]) -> (first: [Double], total: [Double])? {
        let count = Double(chosen.count)
        var sum = 0.0
        for s in chosen { sum += a[s] + b[s] }
        let m = sum / (2 * count)
        var squares = 0.0
        for s in chosen { squares += (a[s] - m) * (a[s] - m) + (b[s] - m) * (b[s] - m) }
        let variance = squares / (2 * count)
        guard variance > 0 else { return nil }
        var first: [Double] = [], total: [Double] = []
        for column in ab {
            var f = 0.0, t = 0.0
            for s in chosen {
                let d = column[s] - a[s]
                f += b[s] * d
                t += d * d
            }
            first.append(f / count / variance)
            total.append(t / count / (2 * variance))
        }
        return (first, total)
    }

    /// Sample standard deviation (n − 1); 0 for fewer than two values.
    static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        var mean = 0.0
        for x in values { mean += x }
        mean /= Double(values.count)
        var squares = 0.0
        for x in values { squares += (x - mean) * (x - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }
}
