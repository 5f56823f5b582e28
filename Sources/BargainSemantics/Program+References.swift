import BargainDiagnostics
import BargainUnits
import BargainSyntax

/// What a definition refers to: the free names of its text (known before checking, so the
/// order of checking can follow them), the names its checked body reads, and which of them it
/// reads only one week back.
extension Program {
    /// The names a definition's text refers to (units, parameters and built-ins aside), and
    /// those of them it reads only one week back, as `previous(x, start)`: a loop through those
    /// is a recurrence over weeks, not a cycle.
    static func referencesAndLagged(of kind: Definition.Kind, defining: String) -> (references: Set<String>, lagged: Set<String>) {
        switch kind {
        case .value(let expr), .requirement(let expr, _):
            var found: [FreeName] = []
            freeNames(expr, parameters: [], recurrence: defining, into: &found)
            let sameWeek = Set(found.filter { !$0.isLagged }.map(\.name))
            return (Set(found.map(\.name)), Set(found.filter(\.isLagged).map(\.name)).subtracting(sameWeek))
        case .function(let f): return (f.references, [])
        }
    }

    /// A name an expression uses that this program must define: a value, or a function called.
    struct FreeName {
        let name: String
        let span: Span
        let isCall: Bool
        /// Read as `previous(name, start)`: last week's value.
        var isLagged = false
    }

    /// The free names of an expression, in the order met: identifiers that are not parameters or
    /// units, calls that are not built-ins; the unit side of `3 staff` and other scenarios' values
    /// (`cut.x`) aside. The one walk behind `referencesAndLagged` and `functionReferences`.
    /// `previous(recurrence, start)` reads the series being defined one week back: a recurrence,
    /// not a reference (it would be a cycle).
    static func freeNames(_ e: Expr, parameters: Set<String>, recurrence: String? = nil, into found: inout [FreeName]) {
        switch e.kind {
        case .call("previous", _, let arguments) where !arguments.isEmpty:
            // Any number of arguments: `previous(x)` with no start must reach the checker, which
            // asks for one, rather than read as a cycle.
            if case .identifier(let n) = arguments[0].kind, !parameters.contains(n) {
                if n != recurrence { found.append(FreeName(name: n, span: arguments[0].span, isCall: false, isLagged: true)) }
                for argument in arguments.dropFirst() { freeNames(argument, parameters: parameters, recurrence: recurrence, into: &found) }
                return
            }
        case .identifier(let n) where !parameters.contains(n) && Units.lookup(n) == nil && CellReference(n) == nil:
            found.append(FreeName(name: n, span: e.span, isCall: false))
        case .call(let n, let span, _) where Builtin(rawValue: n) == nil:
            found.append(FreeName(name: n, span: span, isCall: true))
        case .call(let n, let span, _) where n == "previous" || n == "by_year":
            // These read the timeline's length from `week`: checked after it, and again when it changes.
            if !parameters.contains("week") { found.append(FreeName(name: "week", span: span, isCall: false)) }
        case .withUnit(let number, _):
            freeNames(number, parameters: parameters, recurrence: recurrence, into: &found)
            return
        default: break
        }
        for child in e.kind.children { freeNames(child, parameters: parameters, recurrence: recurrence, into: &found) }
    }

    /// Names a definition refers to directly: values it reads and functions it calls. The
    /// source's names are added by the caller: `len(raises)` is folded to a number here, but the
    /// definition still changes when `raises` changes length.
    func syntacticReferences(_ checked: CheckedExpr) -> Set<String> {
        var names: Set<String> = []
        func walk(_ e: CheckedExpr) {
            switch e.node {
            case .name(let n), .previous(let n, _): names.insert(n)
            case .call(let f, let args, _):
                names.insert(f)
                args.forEach(walk)
                return
            default: break
            }
            e.node.forEachChild(walk)
        }
        walk(checked)
        return names
    }

    /// The free names of a function body; each must already be defined (parameters and units aside).
    func functionReferences(_ body: Expr, parameters: Set<String>, defining: String) throws(Diagnostic) -> Set<String> {
        var found: [FreeName] = []
        Program.freeNames(body, parameters: parameters, into: &found)
        var references: Set<String> = []
        for free in found {
            let (name, span, isCall) = (free.name, free.span, free.isCall)
            if name == defining {
                throw Diagnostic(.recursion, "`\(name)` calls itself", at: span,
                                 help: "functions cannot be recursive; write the repetition out, or use a list")
            }
            guard let definition = definitions[name] else {
                let candidates = Array(definitions.keys) + Array(parameters) + (isCall ? Builtin.allCases.map(\.rawValue) : [])
                throw Diagnostic(isCall ? .unknownFunction : .unknownName,
                                 "unknown \(isCall ? "function" : "name") `\(name)`", at: span,
                                 help: Suggestions.hint(for: name, in: candidates))
            }
            if isCall && !definition.isFunction {
                throw Diagnostic(.notAFunction, "`\(name)` is not a function", at: span)
            }
            references.insert(name)
        }
        return references
    }
}
