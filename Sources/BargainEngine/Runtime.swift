import BargainDiagnostics
import BargainUnits
import BargainSemantics
import HashTreeCollections

/// The values of one scenario, kept current incrementally.
///
/// Each definition's kernel runs on its own once its inputs are ready; an edit marks exactly the
/// definitions downstream of it dirty, and only those run again.
package struct Runtime: Sendable {
    // Persistent maps (see Package.swift): a scenario is copied at every edit, and copying
    // these shares everything but what the edit recomputes.
    /// Each definition's numbers.
    private(set) var stored: TreeDictionary<String, [Double]> = [:]
    /// Definitions whose evaluation failed, with the root cause.
    private(set) var failures: TreeDictionary<String, Diagnostic> = [:]
    /// Definitions whose value is stale.
    private(set) var dirty: Set<String> = []
    private var kernels: TreeDictionary<String, Kernel> = [:]
    /// Each recurrence group's kernel, by its first member, with the members it was compiled for.
    private var groupKernels: [String: (members: [String], kernel: Kernel)] = [:]
    /// Inputs this scenario sets itself; a failed requirement names them first.
    package var overridden: TreeSet<String> = []
    /// How many kernels have run; lets tests and benchmarks see that an edit did only what it had to.
    package private(set) var evaluations = 0

    init() {}

    /// Marks definitions stale; those checked again also lose their compiled code.
    mutating func invalidate(_ change: Program.Change) {
        for name in change.affected {
            dirty.insert(name)
            if failures[name] != nil { failures[name] = nil }
        }
        for name in change.rechecked where kernels[name] != nil { kernels[name] = nil }
        if !groupKernels.isEmpty {
            groupKernels = groupKernels.filter { $0.value.members.allSatisfy { !change.rechecked.contains($0) } }
        }
    }

    /// Brings the given definitions, and whatever they need, up to date.
    mutating func update(_ names: some Sequence<String>, in program: Program) {
        guard !dirty.isEmpty else { return }
        let needed = program.upstreamClosure(of: names).intersection(dirty)
        guard !needed.isEmpty else { return }
        evaluate(inOrder: program.evaluationOrder(of: needed), in: program)
    }

    /// Brings everything stale up to date.
    mutating func updateAll(in program: Program) {
        guard !dirty.isEmpty else { return }
        evaluate(inOrder: program.evaluationOrder(of: dirty), in: program)
        dirty.removeAll()
    }

    /// The value of a definition, or why it has none. Requirements guarding it count as failures.
    func result(_ name: String, in program: Program) -> Result<Value, Diagnostic>? {
        if let failure = failures[name] { return .failure(failure) }
        for requirement in program.requirementsGuarding(name) {
            if let failure = failures[requirement] { return .failure(failure) }
        }
        guard let numbers = stored[name], let type = program[name]?.type, !dirty.contains(name) else { return nil }
        return .success(Value(numbers[...], as: type))
    }

    func numbers(_ name: String) -> ArraySlice<Double>? {
        guard let numbers = stored[name], failures[name] == nil else { return nil }
        return numbers[...]
    }

    /// Runs definitions in evaluation order; a recurrence group runs once, at its first member.
    mutating func evaluate(inOrder names: [String], in program: Program) {
        var grouped: Set<String> = []
        for name in names where !grouped.contains(name) {
            if let group = program.recurrenceGroup(of: name) {
                evaluate(group, in: program)
                grouped.formUnion(group.members)
            } else {
                evaluate(name, in: program)
            }
        }
    }

    /// Runs a recurrence group's members together, week by week, in one kernel.
    mutating func evaluate(_ group: RecurrenceGroup, in program: Program) {
        var members: [(name: String, checked: CheckedExpr)] = []
        for name in group.members {
            dirty.remove(name)
            failures[name] = nil
            guard let checked = program[name]?.checked else { return }
            members.append((name, checked))
        }
        for name in group.members {
            for read in program.evaluationReads(name) where !group.memberSet.contains(read) {
                if let failure = failures[read] {
                    for member in group.members { failures[member] = failure }
                    return
                }
            }
        }
        let kernel: Kernel
        if let cached = groupKernels[group.members[0]], cached.members == group.members {
            kernel = cached.kernel
        } else {
            kernel = KernelCompiler.compile(group: members, streams: members.map { Runtime.stream(for: $0.name) })
            groupKernels[group.members[0]] = (group.members, kernel)
        }
        evaluations += members.count
        let stored = self.stored
        let output = kernel.run { (input: Kernel.Input) -> [Double] in stored[input.key.name] ?? [] }
        var offset = output.startIndex
        for (name, checked) in members {
            let width = checked.type.width
            store(name, output[offset..<offset + width])
            offset += width
        }
        for (name, checked) in members where numbers(name)?.contains(where: \.isNaN) ?? false {
            let failure = program[name].map { locate($0, checked) } ?? Diagnostic(.notANumber, "`\(name)` has no value")
            for member in group.members where failures[member] == nil { failures[member] = failure }
            break
        }
    }

    /// Runs one definition's kernel against the current values of its inputs.
    mutating func evaluate(_ name: String, in program: Program) {
        dirty.remove(name)
        // Each write to a persistent map copies a path of it: skip those that change nothing.
        if !failures.isEmpty { failures[name] = nil }
        guard let definition = program[name], let checked = definition.checked else { return }
        if !failures.isEmpty {
            for read in program.evaluationReads(name) {
                if let failure = failures[read] {
                    failures[name] = failure
                    return
                }
            }
        }
        let kernel: Kernel
        if let cached = kernels[name] {
            kernel = cached
        } else {
            kernel = KernelCompiler.compile(checked, stream: Runtime.stream(for: name))
            kernels[name] = kernel
        }
        evaluations += 1
        let stored = self.stored
        let output = kernel.run { (input: Kernel.Input) -> [Double] in stored[input.key.name] ?? [] }
        store(name, output)
        if output.contains(where: \.isNaN) {
            failures[name] = locate(definition, checked)
        } else if definition.isRequirement, output.contains(0) {
            failures[name] = requirementFailure(definition, program)
        }
    }

    mutating func store(_ name: String, _ numbers: ArraySlice<Double>) {
        stored[name] = Array(numbers)
    }

    func locate(_ definition: Definition, _ checked: CheckedExpr) -> Diagnostic {
        let stored = self.stored
        var locator = ErrorLocator { key in stored[key.name] }
        let found = locator.locate(checked)
            ?? Diagnostic(.notANumber, "`\(definition.name)` has no value", at: definition.span)
        return definition.isRequirement ? found : found.noting("while computing `\(definition.name)`")
    }

    /// A failed `require`, with the values behind it.
    func requirementFailure(_ definition: Definition, _ program: Program) -> Diagnostic {
        let stored = self.stored
        return RequirementFailure.diagnostic(definition, program, changed: Set(overridden),
                                             held: stored[definition.name] ?? []) { name in
            stored[name]
        }
    }

    /// A random stream per definition, fixed by its name (FNV-1a), so draws never depend on
    /// the order definitions were made in.
    static func stream(for name: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }
}
