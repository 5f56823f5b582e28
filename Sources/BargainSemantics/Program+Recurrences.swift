import BargainDiagnostics
import BargainSyntax
import HashTreeCollections

/// Series that read each other's last week: `quits_by_week = previous(staff_by_week, s) * rate`
/// and `staff_by_week = previous(staff_by_week, s) - quits_by_week + …`. Each reads the other,
/// so neither can be computed whole before the other; week by week they can, the members in
/// the order they read each other within the week. A loop within a week stays a cycle.
package struct RecurrenceGroup: Sendable {
    /// The members, in the order they are computed within a week.
    package let members: [String]
    package let memberSet: Set<String>
    /// What the members read from outside the group: computed before it.
    let outside: Set<String>
}

extension Program {
    /// The group `name` is computed with, if it reads another series' last week in a loop.
    package func recurrenceGroup(of name: String) -> RecurrenceGroup? {
        recurrenceGroupIndex[name].map { recurrenceGroups[$0] }
    }

    /// Finds the groups from the names each definition's text refers to (known before checking):
    /// a definition reading `previous(b, …)` where `b` depends on it, directly or not, is in a
    /// group with `b` and everything on the way between them.
    mutating func findRecurrenceGroups() {
        recurrenceGroups = []
        recurrenceGroupIndex = [:]
        guard !laggedNames.isEmpty else { return }
        var sets: [Set<String>] = []
        for name in laggedNames.sorted() {
            guard let definition = definitions[name] else { continue }
            for other in definition.lagged.sorted() where definitions[other] != nil {
                let fromOther = reachable(from: other)
                guard fromOther.contains(name) else { continue }
                var members = fromOther.intersection(users(of: name))
                members.formUnion([name, other])
                let overlapping = sets.indices.filter { !sets[$0].isDisjoint(with: members) }
                for index in overlapping { members.formUnion(sets[index]) }
                for index in overlapping.reversed() { sets.remove(at: index) }
                sets.append(members)
            }
        }
        for set in sets {
            let values = set.filter { definitions[$0].map { !$0.isFunction } ?? false }
            let ordered = weekOrder(values)
            var outside: Set<String> = []
            for member in ordered {
                guard let definition = definitions[member] else { continue }
                outside.formUnion(definition.references.union(definition.reads).union(evaluationReads(member)))
            }
            outside.subtract(set)
            let index = recurrenceGroups.count
            recurrenceGroups.append(RecurrenceGroup(members: ordered, memberSet: Set(ordered), outside: outside))
            for member in ordered { recurrenceGroupIndex[member] = index }
        }
    }

    /// Everything `name` refers to, directly or not (itself included).
    func reachable(from name: String) -> Set<String> {
        var seen: Set<String> = []
        var stack = [name]
        while let next = stack.popLast() {
            guard seen.insert(next).inserted, let definition = definitions[next] else { continue }
            stack.append(contentsOf: definition.references)
        }
        return seen
    }

    /// Everything that refers to `name`, directly or not (itself included).
    func users(of name: String) -> Set<String> {
        var seen: Set<String> = []
        var stack = [name]
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            stack.append(contentsOf: dependents[next] ?? [])
        }
        return seen
    }

    /// Members in the order they read each other within a week (last week's reads aside).
    func weekOrder(_ members: Set<String>) -> [String] {
        var done: Set<String> = []
        var ordered: [String] = []
        func visit(_ name: String, _ path: Set<String>) {
            guard !done.contains(name), !path.contains(name), let definition = definitions[name] else { return }
            let sameWeek = definition.references.union(definition.reads).subtracting(definition.lagged)
            for next in sameWeek.intersection(members).sorted() { visit(next, path.union([name])) }
            if done.insert(name).inserted { ordered.append(name) }
        }
        for name in order where members.contains(name) { visit(name, []) }
        return ordered
    }

    /// Once the members are checked: each is a series of the timeline, reads the others only
    /// week by week (never a total or a later week of them), and `previous(b, start)` has a
    /// start in `b`'s unit.
    func checkRecurrenceGroups(touching names: [String]) throws(Diagnostic) {
        guard !recurrenceGroups.isEmpty else { return }
        let touched = Set(names)
        for group in recurrenceGroups where !group.memberSet.isDisjoint(with: touched) {
            let checked = group.members.compactMap { member in definitions[member]?.checked.map { (member, $0) } }
            for (member, body) in checked {
                let partner = group.members.first { $0 != member } ?? member
                guard case .series = body.type else {
                    throw Diagnostic(.typeMismatch, "`\(member)` is computed week by week with `\(partner)`, so it must be a series, not \(body.type)",
                                     at: body.span, help: "a loop through `previous` is a recurrence over weeks: each value in it is one per week")
                }
            }
            for (member, body) in checked {
                try Program.checkRecurrence(body, of: member, group: group.memberSet)
                try checkLaggedStarts(body, group)
            }
        }
    }

    /// `previous(b, start)` of a member checked before `b` took its type from the start: now
    /// that `b` is checked, they must agree.
    func checkLaggedStarts(_ e: CheckedExpr, _ group: RecurrenceGroup) throws(Diagnostic) {
        if case .previous(let name, let start) = e.node, group.memberSet.contains(name),
           let read = definitions[name]?.checked {
            guard case .series(let d, let weeks) = read.type, case .series(let startDimension, let count) = e.type,
                  weeks == count, d == startDimension || start.isFlexible else {
                let unit = read.unit.isOne ? "a plain number" : read.unit.description
                throw Diagnostic(.dimensionMismatch, "`previous(\(name), …)` starts in \(start.unit.isOne ? "a plain number" : start.unit.description), but `\(name)` is in \(unit)",
                                 at: start.span, help: "start it in \(unit)")
            }
        }
        var failure: Diagnostic?
        e.node.forEachChild { child in
            guard failure == nil else { return }
            do throws(Diagnostic) { try checkLaggedStarts(child, group) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Whether a definition that refers to itself does so through `x[k]` or `previous(…)`: an
    /// attempt at a recurrence rather than an edit written in terms of the old value.
    static func readsItsOwnWeeks(_ kind: Definition.Kind, _ name: String) -> Bool {
        guard case .value(let expr) = kind else { return false }
        func walk(_ e: Expr) -> Bool {
            switch e.kind {
            case .index(let list, _):
                if case .identifier(let n) = list.kind, n == name { return true }
            case .call("previous", _, _): return true
            default: break
            }
            return e.kind.children.contains(where: walk)
        }
        return walk(expr)
    }

    /// A recurrence is computed week by week, so it may read its own last week only through
    /// operations that go week by week: a total, a mean or a later week of it does not exist yet.
    static func checkRecurrence(_ checked: CheckedExpr, of name: String, group: Set<String> = []) throws(Diagnostic) {
        guard case .series(let d, let weeks) = checked.type else {
            throw Diagnostic(.typeMismatch, "`\(name)` reads its own previous week, so it must be a series, not \(checked.type)",
                             at: checked.span, help: "a recurrence holds one value per week; reduce it in another definition")
        }
        var start: CheckedExpr?
        func walk(_ e: CheckedExpr, _ recurrentParameters: Set<Int>) throws(Diagnostic) {
            switch e.node {
            case .recurrence(let s):
                start = start ?? s
            case .builtin(let builtin, let args):
                switch builtin {
                case .min, .max, .clamp, .abs, .exp, .ln, .sqrt, .round, .floor, .ceil:
                    if args.count == 1, builtin == .min || builtin == .max, reads(args[0], recurrentParameters) {
                        throw laterWeek(args[0], name)
                    }
                default:
                    if let arg = args.first(where: { reads($0, recurrentParameters) }) { throw laterWeek(arg, name) }
                }
            case .index(let list, _) where reads(list, recurrentParameters):
                throw laterWeek(list, name)
            case .call(_, let args, let body):
                for arg in args { try walk(arg, recurrentParameters) }
                let inner = Set(args.indices.filter { reads(args[$0], recurrentParameters) })
                try walk(body, inner)
                return
            default: break
            }
            var failure: Diagnostic?
            e.node.forEachChild { child in
                guard failure == nil else { return }
                do throws(Diagnostic) { try walk(child, recurrentParameters) } catch { failure = error }
            }
            if let failure { throw failure }
        }
        func reads(_ e: CheckedExpr, _ recurrentParameters: Set<Int>) -> Bool {
            if case .parameter(let i) = e.node, recurrentParameters.contains(i) { return true }
            if e.isRecurrent { return true }
            // In a group, the other members are computed week by week alongside this one.
            if case .name(let n) = e.node, group.contains(n), n != name { return true }
            if case .previous(let n, _) = e.node, group.contains(n) { return true }
            var found = false
            e.node.forEachChild { if !found, reads($0, recurrentParameters) { found = true } }
            return found
        }
        try walk(checked, [])
        if let start, let startDimension = start.type.dimension, startDimension != d, !start.isFlexible {
            throw Diagnostic(.dimensionMismatch, "`\(name)` starts in \(start.unit) but its weeks are in \(checked.unit)",
                             at: start.span, label: "the start").labelling(checked.span, "\(weeks) weeks of \(d)")
        }
    }

    static func laterWeek(_ e: CheckedExpr, _ name: String) -> Diagnostic {
        Diagnostic(.cycle, "this needs weeks of `\(name)` that are not computed yet", at: e.span,
                   help: "a recurrence reads only its own previous week; put totals, means and other weeks in another definition")
    }
}
