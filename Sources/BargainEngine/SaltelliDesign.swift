import BargainDiagnostics
import BargainUnits
import BargainSemantics

/// An uncertain input as global sensitivity sees it: its distribution, with the parameters
/// evaluated in the scenario, so a uniform number in (0, 1) turns into a value by its inverse CDF.
package struct UncertainInput: Sendable {
    package let name: String
    package let unit: UnitProduct
    let kind: DistributionKind
    /// In base units; the third is used only by `triangular`.
    let parameters: (Double, Double, Double)
    let stream: UInt32

    /// The input's value at the u-quantile, in base units.
    @inline(__always)
    package func value(at u: Double) -> Double {
        Distributions.value(kind, parameters.0, parameters.1, parameters.2, uniform: u)
    }

    /// Every uncertain input of a scenario (`x = a to b`, `normal(…)`, …), in the model's order.
    package static func all(in scenario: Scenario) throws(Diagnostic) -> [UncertainInput] {
        var inputs: [UncertainInput] = []
        for name in scenario.program.valueNames {
            guard let definition = scenario.program[name], definition.isUncertain,
                  case .distribution(let kind, let args)? = definition.checked?.node else { continue }
            // Sobol' indices share out the variance of independent inputs: one whose distribution
            // reads another uncertain value is not independent of it.
            let upstream = scenario.program.upstreamClosure(of: definition.references)
            if let other = scenario.program.valueNames.first(where: { upstream.contains($0) && scenario.program[$0]?.isUncertain == true }) {
                throw Diagnostic(.badStatement, "`\(name)`'s distribution reads the uncertain `\(other)`: global sensitivity needs inputs drawn independently",
                                 at: definition.checked?.span, help: "give `\(name)` fixed parameters, or study the two with `simulate`")
            }
            var numbers: [Double] = []
            for arg in args {
                let value = try KernelCompiler.compile(arg).run { (input: Kernel.Input) throws(Diagnostic) -> [Double] in
                    switch scenario.result(input.key.name) {
                    case .success(let value)?: return value.numbers
                    case .failure(let failure)?: throw failure.noting("needed for the uncertain input `\(name)`")
                    case nil: throw Diagnostic(.dependencyFailed, "`\(input.key)` has no value", at: arg.span)
                    }
                }
                numbers.append(value.first ?? .nan)
            }
            if let problem = Distributions.problem(kind, numbers + [0, 0]) {
                throw Diagnostic(.domain, "`\(name)` cannot be drawn from: \(problem)", at: definition.checked?.span)
            }
            while numbers.count < 3 { numbers.append(0) }
            inputs.append(UncertainInput(name: name, unit: definition.unit, kind: kind,
                                         parameters: (numbers[0], numbers[1], numbers[2]), stream: Runtime.stream(for: name)))
        }
        return inputs
    }
}

/// Saltelli's design for Sobol' indices over k uncertain inputs and N samples: two independent
/// sample matrices A and B, and for each input i the matrix AB_i, which is A with column i taken
/// from B. N·(k+2) evaluations in all.
///
/// Rows come in SALib's order (`SALib.sample.saltelli`, without second order): for sample n,
/// row n·(k+2) is A's row n, the next k rows are AB_1 … AB_k, and the last is B's row n. The
/// numbers are pseudo-random, not a quasi-random Sobol' sequence: A[n][i] is the uniform draw
/// of (seed, input i's stream, 2n) and B[n][i] that of (seed, stream, 2n + 1), from the same
/// counter-based generator as `simulate`. So any row is a pure function of the seed, the inputs'
/// names and the row number (a shard of the batch computes its rows alone, on any thread count),
/// and a design of N samples is the first N samples of any larger one.
package struct SaltelliDesign: Sendable {
    package let inputs: [UncertainInput]
    package let samples: Int
    package let seed: UInt64

    package init(inputs: [UncertainInput], samples: Int, seed: UInt64) {
        self.inputs = inputs
        self.samples = samples
        self.seed = seed
    }

    /// Rows per sample: A, AB_1 … AB_k, B.
    package var blockSize: Int { inputs.count + 2 }
    package var rowCount: Int { samples * blockSize }

    /// Which sample a row belongs to, and its block: 0 for A, i for AB_i (inputs counted from 1), k + 1 for B.
    @inline(__always)
    package func position(ofRow row: Int) -> (sample: Int, block: Int) {
        (row / blockSize, row % blockSize)
    }

    /// The uniform number behind input `i` of sample `n`, in A (or B, when `fromB`).
    @inline(__always)
    package func uniform(sample n: Int, input i: Int, fromB: Bool) -> Double {
        SeededSampler(seed: seed, firstDraw: 2 * UInt64(n) + (fromB ? 1 : 0)).uniform(stream: inputs[i].stream, lane: 0)
    }

    /// Row `row`'s value of every input, in base units.
    package func values(ofRow row: Int, into values: inout [Double]) {
        let (n, block) = position(ofRow: row)
        values.removeAll(keepingCapacity: true)
        for i in inputs.indices {
            let fromB = block == inputs.count + 1 || block == i + 1
            values.append(inputs[i].value(at: uniform(sample: n, input: i, fromB: fromB)))
        }
    }
}
