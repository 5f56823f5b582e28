import BargainDiagnostics

/// Runs a plan over blocks of lanes (one lane per scenario variant), reusing one register file.
///
/// The file is laid out register-major (`register * lanes + lane`), so each instruction is one
/// tight loop over the block. Lanes whose result is NaN, or whose requirements fail, are errors;
/// `diagnose` explains one such lane.
package struct PlanRunner {
    let plan: Plan
    package let lanes: Int
    var registers: [Double]

    package init(plan: Plan, lanes: Int = 256) {
        self.plan = plan
        self.lanes = max(1, lanes)
        registers = [Double](repeating: 0, count: max(1, plan.registerCount) * self.lanes)
        for (register, value) in plan.presets {
            for lane in 0..<self.lanes { registers[register * self.lanes + lane] = value }
        }
    }

    /// Sets parameter `index` in one lane, in base units.
    @inline(__always)
    package mutating func set(parameter index: Int, lane: Int, to value: Double) {
        registers[plan.parameters[index].registers.lowerBound * lanes + lane] = value
    }

    /// Sets every number of parameter `index` (a list's entries) in one lane, in base units.
    package mutating func set(parameter index: Int, lane: Int, to values: [Double]) {
        for (register, value) in zip(plan.parameters[index].registers, values) {
            registers[register * lanes + lane] = value
        }
    }

    /// Runs the plan on every lane of the block.
    package mutating func run(sampler: (any Sampler)? = nil) {
        let code = plan.code
        let lanes = self.lanes
        registers.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { Interpreter.run(code, base, lanes: lanes, sampler: sampler) }
        }
    }

    /// Entry `entry` (from 0) of output `index` of a lane, in base units: a year of a by-year
    /// list, a week of a series.
    @inline(__always)
    package func output(_ index: Int, entry: Int, lane: Int) -> Double {
        registers[(plan.outputs[index].registers.lowerBound + entry) * lanes + lane]
    }

    /// Output `index` of a lane, in base units (its first number, for a list).
    @inline(__always)
    package func output(_ index: Int, lane: Int) -> Double {
        registers[plan.outputs[index].registers.lowerBound * lanes + lane]
    }

    /// Whether a lane failed: an output is NaN or a requirement does not hold.
    package func failed(lane: Int) -> Bool {
        for slot in plan.outputs {
            for register in slot.registers where registers[register * lanes + lane].isNaN { return true }
        }
        for step in plan.steps where step.requirement != nil {
            for register in step.registers where registers[register * lanes + lane] != 1 { return true }
        }
        return false
    }

    /// Why a lane failed: the first definition in it that has no value, and the operation at fault.
    package func diagnose(lane: Int) -> Diagnostic {
        let lanes = self.lanes, registers = self.registers, slots = plan.slots
        func values(_ name: String) -> [Double]? {
            slots[name].map { slot in slot.registers.map { registers[$0 * lanes + lane] } }
        }
        for step in plan.steps {
            let numbers = step.registers.map { registers[$0 * lanes + lane] }
            if let requirement = step.requirement, numbers.contains(0) {
                return RequirementFailure.diagnostic(requirement, plan.program, changed: plan.changed, held: numbers, values: values)
            }
            guard numbers.contains(where: \.isNaN) else { continue }
            var locator = ErrorLocator { key in values(key.name) }
            if let found = locator.locate(step.checked) {
                return step.requirement == nil ? found.noting("while computing `\(step.name)`") : found
            }
            return Diagnostic(.notANumber, "`\(step.name)` has no value", at: step.checked.span)
        }
        return Diagnostic(.notANumber, "this variant has no value")
    }
}

/// Draws for uncertain values from a seeded counter-based generator: the number for
/// (seed, stream, draw) is a fixed function of the three, so results do not depend on how draws
/// are split across blocks or threads.
package struct SeededSampler: Sampler {
    package let seed: UInt64
    /// The draw index of lane 0 of the current block.
    var firstDraw: UInt64

    package init(seed: UInt64, firstDraw: UInt64 = 0) {
        self.seed = seed
        self.firstDraw = firstDraw
    }

    @inline(__always)
    package func uniform(stream: UInt32, lane: Int) -> Double {
        var x = seed &* 0x9E37_79B9_7F4A_7C15
        x ^= UInt64(stream) &* 0xBF58_476D_1CE4_E5B9
        x ^= (firstDraw &+ UInt64(lane)) &* 0x94D0_49BB_1331_11EB
        x = mix(x)
        x = mix(x &+ 0x9E37_79B9_7F4A_7C15)
        // 53 random bits, centred in their interval: never exactly 0 or 1.
        return (Double(x >> 11) + 0.5) * 0x1p-53
    }

    /// SplitMix64's finaliser: every input bit affects every output bit.
    @inline(__always)
    func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
