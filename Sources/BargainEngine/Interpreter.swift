import Glibc
import BargainSemantics

/// Where uncertain values get their numbers: their median, or draws from a seeded random stream.
package protocol Sampler {
    /// A uniform number in (0, 1) for one value's stream and one lane of the block being run.
    func uniform(stream: UInt32, lane: Int) -> Double
}

/// Runs plan code over a block of registers laid out register-major: register r of lane l is at
/// `registers[r * lanes + l]`. One lane is one scenario; the same code serves the REPL (one lane)
/// and batches (hundreds of lanes, so each instruction's loop is tight and vectorizable).
enum Interpreter {
    static func run(_ code: [Instruction], _ registers: UnsafeMutablePointer<Double>, lanes: Int,
                           sampler: (any Sampler)? = nil) {
        code.withUnsafeBufferPointer { instructions in
            for instruction in instructions {
                execute(instruction, registers, lanes, sampler)
            }
        }
    }

    @inline(__always)
    static func execute(_ i: Instruction, _ r: UnsafeMutablePointer<Double>, _ n: Int, _ sampler: (any Sampler)?) {
        let d = r + Int(i.dst) * n
        let a = r + Int(i.a) * n
        let b = r + Int(i.b) * n
        switch i.op {
        case .copy: for l in 0..<n { d[l] = a[l] }
        case .add: for l in 0..<n { d[l] = a[l] + b[l] }
        case .subtract: for l in 0..<n { d[l] = a[l] - b[l] }
        case .multiply: for l in 0..<n { d[l] = a[l] * b[l] }
        case .divide: for l in 0..<n { d[l] = b[l] == 0 ? .nan : a[l] / b[l] }
        case .power: for l in 0..<n { d[l] = power(a[l], b[l]) }
        case .negate: for l in 0..<n { d[l] = -a[l] }
        case .exp: for l in 0..<n { d[l] = exp(a[l]) }
        case .ln: for l in 0..<n { d[l] = log(a[l]) }
        case .sqrt: for l in 0..<n { d[l] = a[l].squareRoot() }
        case .abs: for l in 0..<n { d[l] = Swift.abs(a[l]) }
        case .floor: for l in 0..<n { d[l] = a[l].rounded(.down) }
        case .ceil: for l in 0..<n { d[l] = a[l].rounded(.up) }
        case .round: for l in 0..<n { d[l] = a[l].rounded() }
        case .min: for l in 0..<n { d[l] = a[l].isNaN || b[l].isNaN ? .nan : (b[l] < a[l] ? b[l] : a[l]) }
        case .max: for l in 0..<n { d[l] = a[l].isNaN || b[l].isNaN ? .nan : (b[l] > a[l] ? b[l] : a[l]) }
        case .less: for l in 0..<n { d[l] = compare(a[l], b[l], a[l] < b[l]) }
        case .lessEqual: for l in 0..<n { d[l] = compare(a[l], b[l], a[l] <= b[l]) }
        case .greater: for l in 0..<n { d[l] = compare(a[l], b[l], a[l] > b[l]) }
        case .greaterEqual: for l in 0..<n { d[l] = compare(a[l], b[l], a[l] >= b[l]) }
        case .equal: for l in 0..<n { d[l] = compare(a[l], b[l], a[l] == b[l]) }
        case .notEqual: for l in 0..<n { d[l] = compare(a[l], b[l], a[l] != b[l]) }
        case .not: for l in 0..<n { d[l] = a[l].isNaN ? .nan : (a[l] == 0 ? 1 : 0) }
        // `and`/`or` give what short-circuiting would: `false and (error)` is false, not an error.
        case .and: for l in 0..<n { d[l] = a[l].isNaN ? .nan : (a[l] == 0 ? 0 : b[l]) }
        case .or: for l in 0..<n { d[l] = a[l].isNaN ? .nan : (a[l] != 0 ? 1 : b[l]) }
        case .select:
            let c = r + Int(i.c) * n
            for l in 0..<n { d[l] = a[l].isNaN ? .nan : (a[l] != 0 ? b[l] : c[l]) }
        case .index:
            let count = Int(i.c)
            for l in 0..<n {
                let k = b[l]
                if k >= 1, k <= Double(count), k == k.rounded() {
                    d[l] = r[(Int(i.a) + Int(k) - 1) * n + l]
                } else {
                    d[l] = .nan
                }
            }
        case .distribution:
            let kind = DistributionKind.allCases[Int(i.c)]
            let stream = UInt32(bitPattern: i.b)
            let p0 = a, p1 = r + (Int(i.a) + 1) * n, p2 = r + (Int(i.a) + 2) * n
            for l in 0..<n {
                let third = kind == .triangular ? p2[l] : 0
                let u = sampler?.uniform(stream: stream, lane: l)
                d[l] = Distributions.value(kind, p0[l], p1[l], third, uniform: u)
            }
        }
    }

    /// A comparison result, NaN if either side is an error.
    @inline(__always)
    static func compare(_ a: Double, _ b: Double, _ result: Bool) -> Double {
        a.isNaN || b.isNaN ? .nan : (result ? 1 : 0)
    }

    /// `pow`, except that an error in either operand stays an error (C's pow(1, NaN) is 1).
    @inline(__always)
    static func power(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        // 0 to a negative power divides by zero, as `1 / 0` does: an error, not ∞.
        if a == 0 && b < 0 { return .nan }
        if b == 2 { return a * a }
        if b == 1 { return a }
        return pow(a, b)
    }
}
