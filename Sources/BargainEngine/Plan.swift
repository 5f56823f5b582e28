import BargainDiagnostics
import BargainUnits
import BargainSemantics

/// A scenario compiled for evaluating many variants of it at once: the kernels its outputs
/// need, linked into one instruction stream over one register file.
///
/// Some inputs are parameters, set per lane (a sweep's points, a batch's rows); when sampling,
/// uncertain inputs are drawn per lane. Only the definitions downstream of those vary, so only
/// their kernels are in the plan; everything else is computed once and preset.
package struct Plan: Sendable {
    /// Where a value lives in the register file.
    package struct Slot: Sendable {
        package let name: String
        let registers: Range<Int>
        let type: ValueType
        package let unit: UnitProduct
    }

    /// One definition evaluated per lane, kept so a failing lane can be explained.
    package struct Step: Sendable {
        package let name: String
        let registers: Range<Int>
        let checked: CheckedExpr
        /// The requirement's definition, when this step is one.
        let requirement: Definition?
    }

    package let code: [Instruction]
    let registerCount: Int
    /// Registers set once for every lane: constants, and values no parameter changes.
    let presets: [(register: Int, value: Double)]
    let parameters: [Slot]
    package let outputs: [Slot]
    package let steps: [Step]
    /// Every value slot, by name, for explaining failures.
    let slots: [String: Slot]
    /// Uncertain inputs drawn per lane (empty unless compiled for sampling).
    package let sampled: [String]
    /// The scenario's program and changed inputs, to explain a failing lane.
    let program: Program
    let changed: Set<String>
}

/// What a plan computes: a definition, or an expression over definitions (`P(x > 3)` aside).
package enum PlanOutput: Sendable {
    case name(String)
    case expression(label: String, CheckedExpr)

    var label: String {
        switch self {
        case .name(let name): return name
        case .expression(let label, _): return label
        }
    }
}

extension Plan {
    /// Compiles a plan for `outputs`, varying `parameters` (and, when `sampling`, uncertain inputs).
    package static func compile(_ scenario: Scenario, outputs: [PlanOutput], parameters: [String] = [],
                               sampling: Bool = false) throws(Diagnostic) -> Plan {
        var linker = PlanLinker(scenario: scenario)
        return try linker.link(outputs: outputs, parameters: parameters, sampling: sampling)
    }
}

/// Builds a `Plan`: chooses what varies, lays out registers, and relocates kernels into them.
struct PlanLinker {
    let scenario: Scenario
    var program: Program { scenario.program }
    var code: [Instruction] = []
    var registerCount = 0
    var presets: [(register: Int, value: Double)] = []
    var slots: [String: Plan.Slot] = [:]
    var constantRegisters: [UInt64: Int] = [:]
    var steps: [Plan.Step] = []
    /// Kernels' temporaries: one shared run, since kernels run one after another.
    var scratchSize = 0
    /// Instructions whose temporaries still need the scratch base added (it is known at the end).
    var scratchFixups: [(instruction: Int, fields: [WritableKeyPath<Instruction, Int32>])] = []

    init(scenario: Scenario) {
        self.scenario = scenario
    }

    mutating func link(outputs: [PlanOutput], parameters: [String], sampling: Bool) throws(Diagnostic) -> Plan {
        for name in parameters {
            guard let definition = program[name], let type = definition.type, type != .boolean, !definition.isRequirement else {
                throw Diagnostic(.typeMismatch, "`\(name)` cannot be varied: only a definition holding numbers can",
                                 help: program[name] == nil ? Suggestions.hint(for: name, in: program.knownNames) : nil)
            }
        }
        var roots: Set<String> = []
        for output in outputs {
            switch output {
            case .name(let name):
                guard program[name] != nil else {
                    throw Diagnostic(.unknownName, "unknown name `\(name)`", help: Suggestions.hint(for: name, in: program.knownNames))
                }
                roots.insert(name)
            case .expression(_, let checked):
                checked.collectNames(into: &roots)
            }
        }
        let needed = program.upstreamClosure(of: roots.union(parameters))
        let sampled = sampling ? program.valueNames.filter { needed.contains($0) && program[$0]?.isUncertain == true } : []
        let variant = program.downstreamClosure(of: parameters + sampled).intersection(needed)

        // Lay out every needed value; preset those that do not vary (and parameters, to their current value).
        for name in program.evaluationOrder(of: needed) {
            guard let definition = program[name], let type = definition.type else { continue }
            let first = registerCount
            registerCount += type.width
            slots[name] = Plan.Slot(name: name, registers: first..<registerCount, type: type, unit: definition.unit)
            if !variant.contains(name) || parameters.contains(name) {
                switch scenario.result(name) {
                case .success(let value)?:
                    for (i, x) in value.numbers.enumerated() { presets.append((first + i, x)) }
                case .failure(let diagnostic)?:
                    if !variant.contains(name) { throw diagnostic }
                case nil:
                    throw Diagnostic(.dependencyFailed, "`\(name)` has no value")
                }
            }
        }
        var grouped: Set<String> = []
        for name in program.evaluationOrder(of: variant) where !parameters.contains(name) && !grouped.contains(name) {
            if let group = program.recurrenceGroup(of: name) {
                // Members read each other week by week: one kernel writes all their slots.
                grouped.formUnion(group.members)
                var members: [(name: String, checked: CheckedExpr)] = [], destination: [Int] = []
                for member in group.members {
                    guard let checked = program[member]?.checked, let slot = slots[member] else { continue }
                    members.append((member, checked))
                    destination += Array(slot.registers)
                }
                let kernel = KernelCompiler.compile(group: members, streams: members.map { Runtime.stream(for: $0.name) })
                try append(kernel, into: destination)
                for (member, checked) in members {
                    guard let slot = slots[member] else { continue }
                    steps.append(Plan.Step(name: member, registers: slot.registers, checked: checked, requirement: nil))
                }
                continue
            }
            guard let definition = program[name], let checked = definition.checked, let slot = slots[name] else { continue }
            let kernel = KernelCompiler.compile(checked, stream: Runtime.stream(for: name))
            try append(kernel, into: Array(slot.registers))
            steps.append(Plan.Step(name: name, registers: slot.registers, checked: checked,
                                   requirement: definition.isRequirement ? definition : nil))
        }
        var outputSlots: [Plan.Slot] = []
        for output in outputs {
            switch output {
            case .name(let name):
                guard let slot = slots[name] else { continue }
                outputSlots.append(slot)
            case .expression(let label, let checked):
                let first = registerCount
                registerCount += checked.type.width
                let slot = Plan.Slot(name: label, registers: first..<registerCount, type: checked.type, unit: checked.displayUnit)
                try append(KernelCompiler.compile(checked), into: Array(slot.registers))
                steps.append(Plan.Step(name: label, registers: slot.registers, checked: checked, requirement: nil))
                outputSlots.append(slot)
            }
        }
        // Temporaries go last; now that their base is known, move them there.
        let scratch = registerCount
        registerCount += scratchSize
        for (index, fields) in scratchFixups {
            for field in fields { code[index][keyPath: field] += Int32(scratch) }
        }
        return Plan(code: code, registerCount: registerCount, presets: presets,
                    parameters: parameters.compactMap { slots[$0] }, outputs: outputSlots, steps: steps,
                    slots: slots, sampled: sampled, program: program, changed: Set(scenario.runtime.overridden).union(parameters))
    }

    /// Relocates a kernel's frame into the plan: inputs read the values' registers, constants
    /// get registers of their own, temporaries use the shared scratch run; the result is copied
    /// into `destination`.
    mutating func append(_ kernel: Kernel, into destination: [Int]) throws(Diagnostic) {
        enum Place { case fixed(Int), scratch(Int) }
        var places = (0..<kernel.frameSize).map { Place.scratch($0) }
        for input in kernel.inputs {
            guard input.key.scenario == nil, let slot = slots[input.key.name] else {
                throw Diagnostic(.badStatement, "`\(input.key)` cannot be read here",
                                 help: "sweeps, solves and simulations work within one scenario")
            }
            for (i, register) in input.registers.enumerated() { places[register] = .fixed(slot.registers.lowerBound + i) }
        }
        for (register, value) in kernel.constants { places[register] = .fixed(constantRegister(value)) }
        scratchSize = max(scratchSize, kernel.frameSize)

        func place(_ register: Int32, into instruction: inout Instruction, _ field: WritableKeyPath<Instruction, Int32>,
                   _ scratchFields: inout [WritableKeyPath<Instruction, Int32>]) {
            switch places[Int(register)] {
            case .fixed(let r): instruction[keyPath: field] = Int32(r)
            case .scratch(let r):
                instruction[keyPath: field] = Int32(r)
                scratchFields.append(field)
            }
        }
        for original in kernel.code {
            var instruction = original
            var scratchFields: [WritableKeyPath<Instruction, Int32>] = []
            place(original.dst, into: &instruction, \.dst, &scratchFields)
            for field in Self.registerFields(original.op) {
                place(original[keyPath: field], into: &instruction, field, &scratchFields)
            }
            if !scratchFields.isEmpty { scratchFixups.append((code.count, scratchFields)) }
            code.append(instruction)
        }
        for (i, register) in kernel.output.enumerated() {
            var copy = Instruction(.copy, destination[i], 0)
            var scratchFields: [WritableKeyPath<Instruction, Int32>] = []
            place(Int32(register), into: &copy, \.a, &scratchFields)
            if !scratchFields.isEmpty { scratchFixups.append((code.count, scratchFields)) }
            code.append(copy)
        }
    }

    /// Which operand fields of an instruction name registers (the rest are counts or kinds).
    static func registerFields(_ op: Opcode) -> [WritableKeyPath<Instruction, Int32>] {
        switch op {
        case .copy, .negate, .exp, .ln, .sqrt, .abs, .floor, .ceil, .round, .not: return [\.a]
        case .add, .subtract, .multiply, .divide, .power, .min, .max, .less, .lessEqual, .greater,
             .greaterEqual, .equal, .notEqual, .and, .or: return [\.a, \.b]
        case .select: return [\.a, \.b, \.c]
        case .index: return [\.a, \.b]
        case .distribution: return [\.a]
        }
    }

    mutating func constantRegister(_ value: Double) -> Int {
        if let register = constantRegisters[value.bitPattern] { return register }
        let register = registerCount
        registerCount += 1
        constantRegisters[value.bitPattern] = register
        presets.append((register, value))
        return register
    }
}
