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
    /// What each constant register holds, so a list read at a known index needs no instruction.
    var constantValue: [Int: Double] = [:]
    /// Registers of the arguments of the function calls being compiled, innermost last.
    var frames: [[[Int]]] = []
    /// Random stream of the next uncertain value; each has its own, fixed by the definition's name.
    var nextStream: UInt32
    /// Each instruction emitted so far, by what it computes: registers are written once, so an
    /// operation on the same registers is the same value. A recurrence lowers its single-valued
    /// parts once per week; this keeps one copy of each.
    var emitted: [Instruction.Key: Int] = [:]
    /// While compiling a recurrence: its registers for the weeks done so far.
    var recurrence: [Int]?
    /// While compiling a recurrence group: each member's registers for the weeks done so far
    /// (this week's too, for members computed earlier in the week).
    var group: [String: [Int]]?

    init(stream: UInt32) {
        nextStream = stream
    }

    /// Compiles one definition's body.
    package static func compile(_ expr: CheckedExpr, stream: UInt32 = 0) -> Kernel {
        var compiler = KernelCompiler(stream: stream)
        let result = expr.isRecurrent ? compiler.lowerRecurrence(expr) : compiler.lower(expr)
        let output = compiler.contiguous(result)
        return Kernel(code: compiler.code, frameSize: compiler.frameSize,
                      inputs: compiler.inputOrder.compactMap { key in compiler.inputs[key].map { Kernel.Input(key: key, registers: $0) } },
                      constants: compiler.constantList, output: output, type: expr.type)
    }

    /// Compiles a recurrence group: week by week, each member in turn, reading the others'
    /// weeks as they are computed. The output is the members' series one after another.
    package static func compile(group members: [(name: String, checked: CheckedExpr)], streams: [UInt32]) -> Kernel {
        var compiler = KernelCompiler(stream: streams.first ?? 0)
        compiler.group = Dictionary(uniqueKeysWithValues: members.map { ($0.name, []) })
        var nextStreams = streams
        let weeks = members.first?.checked.type.width ?? 0
        for t in 0..<weeks {
            for (index, member) in members.enumerated() {
                compiler.recurrence = compiler.group?[member.name]
                compiler.nextStream = nextStreams[index]
                let register = compiler.element(member.checked, t)
                nextStreams[index] = compiler.nextStream
                compiler.group?[member.name]?.append(register)
            }
        }
        compiler.recurrence = nil
        let all = members.flatMap { compiler.group?[$0.name] ?? [] }
        compiler.group = nil
        let output = compiler.contiguous(all)
        return Kernel(code: compiler.code, frameSize: compiler.frameSize,
                      inputs: compiler.inputOrder.compactMap { key in compiler.inputs[key].map { Kernel.Input(key: key, registers: $0) } },
                      constants: compiler.constantList, output: output, type: .series(.none, count: all.count))
    }

    /// Whether an argument must be bound week by week: it reads the recurrence's last week, or
    /// a member of the group being compiled.
    func readsWeekByWeek(_ e: CheckedExpr) -> Bool {
        if recurrence != nil && e.isRecurrent { return true }
        guard let group else { return false }
        var names: Set<String> = []
        e.collectNames(into: &names)
        return !names.isDisjoint(with: group.keys)
    }

    mutating func allocate(_ count: Int = 1) -> Int {
        let first = frameSize
        frameSize += count
        return first
    }

    mutating func emit(_ op: Opcode, _ a: Int = 0, _ b: Int = 0, _ c: Int = 0) -> Int {
        let key = Instruction.Key(op: op, a: a, b: b, c: c)
        if op != .distribution, let known = emitted[key] { return known }
        let dst = allocate()
        code.append(Instruction(op, dst, a, b, c))
        emitted[key] = dst
        return dst
    }

    /// A series defined from its own previous week: lowered week by week, each week reading the
    /// registers of the week before.
    mutating func lowerRecurrence(_ e: CheckedExpr) -> [Int] {
        var weeks: [Int] = []
        for t in 0..<e.type.width {
            recurrence = weeks
            weeks.append(element(e, t))
        }
        recurrence = nil
        return weeks
    }

    /// The register of week `t` of a series expression; a single value is the same every week.
    mutating func element(_ e: CheckedExpr, _ t: Int) -> Int {
        guard e.type.isSeries else { return lower(e)[0] }
        switch e.node {
        case .name(let name):
            if let weeks = group?[name], t < weeks.count { return weeks[t] }
            return loadRange(ValueKey(name), width: e.type.width).lowerBound + t
        case .scoped(let scenario, let name):
            return loadRange(ValueKey(name, in: scenario), width: e.type.width).lowerBound + t
        case .list:
            return lower(e)[t]
        case .parameter(let i):
            guard let registers = frames.last?[i], !registers.isEmpty else { return constant(.nan) }
            return registers.count == 1 ? registers[0] : registers[t]
        case .constant, .distribution:
            return lower(e)[0]
        case .negate(let x):
            return emit(.negate, element(x, t))
        case .not(let x):
            return emit(.not, element(x, t))
        case .arithmetic(let op, let x, let y):
            return emit(Self.opcode(op), element(x, t), element(y, t))
        case .compare(let op, let x, let y):
            return emit(Self.opcode(op), element(x, t), element(y, t))
        case .logical(let op, let x, let y):
            return emit(op == .and ? .and : .or, element(x, t), element(y, t))
        case .conditional(let c, let yes, let no):
            return emit(.select, element(c, t), element(yes, t), element(no, t))
        case .index(let list, let index):
            let items = lower(list)
            let k = element(index, t)
            if let i = constantValue[k], let k = Int(exactly: i), k >= 1, k <= items.count { return items[k - 1] }
            return emit(.index, contiguous(items).lowerBound, k, items.count)
        case .previous(let name, let start):
            if t == 0 { return lower(start)[0] }
            if let weeks = group?[name] { return t - 1 < weeks.count ? weeks[t - 1] : constant(.nan) }
            return loadRange(ValueKey(name), width: e.type.width).lowerBound + t - 1
        case .recurrence(let start):
            guard t > 0 else { return lower(start)[0] }
            guard let weeks = recurrence, t - 1 < weeks.count else { return constant(.nan) }
            return weeks[t - 1]
        case .call(_, let args, let body):
            // Inside a recurrence, an argument that reads last week is bound week by week.
            var bound: [[Int]] = []
            for arg in args {
                bound.append(arg.type.isSeries && readsWeekByWeek(arg) ? [element(arg, t)] : lower(arg))
            }
            frames.append(bound)
            defer { frames.removeLast() }
            return element(body, t)
        case .builtin(let builtin, let args):
            switch builtin {
            case .timeline: return constant(Double(t + 1))
            case .min, .max:
                return fold(builtin == .min ? .min : .max, args.map { element($0, t) })
            case .clamp:
                return emit(.min, emit(.max, element(args[0], t), element(args[1], t)), element(args[2], t))
            case .abs: return emit(.abs, element(args[0], t))
            case .exp: return emit(.exp, element(args[0], t))
            case .ln: return emit(.ln, element(args[0], t))
            case .sqrt: return emit(.sqrt, element(args[0], t))
            case .round, .floor, .ceil:
                return rounded(builtin, element(args[0], t), in: args[0].unit)
            default:
                return lower(e)[t]
            }
        }
    }

    /// `a op b op c …`, left to right: a sum, a product, the smallest of several.
    mutating func fold(_ op: Opcode, _ registers: some Collection<Int>) -> Int {
        guard let first = registers.first else { return constant(.nan) }
        return registers.dropFirst().reduce(first) { emit(op, $0, $1) }
    }

    /// `[a, a op b, a op b op c, …]`: running totals or products.
    mutating func running(_ op: Opcode, _ registers: [Int]) -> [Int] {
        var out: [Int] = []
        for register in registers { out.append(out.last.map { emit(op, $0, register) } ?? register) }
        return out
    }

    /// Rounds in the unit the value is shown in: round(3 bd) is 3 bd, not a whole week.
    mutating func rounded(_ builtin: Builtin, _ x: Int, in unit: UnitProduct) -> Int {
        let op: Opcode = builtin == .round ? .round : builtin == .floor ? .floor : .ceil
        let factor = unit.factor
        guard factor != 1 else { return emit(op, x) }
        return emit(.multiply, emit(op, emit(.divide, x, constant(factor))), constant(factor))
    }

    static func opcode(_ op: ArithmeticOperator) -> Opcode {
        switch op {
        case .add: return .add
        case .subtract: return .subtract
        case .multiply: return .multiply
        case .divide: return .divide
        case .power: return .power
        }
    }

    static func opcode(_ op: BinaryOperator) -> Opcode {
        switch op {
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        case .notEqual: return .notEqual
        default: return .equal
        }
    }

    mutating func constant(_ value: Double) -> Int {
        if let register = constants[value.bitPattern] { return register }
        let register = allocate()
        constants[value.bitPattern] = register
        constantValue[register] = value
        constantList.append((register, value))
        return register
    }

    mutating func load(_ key: ValueKey, width: Int) -> [Int] {
        Array(loadRange(key, width: width))
    }

    /// The registers an input is loaded into; one week of a series is one of them.
    mutating func loadRange(_ key: ValueKey, width: Int) -> Range<Int> {
        if let registers = inputs[key] { return registers }
        let first = allocate(width)
        inputs[key] = first..<first + width
        inputOrder.append(key)
        return first..<first + width
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
        if e.type.isSeries {
            switch e.node {
            case .name, .scoped, .parameter, .list, .call: break
            case .builtin(let builtin, _) where ![.min, .max, .clamp, .abs, .exp, .ln, .sqrt, .round, .floor, .ceil, .timeline].contains(builtin):
                break
            default:
                return (0..<e.type.width).map { element(e, $0) }
            }
        }
        switch e.node {
        case .previous, .recurrence:
            return (0..<e.type.width).map { element(e, $0) }
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
            return pairwise(Self.opcode(op), lower(x), lower(y))
        case .compare(let op, let x, let y):
            return pairwise(Self.opcode(op), lower(x), lower(y))
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
            let n = max(a.count, b.count)
            return (0..<n).map { i in emit(.select, c, a.count == 1 ? a[0] : a[i], b.count == 1 ? b[0] : b[i]) }
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
            if args.count == 1 { return [fold(op, lower(args[0]))] }
            // Entry by entry: a single value meets every entry of a list.
            let lists = args.map { lower($0) }
            return (0..<e.type.width).map { i in fold(op, lists.map { $0.count == 1 ? $0[0] : $0[i] }) }
        case .clamp:
            let x = lower(args[0]), lo = lower(args[1]), hi = lower(args[2])
            return (0..<e.type.width).map { i in
                emit(.min, emit(.max, x.count == 1 ? x[0] : x[i], lo.count == 1 ? lo[0] : lo[i]), hi.count == 1 ? hi[0] : hi[i])
            }
        case .mean:
            let values = lower(args[0])
            return [emit(.divide, fold(.add, values), constant(Double(values.count)))]
        case .first: return [lower(args[0])[0]]
        case .last: return [lower(args[0])[args[0].type.width - 1]]
        case .mean_by_year, .sum_by_year:
            let weeks = lower(args[0])
            return stride(from: 0, to: weeks.count, by: 52).map { start in
                let year = weeks[start..<min(start + 52, weeks.count)]
                let total = fold(.add, year)
                return builtin == .sum_by_year ? total : emit(.divide, total, constant(Double(year.count)))
            }
        case .cumsum:
            return running(.add, lower(args[0]))
        case .by_year:
            let values = lower(args[0])
            guard values.count == 1 else { return values }
            return values + Array(repeating: constant(0), count: e.type.width - 1)
        case .first_week:
            let holds = lower(args[0])
            let never = constant(.infinity)
            return [fold(.min, holds.enumerated().map { t, flag in emit(.select, flag, constant(Double(t + 1)), never) })]
        case .timeline:
            return (0..<e.type.width).map { constant(Double($0 + 1)) }
        case .previous:
            return [constant(.nan)]
        case .abs: return lower(args[0]).map { emit(.abs, $0) }
        case .exp: return lower(args[0]).map { emit(.exp, $0) }
        case .ln: return lower(args[0]).map { emit(.ln, $0) }
        case .sqrt: return lower(args[0]).map { emit(.sqrt, $0) }
        case .round, .floor, .ceil:
            return lower(args[0]).map { rounded(builtin, $0, in: args[0].unit) }
        case .sum:
            return [fold(.add, lower(args[0]))]
        case .product:
            return [fold(.multiply, lower(args[0]))]
        case .cumprod:
            return running(.multiply, lower(args[0]))
        case .len:
            return [constant(Double(args[0].type.width))]
        case .normal, .uniform, .triangular:
            // The checker turns these into `.distribution` nodes; an error value if one ever arrives here.
            return [constant(.nan)]
        }
    }
}
