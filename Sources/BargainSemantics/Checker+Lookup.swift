import BargainDiagnostics
import BargainSyntax

/// Lookup tables: `lookup(x, xs, ys)` (bands: the y of the last x-point at or below x) and
/// `interpolate(x, xs, ys)` (straight lines between the points), xs rising, both held at the
/// ends. Severance by tenure band is `lookup(tenure, [0 yr, 5 yr, 10 yr], [2 wk, 4 wk, 8 wk])`.
///
/// Each is written out, before checking, as a sum over the table's steps in the language's own
/// operators (`ys[1] + (ys[2] - ys[1]) * (if x >= xs[2] then 1 else 0) + …`), so units, lists,
/// series, plans and errors need nothing new.
extension Checker {
    static let lookupFunctions: Set<String> = ["lookup", "interpolate"]

    mutating func lookupTable(_ name: String, _ arguments: [Expr], _ span: Span) throws(Diagnostic) -> CheckedExpr {
        let usage = name == "lookup"
            ? "lookup(x, xs, ys): the ys entry of the band x falls in (xs rising: the last xs at or below x), held at the ends"
            : "interpolate(x, xs, ys): straight lines between the points (xs, ys), xs rising, held at the ends"
        guard arguments.count == 3 else {
            throw Diagnostic(.wrongArity, "`\(name)` takes 3 arguments, not \(arguments.count)", at: span, help: usage)
        }
        let (x, xs, ys) = (arguments[0], arguments[1], arguments[2])
        let xsType = try checkNode(xs).type, ysType = try checkNode(ys).type
        guard case .list(_, let n) = xsType else {
            throw Diagnostic(.typeMismatch, "the points of `\(name)` are a list, such as `[0 yr, 5 yr, 10 yr]`", at: xs.span, help: usage)
        }
        guard case .list(_, let m) = ysType else {
            throw Diagnostic(.typeMismatch, "the values of `\(name)` are a list, one for each point", at: ys.span, help: usage)
        }
        guard n == m else {
            throw Diagnostic(.listLengthMismatch, "`\(name)` has \(n) points but \(m) values", at: xs.span.to(ys.span), help: usage)
        }
        guard n >= (name == "lookup" ? 1 : 2) else {
            throw Diagnostic(.listLengthMismatch, "`\(name)` needs at least \(name == "lookup" ? 1 : 2) points", at: xs.span, help: usage)
        }
        if case .list(let items) = xs.kind {
            try requireRising(items, name)
        }
        func node(_ kind: ExprKind) -> Expr { Expr(kind, span) }
        func entry(_ list: Expr, _ i: Int) -> Expr { node(.index(list, node(.number(Double(i))))) }
        func step(_ list: Expr, _ i: Int) -> Expr { node(.binary(.subtract, entry(list, i), entry(list, i - 1))) }
        var total = entry(ys, 1)
        for i in stride(from: 2, through: n, by: 1) {
            let weight: Expr
            if name == "lookup" {
                weight = node(.conditional(node(.binary(.greaterEqual, x, entry(xs, i))), node(.number(1)), node(.number(0))))
            } else {
                let along = node(.binary(.divide, node(.binary(.subtract, x, entry(xs, i - 1))), step(xs, i)))
                weight = node(.call(name: "clamp", nameSpan: span, arguments: [along, node(.number(0)), node(.number(1))]))
            }
            total = node(.binary(.add, total, node(.binary(.multiply, step(ys, i), weight))))
        }
        do {
            return try checkNode(total)
        } catch {
            throw error.noting("in `\(name)`: \(usage)")
        }
    }

    /// Points written out as numbers must rise: a table read out of order gives wrong bands silently.
    func requireRising(_ items: [Expr], _ name: String) throws(Diagnostic) {
        func plain(_ e: Expr) -> Double? {
            switch e.kind {
            case .number(let x), .money(let x): return x
            case .withUnit(let number, _): return plain(number)
            case .unary(.negate, let inner): return plain(inner).map { -$0 }
            default: return nil
            }
        }
        for (a, b) in zip(items, items.dropFirst()) {
            if let p = plain(a), let q = plain(b), sameUnit(a, b), q <= p {
                throw Diagnostic(.domain, "the points of `\(name)` must rise: \(b.span.text) comes after \(a.span.text)", at: b.span)
            }
        }
    }

    func sameUnit(_ a: Expr, _ b: Expr) -> Bool {
        func unit(_ e: Expr) -> String? {
            if case .withUnit(_, let u) = e.kind { return u.span.text }
            return nil
        }
        return unit(a) == unit(b)
    }
}
