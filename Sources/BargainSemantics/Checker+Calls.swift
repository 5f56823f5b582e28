import BargainDiagnostics
import BargainUnits
import BargainSyntax

/// Calls: built-in functions, user functions (checked per argument types), and distributions.
extension Checker {
    mutating func call(_ name: String, _ nameSpan: Span, _ arguments: [CheckedExpr], _ span: Span) throws(Diagnostic) -> CheckedExpr {
        if let function = scope.function(name) {
            return try userCall(function, arguments, span)
        }
        guard let builtin = Builtin(rawValue: name) else {
            if scope.valueSignature(name) != nil || Units.lookup(name) != nil {
                throw Diagnostic(.notAFunction, "`\(name)` is not a function", at: nameSpan,
                                 help: "to multiply, write `\(name) * (…)`")
            }
            let candidates = Builtin.allCases.map(\.rawValue) + scope.knownNames
            throw Diagnostic(.unknownFunction, "unknown function `\(name)`", at: nameSpan,
                             help: Suggestions.hint(for: name, in: candidates) ?? "see `:help functions`")
        }
        return try builtinCall(builtin, arguments, span)
    }

    mutating func userCall(_ function: FunctionDefinition, _ arguments: [CheckedExpr], _ span: Span) throws(Diagnostic) -> CheckedExpr {
        let name = function.name.name
        guard arguments.count == function.parameters.count else {
            throw Diagnostic(.wrongArity, "`\(name)` takes \(plural(function.parameters.count, "argument")), not \(arguments.count)",
                             at: span).labelling(function.name.span, "defined here")
        }
        if callStack.contains(name) {
            let cycle = (callStack.drop(while: { $0 != name }) + [name]).joined(separator: " -> ")
            throw Diagnostic(.recursion, "`\(name)` calls itself: \(cycle)", at: span,
                             help: "functions cannot be recursive; write the repetition out, or use a list")
        }
        let key = Specialization(function: name, types: arguments.map(\.type), units: arguments.map(\.unit),
                                 flexible: arguments.map(\.isFlexible))
        let body: CheckedExpr
        if let cached = specializations[key] {
            body = cached
        } else {
            frames.append((function.parameters.map(\.name), arguments))
            callStack.append(name)
            defer {
                frames.removeLast()
                callStack.removeLast()
            }
            do {
                body = try checkNode(function.body)
            } catch {
                throw error.noting("in the call to `\(name)` at \(span)")
            }
            specializations[key] = body
        }
        return CheckedExpr(.call(name: name, arguments: arguments, body: body), body.type, body.unit, span,
                           flexible: body.isFlexible)
    }

    mutating func builtinCall(_ builtin: Builtin, _ args: [CheckedExpr], _ span: Span) throws(Diagnostic) -> CheckedExpr {
        let name = builtin.rawValue
        func arity(_ n: Int) throws(Diagnostic) {
            guard args.count == n else {
                throw Diagnostic(.wrongArity, "`\(name)` takes \(plural(n, "argument")), not \(args.count)", at: span,
                                 help: builtin.summary)
            }
        }
        for arg in args { try requireNumeric(arg, "`\(name)`") }
        switch builtin {
        case .min, .max:
            if args.count == 1 {
                guard case .list(let d, _) = args[0].type else {
                    throw Diagnostic(.wrongArity, "`\(name)` of one value needs a list", at: span, help: builtin.summary)
                }
                return CheckedExpr(.builtin(builtin, args), .number(d), args[0].unit, span)
            }
            guard args.count >= 2 else { try arity(2); return args[0] }
            let unified = try unifyAll(args, "`\(name)`", span, scalarsOnly: true)
            return CheckedExpr(.builtin(builtin, unified), unified[0].type, anchorUnit(unified), span,
                               flexible: unified.allSatisfy(\.isFlexible))
        case .clamp:
            try arity(3)
            let unified = try unifyAll(args, "`clamp`", span, scalarsOnly: true)
            return CheckedExpr(.builtin(builtin, unified), unified[0].type, anchorUnit(unified), span)
        case .abs, .round, .floor, .ceil:
            try arity(1)
            return CheckedExpr(.builtin(builtin, args), args[0].type, args[0].unit, span)
        case .exp, .ln:
            try arity(1)
            try requirePlain(args[0], name)
            return CheckedExpr(.builtin(builtin, args), args[0].type, .one, span)
        case .sqrt:
            try arity(1)
            let dimension = args[0].type.dimension ?? .none
            guard let root = dimension.root(2) else {
                throw Diagnostic(.badExponent, "the square root of \(describe(args[0])) has no unit", at: args[0].span,
                                 help: "every power in the unit must be even, as in h^2")
            }
            let unit = args[0].unit.root(2) ?? .one
            return CheckedExpr(.builtin(builtin, args), retype(args[0].type, root), root.isDimensionless ? .one : unit, span)
        case .len, .sum, .product, .cumprod:
            try arity(1)
            guard case .list(let d, let n) = args[0].type else {
                throw Diagnostic(.typeMismatch, "`\(name)` needs a list, not \(describe(args[0]))", at: args[0].span,
                                 help: builtin.summary)
            }
            switch builtin {
            case .len:
                return CheckedExpr(.constant(Double(n)), .plain, .one, span)
            case .sum:
                return CheckedExpr(.builtin(builtin, args), .number(d), args[0].unit, span)
            case .product:
                guard let raised = d.power(n) else {
                    throw Diagnostic(.badExponent, "the product of this list has too large a unit", at: span)
                }
                return CheckedExpr(.builtin(builtin, args), .number(raised), args[0].unit.power(n).droppingPercent(), span)
            default:
                try requirePlain(args[0], name)
                return CheckedExpr(.builtin(builtin, args), args[0].type, .one, span)
            }
        case .normal:
            try arity(2)
            return try distribution(.normal, args, span)
        case .uniform:
            try arity(2)
            return try distribution(.uniform, args, span)
        case .triangular:
            try arity(3)
            return try distribution(.triangular, args, span)
        }
    }

    /// An uncertain value. Its parameters share one unit; they are fixed numbers or formulas of inputs.
    func distribution(_ kind: DistributionKind, _ args: [CheckedExpr], _ span: Span) throws(Diagnostic) -> CheckedExpr {
        for arg in args {
            try requireNumeric(arg, "an uncertain value")
            if arg.type.isList { throw Diagnostic(.typeMismatch, "an uncertain value takes single numbers", at: arg.span) }
            if case .distribution = arg.node {
                throw Diagnostic(.typeMismatch, "an uncertain value cannot be built from another one", at: arg.span)
            }
        }
        let unified = try unifyAll(args, "an uncertain value", span, scalarsOnly: true)
        return CheckedExpr(.distribution(kind, unified), unified[0].type, anchorUnit(unified), span)
    }

    func unifyAll(_ args: [CheckedExpr], _ what: String, _ span: Span, scalarsOnly: Bool) throws(Diagnostic) -> [CheckedExpr] {
        if scalarsOnly, let list = args.first(where: { $0.type.isList }) {
            throw Diagnostic(.typeMismatch, "\(what) takes single numbers, not a list", at: list.span,
                             help: "for the smallest or largest entry of a list, call it with the list alone")
        }
        let anchor = args.first(where: { !$0.isFlexible }) ?? args[0]
        var out: [CheckedExpr] = []
        for arg in args { out.append(try unify(anchor, arg, what, span).1) }
        return out
    }

    func anchorUnit(_ args: [CheckedExpr]) -> UnitProduct {
        (args.first(where: { !$0.isFlexible }) ?? args[0]).unit
    }

    func requirePlain(_ e: CheckedExpr, _ name: String) throws(Diagnostic) {
        guard e.type.dimension?.isDimensionless == true else {
            throw Diagnostic(.notDimensionless, "`\(name)` needs a plain number, not \(describe(e))", at: e.span,
                             label: describe(e), help: "divide by a quantity of the same unit first")
        }
    }
}

