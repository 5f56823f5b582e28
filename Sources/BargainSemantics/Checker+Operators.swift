import BargainDiagnostics
import BargainUnits
import BargainSyntax

/// Operators and lists: how units combine (`*` multiplies them, `+` needs them equal, a bare `0`
/// or `inf` takes the other side's), and how lists combine entry by entry.
extension Checker {
    // MARK: Operators

    mutating func binary(_ op: BinaryOperator, _ a: CheckedExpr, _ b: CheckedExpr, _ span: Span,
                         cancelUnits: Bool = false) throws(Diagnostic) -> CheckedExpr {
        switch op {
        case .and, .or:
            try requireBoolean(a, "`\(op.rawValue)`")
            try requireBoolean(b, "`\(op.rawValue)`")
            return CheckedExpr(.logical(op, a, b), try truthShape(a, b, span), .one, span)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            if a.type.isTruth, b.type.isTruth, op == .equal || op == .notEqual {
                return CheckedExpr(.compare(op, a, b), try truthShape(a, b, span), .one, span)
            }
            let (x, y) = try unify(a, b, "`\(op.rawValue)`", span, compare: true)
            if case .list = x.type { throw listCompared(span) }
            if case .list = y.type { throw listCompared(span) }
            // A series compares week by week, giving one true or false per week.
            let type = try elementwise(x, y, span)
            return CheckedExpr(.compare(op, x, y), type.isSeries ? .flags(count: type.width) : .boolean, .one, span)
        case .add, .subtract:
            let (x, y) = try unify(a, b, op == .add ? "add" : "subtract", span)
            let type = try elementwise(x, y, span)
            let unit = x.isFlexible ? y.unit : x.unit
            let arith: ArithmeticOperator = op == .add ? .add : .subtract
            return CheckedExpr(.arithmetic(arith, x, y), type, unit, span, flexible: x.isFlexible && y.isFlexible)
        case .multiply, .divide:
            try requireNumeric(a, "`\(op.rawValue)`")
            try requireNumeric(b, "`\(op.rawValue)`")
            let type = try elementwise(a, b, span)
            let da = a.type.dimension ?? .none, db = b.type.dimension ?? .none
            let dimension = op == .multiply ? da * db : da / db
            let other = op == .multiply ? b.unit : b.unit.power(-1)
            let unit = (cancelUnits ? a.unit.combined(with: other) : a.unit * other).droppingPercent()
            return CheckedExpr(.arithmetic(op == .multiply ? .multiply : .divide, a, b), retype(type, dimension), unit, span)
        case .power:
            return try power(a, b, span)
        }
    }

    func listCompared(_ span: Span) -> Diagnostic {
        Diagnostic(.typeMismatch, "lists cannot be compared", at: span,
                   help: "compare single values, such as `max(list)` or `list[1]`")
    }

    /// `and`, `or` and `==` on truths: one, or one per week.
    func truthShape(_ a: CheckedExpr, _ b: CheckedExpr, _ span: Span) throws(Diagnostic) -> ValueType {
        switch (a.type, b.type) {
        case (.flags(let n), .flags(let m)):
            guard n == m else { throw seriesLengthMismatch(n, m, a, b, span) }
            return a.type
        case (.flags, _): return a.type
        case (_, .flags): return b.type
        default: return .boolean
        }
    }

    func seriesLengthMismatch(_ n: Int, _ m: Int, _ a: CheckedExpr, _ b: CheckedExpr, _ span: Span) -> Diagnostic {
        Diagnostic(.listLengthMismatch, "series of different lengths: \(n) and \(m) weeks", at: span,
                   help: "every series runs over the same timeline, `week`")
            .labelling(a.span, "\(n) weeks").labelling(b.span, "\(m) weeks")
    }

    mutating func power(_ base: CheckedExpr, _ exponent: CheckedExpr, _ span: Span) throws(Diagnostic) -> CheckedExpr {
        try requireNumeric(base, "`^`")
        try requireNumeric(exponent, "`^`")
        if exponent.type.isList && base.type.dimension?.isDimensionless != true {
            throw Diagnostic(.typeMismatch, "a power must be a single number", at: exponent.span)
        }
        guard exponent.type.dimension?.isDimensionless == true else {
            throw Diagnostic(.notDimensionless, "a power must be a plain number, not \(describe(exponent))",
                             at: exponent.span, label: describe(exponent))
        }
        let dimension = base.type.dimension ?? .none
        if dimension.isDimensionless {
            // Entry by entry, week by week: the shapes combine as for `*`.
            let type = try elementwise(base, exponent, span)
            return CheckedExpr(.arithmetic(.power, base, exponent), retype(type, .none), .one, span)
        }
        guard case .constant(let value) = exponent.node, value == value.rounded(), abs(value) <= 20,
              let raised = dimension.power(Int(value)) else {
            throw Diagnostic(.badExponent, "\(describe(base)) can only be raised to a fixed whole number",
                             at: exponent.span, help: "a power that varies would change the unit; make the base a plain number first")
        }
        let n = Int(value)
        return CheckedExpr(.arithmetic(.power, base, exponent), retype(base.type, raised), base.unit.power(n).droppingPercent(), span)
    }

    /// The type of an element-wise operation: lists combine entry by entry with lists of the same
    /// length, or with single numbers.
    func elementwise(_ a: CheckedExpr, _ b: CheckedExpr, _ span: Span) throws(Diagnostic) -> ValueType {
        switch (a.type, b.type) {
        case (.series(_, let n), .series(_, let m)), (.series(_, let n), .flags(let m)), (.flags(let n), .series(_, let m)):
            guard n == m else { throw seriesLengthMismatch(n, m, a, b, span) }
            return a.type
        case (.series, .list), (.list, .series), (.flags, .list), (.list, .flags):
            let list = a.type.isSeries ? b : a
            throw Diagnostic(.listLengthMismatch, "a by-week series and a list cannot be combined entry by entry", at: span,
                             help: "read the list at the week's contract year, as in `\(list.span.text)[contract_year]`")
                .labelling(list.span, "a list of \(list.type.width)")
        case (.series, _): return a.type
        case (_, .series): return b.type
        case (.list(_, let n), .list(_, let m)):
            guard n == m else {
                throw Diagnostic(.listLengthMismatch, "lists of different lengths: \(n) and \(m)", at: span,
                                 help: "to change the length of lists that go together, change them in one entry (`a = […]; b = […]`) or one scenario block")
                    .labelling(a.span, "\(n) entries").labelling(b.span, "\(m) entries")
            }
            return a.type
        case (.list, _): return a.type
        case (_, .list(let d, let n)): return .list(d, count: n)
        default: return a.type
        }
    }

    func retype(_ type: ValueType, _ dimension: Dimension) -> ValueType {
        switch type {
        case .list(_, let n): return .list(dimension, count: n)
        case .series(_, let n), .flags(let n): return .series(dimension, count: n)
        default: return .number(dimension)
        }
    }

    /// Makes two operands agree on dimension, or explains why they cannot.
    /// A bare `0` or `inf` takes the other side's dimension.
    func unify(_ a: CheckedExpr, _ b: CheckedExpr, _ what: String, _ span: Span,
               compare: Bool = false) throws(Diagnostic) -> (CheckedExpr, CheckedExpr) {
        if a.type.isTruth || b.type.isTruth {
            if a.type == .boolean, b.type == .boolean, what.contains("branches") { return (a, b) }
            let culprit = a.type.isTruth ? a : b
            throw Diagnostic(.typeMismatch, "true or false cannot be used as a number", at: culprit.span,
                             help: "use `if … then … else …` to turn a condition into a value")
        }
        let da = a.type.dimension ?? .none, db = b.type.dimension ?? .none
        if da == db { return (a, b) }
        if a.isFlexible { return (a.retyped(retype(a.type, db), b.unit), b) }
        if b.isFlexible { return (a, b.retyped(retype(b.type, da), a.unit)) }
        let verb: String
        switch what {
        case "add": verb = "cannot add \(describe(a)) and \(describe(b))"
        case "subtract": verb = "cannot subtract \(describe(b)) from \(describe(a))"
        default: verb = "\(what) needs matching units, not \(describe(a)) and \(describe(b))"
        }
        var diagnostic = Diagnostic(.dimensionMismatch, verb, at: a.span, label: describe(a))
            .labelling(b.span, describe(b))
        if compare, da.isDimensionless || db.isDimensionless {
            let plain = da.isDimensionless ? a : b
            let other = da.isDimensionless ? b : a
            diagnostic.help = "give `\(plain.span.text)` a unit, such as `\(plain.span.text) \(other.unit)`"
        } else {
            let explained = [(describe(a), da), (describe(b), db)].filter { $0.0 != $0.1.description }
            if !explained.isEmpty {
                diagnostic.help = explained.map { "\($0.0) measures \($0.1)" }.joined(separator: "; ")
            }
        }
        return try raise(diagnostic)
    }

    func raise<T>(_ diagnostic: Diagnostic) throws(Diagnostic) -> T { throw diagnostic }

    /// How a value's unit reads in a message: `staff`, `$/yr`, `a plain number`.
    func describe(_ e: CheckedExpr) -> String {
        switch e.type {
        case .boolean: return "true or false"
        case .flags: return "a series of true or false"
        case .series(let d, _): return e.unit.isOne ? (d.isDimensionless ? "a series of plain numbers" : "a series of \(d)") : "a series in \(e.unit)"
        case .list(let d, _): return e.unit.isOne ? (d.isDimensionless ? "a list of plain numbers" : "a list of \(d)") : "a list in \(e.unit)"
        case .number(let d):
            if !e.unit.isOne && e.unit.dimension == d { return e.unit.description }
            return d.description
        }
    }

    func requireNumeric(_ e: CheckedExpr, _ what: String) throws(Diagnostic) {
        if e.type.isTruth {
            throw Diagnostic(.typeMismatch, "\(what) needs a number, not true or false", at: e.span,
                             help: "use `if … then … else …` to turn a condition into a value")
        }
    }

    func requireBoolean(_ e: CheckedExpr, _ what: String) throws(Diagnostic) {
        guard e.type.isTruth else {
            throw Diagnostic(.typeMismatch, "\(what) needs true or false, not \(describe(e))", at: e.span,
                             help: "compare it: `\(e.span.text) > 0`")
        }
    }

    // MARK: Lists

    mutating func list(_ items: [Expr], _ span: Span) throws(Diagnostic) -> CheckedExpr {
        guard !items.isEmpty else {
            throw Diagnostic(.typeMismatch, "a list needs at least one entry", at: span)
        }
        var checked: [CheckedExpr] = []
        for item in items {
            let value = try checkNode(item)
            if value.type.isList {
                throw Diagnostic(.typeMismatch, value.type.isSeries ? "lists cannot hold series" : "lists cannot hold lists", at: value.span,
                                 help: value.type.isSeries ? "reduce the series first, such as `mean_by_year(x)` or `last(x)`" : nil)
            }
            if value.type.isTruth {
                throw Diagnostic(.typeMismatch, "lists hold numbers, not true or false", at: value.span)
            }
            checked.append(value)
        }
        guard let anchor = checked.first(where: { !$0.isFlexible }) ?? checked.first else {
            throw Diagnostic(.typeMismatch, "a list needs at least one entry", at: span)
        }
        var unified: [CheckedExpr] = []
        for item in checked {
            unified.append(try unify(anchor, item, "entries of a list", item.span).1)
        }
        let dimension = anchor.type.dimension ?? .none
        return CheckedExpr(.list(unified), .list(dimension, count: unified.count), anchor.unit, span)
    }

    func index(_ base: CheckedExpr, _ index: CheckedExpr, _ span: Span) throws(Diagnostic) -> CheckedExpr {
        let dimension: Dimension, count: Int
        switch base.type {
        case .list(let d, let n), .series(let d, let n): (dimension, count) = (d, n)
        default:
            throw Diagnostic(.typeMismatch, "only a list or a series can be indexed, not \(describe(base))", at: base.span)
        }
        if case .series(let d, let weeks) = index.type {
            // `raises[contract_year]`: a by-year list read at each week's year.
            guard d.isDimensionless else {
                throw Diagnostic(.notDimensionless, "an index must be a plain number, not \(describe(index))", at: index.span)
            }
            guard case .list = base.type else {
                throw Diagnostic(.typeMismatch, "a series is read at one week, such as `x[52]`, not at a series of weeks", at: index.span)
            }
            return CheckedExpr(.index(base, index), .series(dimension, count: weeks), base.unit, span)
        }
        guard index.type == .plain else {
            throw Diagnostic(.notDimensionless, "an index must be a plain number, not \(describe(index))", at: index.span)
        }
        if case .constant(let i) = index.node, i != i.rounded() || i < 1 || i > Double(count) {
            throw Diagnostic(.indexOutOfRange, "index \(formatPlain(i)) is outside 1…\(count)", at: index.span,
                             help: "indexes start at 1; this list has \(count) entries")
        }
        return CheckedExpr(.index(base, index), .number(dimension), base.unit, span)
    }
}
