import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainSemantics

/// Lowers a checked expression to a `Kernel`.
///
/// Lists have fixed lengths, so list operations unroll into one instruction per entry; function
/// calls are inlined with their arguments bound to registers.
package struct KernelCompiler {
    var code: [Instruction] = []
    var frameSize = 0
    var inputs: [ValueKey: Range<Int>] = [:]
    var inputOrder: [ValueKey] = []
    var constants: [UInt64: Int] = [:]
    var constantList: [(register: Int, value: Double)] = []
    /// Registers of the arguments of the function calls being compiled, innermost last.
    var frames: [[[Int]]] = []
    /// Random stream of the next uncertain value; each has its own, fixed by the definition's name.
    var nextStream: UInt32

    init(stream: UInt32) {
        nextStream = stream
    }

    /// Compiles one definition's body.
    package static func compile(_ expr: CheckedExpr, stream: UInt32 = 0) -> Kernel {
        var compiler = KernelCompiler(stream: stream)
        let result = compiler.lower(expr)
        let output = compiler.contiguous(result)
        return Kernel(code: compiler.code, frameSize: compiler.frameSize,
                      inputs: compiler.inputOrder.compactMap { key in compiler.inputs[key].map { Kernel.Input(key: key, registers: $0) } },
                      constants: compiler.constantList, output: output, type: expr.type)
    }

    mutating func allocate(_ count: Int = 1) -> Int {
        let first = frameSize
        frameSize += count
        return first
    }

    mutating func emit(_ op: Opcode, _ a: Int = 0, _ b: Int = 0, _ c: Int = 0) -> Int {
        let dst = allocate()
        code.append(Instruction(op, dst, a, b, c))
        return dst
    }

    mutating func constant(_ value: Double) -> Int {
        if let register = constants[value.bitPattern] { return register }
        let register = allocate()
        constants[value.bitPattern] = register
        constantList.append((register, value))
        return register
    }

    mutating func load(_ key: ValueKey, width: Int) -> [Int] {
        if let registers = inputs[key] { return Array(registers) }
        let first = allocate(width)
        inputs[key] = first..<first + width
        inputOrder.append(key)
        return Array(first..<first + width)
    }

    /// Moves registers into one consecutive run if they are not already one. A run counts only
    /// if it stays consecutive when kernels are linked into a plan: one whole input, or temporaries.
    mutating func contiguous(_ registers: [Int]) -> Range<Int> {
        if let first = registers.first, registers == Array(first..<first + registers.count) {
            let run = first..<first + registers.count
            let isInput = inputs.values.contains(run)
            let isTemporary = registers.allSatisfy { r in
                constants.values.contains(r) == false && !inputs.values.contains { $0.contains(r) }
            }
            if isInput || isTemporary { return run }
        }
        let first = allocate(registers.count)
        for (i, register) in registers.enumerated() {
            code.append(Instruction(.copy, first + i, register))
        }
        return first..<first + registers.count
    }

    /// Registers holding the expression's value, one per number.
    mutating func lower(_ e: CheckedExpr) -> [Int] {
        switch e.node {
        case .constant(let value):
            return [constant(value)]
        case .name(let name):
            return load(ValueKey(name), width: e.type.width)
        case .scoped(let scenario, let name):
            return load(ValueKey(name, in: scenario), width: e.type.width)
        case .parameter(let i):
            return frames.last?[i] ?? []
        case .negate(let x):
            return lower(x).map { emit(.negate, $0) }
        case .not(let x):
            return lower(x).map { emit(.not, $0) }
        case .arithmetic(let op, let x, let y):
            let opcode: Opcode
            switch op {
            case .add: opcode = .add
            case .subtract: opcode = .subtract
            case .multiply: opcode = .multiply
            case .divide: opcode = .divide
            case .power: opcode = .power
            }
            return pairwise(opcode, lower(x), lower(y))
        case .compare(let op, let x, let y):
            let opcode: Opcode
            switch op {
            case .less: opcode = .less
            case .lessEqual: opcode = .lessEqual
            case .greater: opcode = .greater
            case .greaterEqual: opcode = .greaterEqual
            case .notEqual: opcode = .notEqual
            default: opcode = .equal
            }
            return pairwise(opcode, lower(x), lower(y))
        case .logical(let op, let x, let y):
            return pairwise(op == .and ? .and : .or, lower(x), lower(y))
        case .builtin(let builtin, let args):
            return lowerBuiltin(builtin, args, e)
        case .call(_, let args, let body):
            let bound = args.map { lower($0) }
            frames.append(bound)
            defer { frames.removeLast() }
            return lower(body)
        case .list(let items):
            return items.flatMap { lower($0) }
        case .index(let list, let index):
            let items = lower(list)
            if case .constant(let i) = index.node, let k = Int(exactly: i), k >= 1, k <= items.count {
                return [items[k - 1]]
            }
            let base = contiguous(items)
            return [emit(.index, base.lowerBound, lower(index)[0], items.count)]
        case .conditional(let condition, let yes, let no):
            let c = lower(condition)[0]
            let a = lower(yes), b = lower(no)
            return zip(a, b).map { emit(.select, c, $0, $1) }
        case .distribution(let kind, let args):
            let parameters = contiguous(args.map { lower($0)[0] })
            let stream = nextStream
            nextStream &+= 1
            let kindIndex = DistributionKind.allCases.firstIndex(of: kind) ?? 0
            return [emit(.distribution, parameters.lowerBound, Int(Int32(bitPattern: stream)), kindIndex)]
        }
    }

    /// An element-wise operation; a single number meets every entry of a list.
    mutating func pairwise(_ op: Opcode, _ a: [Int], _ b: [Int]) -> [Int] {
        let n = max(a.count, b.count)
        return (0..<n).map { i in emit(op, a.count == 1 ? a[0] : a[i], b.count == 1 ? b[0] : b[i]) }
    }

    mutating func lowerBuiltin(_ builtin: Builtin, _ args: [CheckedExpr], _ e: CheckedExpr) -> [Int] {
        switch builtin {
        case .min, .max:
            let op: Opcode = builtin == .min ? .min : .max
            let values = args.count == 1 ? lower(args[0]) : args.map { lower($0)[0] }
            return [values.dropFirst().reduce(values[0]) { emit(op, $0, $1) }]
        case .clamp:
            let x = lower(args[0])[0], lo = lower(args[1])[0], hi = lower(args[2])[0]
            return [emit(.min, emit(.max, x, lo), hi)]
        case .abs: return lower(args[0]).map { emit(.abs, $0) }
        case .exp: return lower(args[0]).map { emit(.exp, $0) }
        case .ln: return lower(args[0]).map { emit(.ln, $0) }
        case .sqrt: return lower(args[0]).map { emit(.sqrt, $0) }
        case .round, .floor, .ceil:
            // Rounds in the unit the value is shown in: round(3 bd) is 3 bd, not a whole week.
            let op: Opcode = builtin == .round ? .round : builtin == .floor ? .floor : .ceil
            let factor = args[0].unit.factor
            return lower(args[0]).map { x in
                guard factor != 1 else { return emit(op, x) }
                let scaled = emit(.divide, x, constant(factor))
                return emit(.multiply, emit(op, scaled), constant(factor))
            }
        case .sum:
            let values = lower(args[0])
            return [values.dropFirst().reduce(values[0]) { emit(.add, $0, $1) }]
        case .product:
            let values = lower(args[0])
            return [values.dropFirst().reduce(values[0]) { emit(.multiply, $0, $1) }]
        case .cumprod:
            var running: [Int] = []
            for value in lower(args[0]) {
                running.append(running.last.map { emit(.multiply, $0, value) } ?? value)
            }
            return running
        case .len:
            return [constant(Double(args[0].type.width))]
        case .normal, .uniform, .triangular:
            // The checker turns these into `.distribution` nodes; an error value if one ever arrives here.
            return [constant(.nan)]
        }
    }
}
