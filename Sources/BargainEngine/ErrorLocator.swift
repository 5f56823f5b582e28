import Glibc
import BargainDiagnostics
import BargainUnits
import BargainSemantics

/// Finds where an error came from after a plan produced NaN.
///
/// Plans evaluate both branches of every `if` and let NaN flow, which keeps them fast and
/// branch-free. When a result is NaN, this walks the checked expression of the first definition
/// that failed, lazily and in order, with its inputs' values, and names the operation at fault.
struct ErrorLocator {
    let inputs: (ValueKey) -> [Double]?
    var frames: [[[Double]]] = []
    /// While walking a recurrence: the weeks computed so far.
    var recurrence: [Double] = []

    init(inputs: @escaping (ValueKey) -> [Double]?) {
        self.inputs = inputs
    }

    /// The diagnostic for the first failing operation, or nil if the expression evaluates cleanly.
    mutating func locate(_ e: CheckedExpr) -> Diagnostic? {
        do {
            if e.isRecurrent {
                // Week by week: each pass knows the weeks before it, and keeps its own week.
                recurrence = []
                for t in 0..<e.type.width { recurrence.append(try evaluate(e)[t]) }
            } else {
                _ = try evaluate(e)
            }
            return nil
        } catch {
            return error
        }
    }

    mutating func evaluate(_ e: CheckedExpr) throws(Diagnostic) -> [Double] {
        switch e.node {
        case .constant(let x): return [x]
        case .name(let name):
            return try value(ValueKey(name), e)
        case .scoped(let scenario, let name):
            return try value(ValueKey(name, in: scenario), e)
        case .parameter(let i):
            return frames.last?[i] ?? [.nan]
        case .negate(let x): return try evaluate(x).map { -$0 }
        case .not(let x): return try evaluate(x).map { $0 == 0 ? 1 : 0 }
        case .arithmetic(let op, let x, let y):
            let a = try evaluate(x), b = try evaluate(y)
            let n = max(a.count, b.count)
            var out: [Double] = []
            for i in 0..<n {
                let u = a.count == 1 ? a[0] : a[i], v = b.count == 1 ? b[0] : b[i]
                out.append(try arithmetic(op, u, v, e, x, y))
            }
            return out
        case .compare(let op, let x, let y):
            let a = try evaluate(x), b = try evaluate(y)
            return Self.zipped(a, b) { a, b in
                let result: Bool
                switch op {
                case .less: result = a < b
                case .lessEqual: result = a <= b
                case .greater: result = a > b
                case .greaterEqual: result = a >= b
                case .notEqual: result = a != b
                default: result = a == b
                }
                return result ? 1 : 0
            }
        case .logical(let op, let x, let y):
            let a = try evaluate(x)
            if a.count == 1, op == .and && a[0] == 0 { return [0] }
            if a.count == 1, op == .or && a[0] != 0 { return [1] }
            return Self.zipped(a, try evaluate(y)) { op == .and ? ($0 != 0 && $1 != 0 ? 1 : 0) : ($0 != 0 || $1 != 0 ? 1 : 0) }
        case .previous(let name, let start):
            let weeks = try value(ValueKey(name), e)
            return [try evaluate(start)[0]] + weeks.dropLast()
        case .recurrence(let start):
            // Weeks not computed yet hold the last known one; only the current week is kept.
            let known = [try evaluate(start)[0]] + recurrence
            let width = e.type.width
            return Array(known.prefix(width)) + Array(repeating: known.last ?? 0, count: max(0, width - known.count))
        case .builtin(let builtin, let args):
            return try self.builtin(builtin, args, e)
        case .call(_, let args, let body):
            var bound: [[Double]] = []
            for arg in args { bound.append(try evaluate(arg)) }
            frames.append(bound)
            defer { frames.removeLast() }
            return try evaluate(body)
        case .list(let items):
            var out: [Double] = []
            for item in items { out.append(contentsOf: try evaluate(item)) }
            return out
        case .index(let list, let index):
            let items = try evaluate(list)
            var out: [Double] = []
            for k in try evaluate(index) {
                guard k >= 1, k <= Double(items.count), k == k.rounded() else {
                    throw Diagnostic(.indexOutOfRange, "index \(QuantityFormat.number(k)) is outside 1…\(items.count)",
                                     at: index.span, help: "indexes start at 1; this list has \(items.count) entries")
                }
                out.append(items[Int(k) - 1])
            }
            return out
        case .conditional(let condition, let yes, let no):
            let c = try evaluate(condition)
            if c.count == 1 { return try c[0] != 0 ? evaluate(yes) : evaluate(no) }
            // Week by week: a branch's error counts only if some week takes that branch.
            let a: [Double]? = c.contains { $0 != 0 } ? try evaluate(yes) : nil
            let b: [Double]? = c.contains { $0 == 0 } ? try evaluate(no) : nil
            return c.indices.map { t in
                let chosen = (c[t] != 0 ? a : b) ?? []
                return chosen.count == 1 ? chosen[0] : (t < chosen.count ? chosen[t] : .nan)
            }
        case .distribution(let kind, let args):
            var parameters: [Double] = []
            for arg in args { parameters.append(try evaluate(arg)[0]) }
            while parameters.count < 3 { parameters.append(0) }
            let median = Distributions.value(kind, parameters[0], parameters[1], parameters[2], uniform: nil)
            if median.isNaN {
                throw Diagnostic(.domain, Distributions.problem(kind, parameters) ?? "impossible uncertain value", at: e.span)
            }
            return [median]
        }
    }

    /// An element-wise operation; a single value meets every entry.
    static func zipped(_ a: [Double], _ b: [Double], _ f: (Double, Double) -> Double) -> [Double] {
        let n = max(a.count, b.count)
        return (0..<n).map { i in f(a.count == 1 ? a[0] : a[i], b.count == 1 ? b[0] : b[i]) }
    }

    func value(_ key: ValueKey, _ e: CheckedExpr) throws(Diagnostic) -> [Double] {
        guard let values = inputs(key), !values.contains(where: \.isNaN) else {
            throw Diagnostic(.dependencyFailed, "`\(key)` has no value", at: e.span)
        }
        return values
    }

    func arithmetic(_ op: ArithmeticOperator, _ a: Double, _ b: Double, _ e: CheckedExpr,
                    _ x: CheckedExpr, _ y: CheckedExpr) throws(Diagnostic) -> Double {
        switch op {
        case .add, .subtract:
            let r = op == .add ? a + b : a - b
            if r.isNaN {
                throw Diagnostic(.notANumber, "∞ \(op == .add ? "+ -∞" : "- ∞") has no value", at: e.span,
                                 help: "both sides are infinite; check where the infinity comes from")
                    .labelling(x.span, "infinite").labelling(y.span, "infinite")
            }
            return r
        case .multiply:
            let r = a * b
            if r.isNaN {
                throw Diagnostic(.notANumber, "0 × ∞ has no value", at: e.span)
                    .labelling(x.span, a == 0 ? "zero" : "infinite").labelling(y.span, b == 0 ? "zero" : "infinite")
            }
            return r
        case .divide:
            if b == 0 {
                var diagnostic = Diagnostic(.divisionByZero, "division by zero", at: y.span, label: "this is zero")
                if case .constant = y.node {} else {
                    diagnostic.help = "guard it: `if \(y.span.text) == 0 then … else …`"
                }
                throw diagnostic
            }
            let r = a / b
            if r.isNaN {
                throw Diagnostic(.notANumber, "∞ / ∞ has no value", at: e.span)
            }
            return r
        case .power:
            let r = Interpreter.power(a, b)
            if a == 0 && b < 0 {
                throw Diagnostic(.divisionByZero, "zero to a negative power divides by zero", at: e.span)
                    .labelling(x.span, "this is zero")
            }
            if r.isNaN {
                throw Diagnostic(.domain, "a negative number to a fractional power has no value", at: e.span)
                    .labelling(x.span, "negative")
            }
            return r
        }
    }

    mutating func builtin(_ builtin: Builtin, _ args: [CheckedExpr], _ e: CheckedExpr) throws(Diagnostic) -> [Double] {
        var values: [[Double]] = []
        for arg in args { values.append(try evaluate(arg)) }
        func map(_ f: (Double) -> Double) -> [Double] { values[0].map(f) }
        switch builtin {
        case .ln:
            if let bad = values[0].first(where: { $0 < 0 }) {
                throw Diagnostic(.domain, "ln of a negative number (\(QuantityFormat.number(bad)))", at: args[0].span)
            }
            return map { log($0) }
        case .sqrt:
            if values[0].contains(where: { $0 < 0 }) {
                throw Diagnostic(.domain, "the square root of a negative number", at: args[0].span)
            }
            return map { $0.squareRoot() }
        case .min, .max:
            if args.count == 1 { return [builtin == .min ? values[0].min() ?? .nan : values[0].max() ?? .nan] }
            return values.dropFirst().reduce(values[0]) { Self.zipped($0, $1, builtin == .min ? Swift.min : Swift.max) }
        case .clamp:
            return Self.zipped(Self.zipped(values[0], values[1], Swift.max), values[2], Swift.min)
        case .mean: return [values[0].reduce(0, +) / Double(max(1, values[0].count))]
        case .first: return [values[0].first ?? .nan]
        case .last: return [values[0].last ?? .nan]
        case .mean_by_year, .sum_by_year:
            return stride(from: 0, to: values[0].count, by: 52).map { start in
                let year = values[0][start..<min(start + 52, values[0].count)]
                let total = year.reduce(0, +)
                return builtin == .sum_by_year ? total : total / Double(year.count)
            }
        case .cumsum:
            var running = 0.0
            return values[0].map { running += $0; return running }
        case .by_year:
            guard values[0].count == 1 else { return values[0] }
            return values[0] + Array(repeating: 0, count: e.type.width - 1)
        case .first_week:
            return [values[0].firstIndex { $0 != 0 }.map { Double($0 + 1) } ?? .infinity]
        case .timeline:
            return (0..<e.type.width).map { Double($0 + 1) }
        case .previous:
            return [.nan]
        case .abs: return map { Swift.abs($0) }
        case .exp: return map { exp($0) }
        case .round, .floor, .ceil:
            let factor = args[0].unit.factor
            let rule: FloatingPointRoundingRule = builtin == .round ? .toNearestOrAwayFromZero : builtin == .floor ? .down : .up
            return map { ($0 / factor).rounded(rule) * factor }
        case .len: return [Double(values[0].count)]
        case .sum: return [values[0].reduce(0, +)]
        case .product: return [values[0].reduce(1, *)]
        case .cumprod:
            var running = 1.0
            return values[0].map { running *= $0; return running }
        case .normal, .uniform, .triangular:
            return [.nan]
        }
    }
}
