import HashTreeCollections

/// The dependency graph of a program: cycles, what is upstream and downstream of a name, the
/// order to evaluate in, and which requirements guard which values.
extension Program {
    // MARK: The graph

    /// The path `name -> … -> name` if defining `name` with these references would close a loop.
    func cyclePath(from name: String, through references: Set<String>) -> [String]? {
        // Only something that already refers to `name` can lead back to it.
        if references.contains(name) { return [name, name] }
        guard !(dependents[name] ?? []).isEmpty else { return nil }
        // Breadth-first from the references, remembering how each name was reached; iterative,
        // so a chain of any length cannot overflow the stack.
        var cameFrom: [String: String] = [:]
        var queue = references.sorted()
        var head = 0
        for reference in queue { cameFrom[reference] = name }
        while head < queue.count {
            let current = queue[head]
            head += 1
            guard let definition = definitions[current] else { continue }
            // A read of last week's value does not close a loop within a week.
            for next in definition.references.subtracting(definition.lagged).sorted() where cameFrom[next] == nil {
                cameFrom[next] = current
                if next == name {
                    var backwards: [String] = []
                    var step = current
                    while step != name {
                        backwards.append(step)
                        step = cameFrom[step] ?? name
                    }
                    return [name] + Array(backwards.reversed()) + [name]
                }
                queue.append(next)
            }
        }
        return nil
    }

    /// The given names and everything that refers to them, directly or not.
    package func downstreamClosure(of names: some Sequence<String>) -> Set<String> {
        var seen: Set<String> = []
        var stack = Array(names)
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            if let users = dependents[next] { stack.append(contentsOf: users) }
            for requirement in requirementsGuarding(next) { stack.append(requirement) }
        }
        return seen.filter { definitions[$0] != nil }
    }

    /// The given names and everything they need, requirements included.
    package func upstreamClosure(of names: some Sequence<String>) -> Set<String> {
        var seen: Set<String> = []
        var stack = Array(names)
        while let next = stack.popLast() {
            guard definitions[next] != nil, seen.insert(next).inserted else { continue }
            stack.append(contentsOf: evaluationReads(next))
        }
        return seen
    }

    /// What a definition must wait for before it is evaluated: the values it reads, and the
    /// requirements guarding them (unless the requirement itself needs this definition).
    package func evaluationReads(_ name: String) -> Set<String> {
        guard let definition = definitions[name] else { return [] }
        var reads = definition.reads
        for read in reads {
            for requirement in requirementsGuarding(read) where requirement != name {
                if !requirementUpstream(requirement).contains(name) { reads.insert(requirement) }
            }
        }
        return reads
    }

    /// The requirements whose condition names this value.
    package func requirementsGuarding(_ name: String) -> [String] {
        guardedBy[name] ?? []
    }

    func requirementUpstream(_ requirement: String) -> Set<String> {
        requirementUpstreams[requirement] ?? []
    }

    /// Recomputes which requirements guard which values, and what each requirement needs: asked
    /// for every definition evaluated, so worked out once per edit, not once per question.
    mutating func indexRequirements() {
        guard requirementCount > 0 else { return }
        var guards: [String: [String]] = [:]
        var upstreams: [String: Set<String>] = [:]
        for name in order {
            guard let definition = definitions[name], definition.isRequirement else { continue }
            for read in definition.references where definitions[read]?.isRequirement == false {
                guards[read, default: []].append(name)
            }
            var seen: Set<String> = []
            var stack = Array(definition.reads)
            while let next = stack.popLast() {
                guard seen.insert(next).inserted else { continue }
                stack.append(contentsOf: definitions[next]?.reads ?? [])
            }
            upstreams[name] = seen
        }
        guardedBy = guards.mapValues { $0.sorted() }
        requirementUpstreams = upstreams
    }

    /// Orders names so that each comes after everything it reads or refers to (functions excluded
    /// from the result: they have no value of their own).
    package func evaluationOrder(of names: Set<String>, includingFunctions: Bool = false) -> [String] {
        var state: [String: Bool] = [:]  // false: in progress, true: done
        var result: [String] = []
        result.reserveCapacity(names.count)
        // Iterative depth-first search, so a chain of 100,000 definitions cannot overflow the stack.
        let roots = names.count * 8 < order.count
            ? names.sorted { (position[$0] ?? 0) < (position[$1] ?? 0) }
            : order.filter { names.contains($0) }
        for root in roots {
            guard state[root] == nil else { continue }
            var stack: [(String, [String])] = [(root, edges(root, within: names))]
            state[root] = false
            while !stack.isEmpty {
                if let next = stack[stack.count - 1].1.popLast() {
                    if state[next] == nil {
                        state[next] = false
                        stack.append((next, edges(next, within: names)))
                    }
                } else {
                    let (done, _) = stack.removeLast()
                    state[done] = true
                    if includingFunctions || definitions[done]?.isFunction == false { result.append(done) }
                }
            }
        }
        return result
    }

    func edges(_ name: String, within names: Set<String>) -> [String] {
        guard let definition = definitions[name] else { return [] }
        var out = definition.references
        if requirementCount > 0 { out.formUnion(evaluationReads(name)) } else { out.formUnion(definition.reads) }
        if let group = recurrenceGroup(of: name) {
            // A group is computed together: each member waits for everything the group reads
            // from outside, and, within the group, for the members it reads in the same week.
            let inside = out.intersection(group.memberSet).subtracting(definition.lagged)
            out = out.subtracting(group.memberSet).union(group.outside).union(inside)
        }
        return out.filter { names.contains($0) }.sorted(by: >)
    }
}
