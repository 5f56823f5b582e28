import BargainDiagnostics
import BargainUnits
import BargainSemantics

/// The error for a `require` that does not hold: its message, the values in its condition, and
/// the inputs behind them, those the scenario changed first. This is how "capacity is zero or
/// less" names the inputs that caused it. A condition that holds week by week (`held` has an
/// entry per week, 1 where it holds) names the first week it fails, and the series behind it
/// as they are in that week.
enum RequirementFailure {
    static func diagnostic(_ definition: Definition, _ program: Program, changed: Set<String>,
                           held: [Double], values: (String) -> [Double]?) -> Diagnostic {
        var message = "requirement not met"
        var span = definition.span
        if case .requirement(let condition, let text) = definition.kind {
            message = text ?? "requirement not met: \(condition.span.text)"
            span = condition.span
        }
        func shown(_ name: String) -> String {
            guard let numbers = values(name), let d = program[name], let type = d.type else { return "?" }
            return ValueText.format(Value(numbers[...], as: type), in: d.unit)
        }
        var diagnostic = Diagnostic(.requirementFailed, message, at: span, label: "this does not hold")
        let guarded = definition.reads.sorted().filter { program[$0]?.type?.isList == false }
        if !guarded.isEmpty { diagnostic = diagnostic.noting(guarded.map { "\($0) = \(shown($0))" }.joined(separator: ", ")) }
        if held.count > 1, let week = held.firstIndex(of: 0) {
            let failing = held.count { $0 == 0 }
            let series = definition.reads.sorted().filter { if case .series? = program[$0]?.type { true } else { false } }
            let there = series.compactMap { name -> String? in
                guard let numbers = values(name), week < numbers.count, let d = program[name] else { return nil }
                return "\(name) = \(QuantityFormat.format(numbers[week], in: d.unit))"
            }
            diagnostic = diagnostic.noting("it first fails in week \(week + 1) of \(held.count)"
                + (failing > 1 ? ", and in \(failing) weeks in all" : ", and only then")
                + (there.isEmpty ? "" : "; there " + there.joined(separator: ", ")))
        }
        let inputs = program.upstreamClosure(of: definition.reads).filter { program[$0]?.isInput ?? false }
        let ordered = program.valueNames.filter { inputs.contains($0) }
        let set = ordered.filter { changed.contains($0) }
        let others = ordered.filter { !changed.contains($0) }
        if !set.isEmpty {
            diagnostic = diagnostic.noting("changed here: " + set.map { "\($0) = \(shown($0))" }.joined(separator: ", "))
        }
        let lead = set.isEmpty ? "it depends on" : "it also depends on"
        if !others.isEmpty && others.count <= 4 {
            diagnostic = diagnostic.noting("\(lead) " + others.map { "\($0) = \(shown($0))" }.joined(separator: ", "))
        } else if !others.isEmpty {
            let names = others.count > 8 ? others.prefix(8).joined(separator: ", ") + ", …" : others.joined(separator: ", ")
            diagnostic = diagnostic.noting("\(lead) \(plural(others.count, "input")): \(names)")
        }
        return diagnostic
    }
}
