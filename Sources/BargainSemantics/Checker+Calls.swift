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
            functionCells.append(function.cells)
            defer {
                frames.removeLast()
                callStack.removeLast()
                functionCells.removeLast()
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
        if builtin == .first_week {
            try arity(1)
            guard case .flags = args[0].type else {
                throw Diagnostic(.typeMismatch, "`first_week` needs a condition that holds week by week, such as `backlog_by_week <= 0 visits`",
                                 at: args[0].span, help: builtin.summary)
            }
            return CheckedExpr(.builtin(builtin, args), .number(Dimension(.time)), .weeks, span)
        }
        for arg in args { try requireNumeric(arg, "`\(name)`") }
        switch builtin {
        case .min, .max:
            if args.count == 1 {
                guard let d = args[0].type.dimension, args[0].type.isList else {
                    throw Diagnostic(.wrongArity, "`\(name)` of one value needs a list or a series", at: span, help: builtin.summary)
                }
                return CheckedExpr(.builtin(builtin, args), .number(d), args[0].unit, span)
            }
            guard args.count >= 2 else { try arity(2); return args[0] }
            let unified = try unifyAll(args, "`\(name)`", span, scalarsOnly: false)
            return CheckedExpr(.builtin(builtin, unified), try shape(of: unified, span), anchorUnit(unified), span,
                               flexible: unified.allSatisfy(\.isFlexible))
        case .clamp:
            try arity(3)
            let unified = try unifyAll(args, "`clamp`", span, scalarsOnly: false)
            return CheckedExpr(.builtin(builtin, unified), try shape(of: unified, span), anchorUnit(unified), span)
        case .mean_by_year, .sum_by_year:
            try arity(1)
            guard case .series(let d, let weeks) = args[0].type else {
                throw Diagnostic(.typeMismatch, "`\(name)` needs a series, not \(describe(args[0]))", at: args[0].span,
                                 help: builtin.summary)
            }
            guard weeks % 52 == 0 else {
                throw Diagnostic(.typeMismatch, "a timeline of \(weeks) weeks is not a whole number of contract years", at: args[0].span,
                                 help: "contract years are 52 weeks; make the timeline 52 × the number of years")
            }
            return CheckedExpr(.builtin(builtin, args), .list(d, count: weeks / 52), args[0].unit, span)
        case .by_year:
            try arity(1)
            guard let weeks = timelineWeeks, weeks % 52 == 0 else {
                throw Diagnostic(.unknownName, "`by_year` needs the timeline in whole contract years, and `week` is not one",
                                 at: span, help: "define the weeks first: `week = timeline(52 * len(raises))`")
            }
            let years = weeks / 52
            switch args[0].type {
            case .number(let d):
                return CheckedExpr(.builtin(builtin, args), .list(d, count: years), args[0].unit, span)
            case .list(_, let n) where n == years:
                return CheckedExpr(.builtin(builtin, args), args[0].type, args[0].unit, span)
            default:
                throw Diagnostic(.listLengthMismatch, "`\(args[0].span.text)` has \(args[0].type.width) entries, but the contract has \(plural(years, "year"))",
                                 at: args[0].span, help: "give one value (year 1) or one entry per contract year")
            }
        case .cumsum:
            try arity(1)
            guard case .list = args[0].type else {
                throw Diagnostic(.typeMismatch, "`cumsum` needs a list, not \(describe(args[0]))", at: args[0].span, help: builtin.summary)
            }
            return CheckedExpr(.builtin(builtin, args), args[0].type, args[0].unit, span)
        case .timeline:
            try arity(1)
            guard let weeks = Checker.fold(args[0]), weeks == weeks.rounded(), weeks >= 1, weeks <= 52 * 100 else {
                throw Diagnostic(.typeMismatch, "the timeline's length must be a whole number of weeks known before running, from 1 to 5200",
                                 at: args[0].span, help: "such as `timeline(52 * len(raises))`")
            }
            return CheckedExpr(.builtin(builtin, args), .series(Dimension(.time), count: Int(weeks)), .weeks, span)
        case .previous, .first_week:
            // Checked apart, before this: `previous` reads its first argument unchecked, and
            // `first_week` takes true or false.
            throw Diagnostic(.badStatement, "`\(name)` cannot be used here", at: span, help: builtin.summary)
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
        case .len, .sum, .mean, .first, .last:
            try arity(1)
            guard let d = args[0].type.dimension, args[0].type.isList else {
                throw Diagnostic(.typeMismatch, "`\(name)` needs a list or a series, not \(describe(args[0]))", at: args[0].span,
                                 help: builtin.summary)
            }
            if builtin == .len { return CheckedExpr(.constant(Double(args[0].type.width)), .plain, .one, span) }
            return CheckedExpr(.builtin(builtin, args), .number(d), args[0].unit, span)
        case .product, .cumprod:
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

    /// The shape of an element-wise call (`max(0 staff, positions - staff)`): lists and series
    /// combine entry by entry, single values meet every entry.
    func shape(of args: [CheckedExpr], _ span: Span) throws(Diagnostic) -> ValueType {
        var widest = args[0]
        for arg in args.dropFirst() {
            let type = try elementwise(widest, arg, span)
            if type.isList && !widest.type.isList { widest = arg }
        }
        return widest.type
    }

    /// `previous(x, start)`: last week's value of the series x, and `start` in week 1. When x is
    /// the series being defined, the definition is a recurrence: its type is the start's, once a week.
    mutating func previous(_ arguments: [Expr], _ nameSpan: Span, _ span: Span) throws(Diagnostic) -> CheckedExpr {
        if arguments.count == 1 {
            throw Diagnostic(.wrongArity, "`previous` needs a start: the value before week 1", at: span,
                             help: "write `previous(\(arguments[0].span.text), start)`, such as `previous(staff_by_week, staff_start)`")
        }
        guard arguments.count == 2 else {
            throw Diagnostic(.wrongArity, "`previous` takes 2 arguments, not \(arguments.count)", at: span,
                             help: Builtin.previous.summary)
        }
        guard case .identifier(let name) = arguments[0].kind else {
            throw Diagnostic(.typeMismatch, "`previous` reads a series by its name", at: arguments[0].span,
                             help: "give the expression a name, then `previous(that_name, start)`")
        }
        let start = try checkNode(arguments[1])
        try requireNumeric(start, "the start of `previous`")
        if start.type.isList {
            throw Diagnostic(.typeMismatch, "the start of `previous` is one value, the week before week 1", at: start.span)
        }
        if name == defining {
            let weeks = try recurrenceWeeks(at: arguments[0].span)
            return CheckedExpr(.recurrence(start: start), .series(start.type.dimension ?? .none, count: weeks), start.unit, span)
        }
        if scope.isPending(name) {
            // Defined in this edit, checked later (it reads this one): a loop through last week.
            // Its type is the start's, once a week; the program checks they agree once it is checked.
            let weeks = try recurrenceWeeks(at: arguments[0].span)
            return CheckedExpr(.previous(name: name, start: start), .series(start.type.dimension ?? .none, count: weeks), start.unit, span)
        }
        let series: CheckedExpr
        do {
            series = try identifier(name, arguments[0].span)
        } catch where error.code == .unknownName && error.help == nil {
            var refused = error
            refused.help = "`previous` reads a series defined before this one, or the one being defined (a recurrence)"
            throw refused
        }
        guard case .series(let d, let weeks) = series.type, case .name = series.node else {
            throw Diagnostic(.typeMismatch, "`previous` needs a series, not \(describe(series))", at: arguments[0].span,
                             help: Builtin.previous.summary)
        }
        let (_, unifiedStart) = try unify(series, start, "`previous` and its start", span)
        return CheckedExpr(.previous(name: name, start: unifiedStart), .series(d, count: weeks), series.unit, span)
    }

    /// The timeline's length for a recurrence, or why there is none.
    func recurrenceWeeks(at span: Span) throws(Diagnostic) -> Int {
        guard let weeks = timelineWeeks else {
            throw Diagnostic(.unknownName, "a recurrence needs the timeline, and `week` is not defined", at: span,
                             help: "define the weeks first: `week = timeline(52 * len(raises))`")
        }
        return weeks
    }

    /// How many weeks the timeline has: the length of the series `week`.
    var timelineWeeks: Int? {
        if case .series(_, let weeks)? = scope.valueSignature("week")?.type { return weeks }
        return nil
    }

    /// A constant known without running anything: `52 * 4`, `52 * len(raises)`.
    static func fold(_ e: CheckedExpr) -> Double? {
        switch e.node {
        case .constant(let x): return x
        case .negate(let x): return fold(x).map { -$0 }
        case .arithmetic(let op, let a, let b):
            guard let x = fold(a), let y = fold(b) else { return nil }
            switch op {
            case .add: return x + y
            case .subtract: return x - y
            case .multiply: return x * y
            case .divide: return y == 0 ? nil : x / y
            case .power: return nil
            }
        default: return nil
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

