import BargainSemantics

/// One step of an evaluation plan: a three-address operation on numbered registers.
///
/// Registers hold plain numbers in base units; booleans are 0 and 1. NaN never appears as a
/// value: it marks an error (division by zero, an index out of range, a failed requirement) and
/// flows to the result, where the error locator finds its cause. That keeps the plan branch-free,
/// so the same code runs one scenario or a block of thousands.
package struct Instruction: Sendable {
    var op: Opcode
    var dst: Int32
    package var a: Int32
    var b: Int32
    var c: Int32

    /// What an instruction computes, whatever register it writes.
    struct Key: Hashable {
        let op: Opcode
        let a: Int, b: Int, c: Int
    }

    init(_ op: Opcode, _ dst: Int, _ a: Int = 0, _ b: Int = 0, _ c: Int = 0) {
        self.op = op
        self.dst = Int32(dst)
        self.a = Int32(a)
        self.b = Int32(b)
        self.c = Int32(c)
    }
}

enum Opcode: UInt8, Sendable {
    case copy
    case add, subtract, multiply, divide, power, negate
    case exp, ln, sqrt, abs, floor, ceil, round
    case min, max
    case less, lessEqual, greater, greaterEqual, equal, notEqual
    case not, and, or
    /// dst = a ? b : c (NaN when a is NaN).
    case select
    /// dst = registers[a + index - 1] where index is in register b and c is the list's length.
    case index
    /// dst = the median of an uncertain value, or a draw from it; parameters start at register a,
    /// b is the value's random stream, c its `DistributionKind`.
    case distribution
}
