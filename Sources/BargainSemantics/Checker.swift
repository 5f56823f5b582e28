import BargainDiagnostics
import BargainUnits
import BargainSyntax

/// Resolves names and checks units and types, turning syntax into a `CheckedExpr`.
///
/// Units are checked statically: every value's dimension is known before anything runs, so
/// evaluation needs no unit bookkeeping. Functions are checked at each call, against the types of
/// their arguments (`fn compliance(w)` works for any `w` its body accepts).
package struct Checker {
    let scope: any CheckScope
    /// `scenario.name` is allowed in an expression shown at the prompt, not in a definition.
    let allowScoped: Bool
    /// Arguments of the function calls being checked, innermost last.
    var frames: [(names: [String], arguments: [CheckedExpr])] = []
    var callStack: [String] = []
    /// The cells the definition being checked names (`_`, `_3`), bound when it was made; a
    /// function's body uses its own, from when the function was defined.
    package var cells: [String: CellBinding] = [:]
    var functionCells: [[String: CellBinding]] = []
    var specializations: [Specialization: CheckedExpr] = [:]
    /// The definition being checked: `previous(itself, start)` makes it a recurrence.
    var defining: String?

    /// Function calls are expanded at each use; this caps how big one definition can grow.
    static let maxSize = 1_000_000

    struct Specialization: Hashable {
        let function: String
        let types: [ValueType]
        let units: [UnitProduct]
        let flexible: [Bool]
    }

    package init(scope: any CheckScope, allowScoped: Bool = false) {
        self.scope = scope
        self.allowScoped = allowScoped
    }

    package mutating func check(_ expr: Expr) throws(Diagnostic) -> CheckedExpr {
        let checked = try checkNode(expr)
        if checked.size > Checker.maxSize {
            throw Diagnostic(.tooLarge, "this expression expands to more than \(Checker.maxSize) operations",
                             at: expr.span, help: "functions are expanded at each call; give intermediate results names")
        }
        return checked
    }

    mutating func checkNode(_ expr: Expr) throws(Diagnostic) -> CheckedExpr {
        let span = expr.span
        switch expr.kind {
        case .number(let value):
            return CheckedExpr(.constant(value), .plain, .one, span, flexible: value == 0)
        case .money(let value):
            return CheckedExpr(.constant(value), .number(Dimension(.money)), .dollars, span)
        case .boolean(let value):
            return CheckedExpr(.constant(value ? 1 : 0), .boolean, .one, span)
        case .infinity:
            return CheckedExpr(.constant(.infinity), .plain, .one, span, flexible: true)
        case .identifier(let name):
            return try identifier(name, span)
        case .scoped(let scenarioName, let scenarioSpan, let name, let nameSpan):
            return try scoped(scenarioName, scenarioSpan, name, nameSpan, span)
        case .withUnit(let number, let unitExpr):
            return try withUnit(number, unitExpr, span)
        case .unary(let op, let operand):
            let value = try checkNode(operand)
            switch op {
            case .plus:
                try requireNumeric(value, "`+`")
                return CheckedExpr(value.node, value.type, value.unit, span, flexible: value.isFlexible)
            case .negate:
                try requireNumeric(value, "`-`")
                return CheckedExpr(.negate(value), value.type, value.unit, span, flexible: value.isFlexible)
            case .not:
                try requireBoolean(value, "`not`")
                return CheckedExpr(.not(value), .boolean, .one, span)
            }
        case .binary(let op, let left, let right):
            // `6 wk/yr` writes a unit: it keeps its names. Units of one dimension cancel only
            // between values (`coverage * $50/h`, with coverage in shift/wk, is in $/wk).
            let a = try checkNode(left), b = try checkNode(right)
            let cancels = (op == .multiply || op == .divide) && a.unit.cancels(with: op == .multiply ? b.unit : b.unit.power(-1))
            return try binary(op, a, b, span, cancelUnits: cancels && !isLiteralQuantity(expr))
        case .call("previous", let nameSpan, let arguments) where scope.function("previous") == nil:
            return try previous(arguments, nameSpan, span)
        case .call(let name, _, let arguments) where Checker.lookupFunctions.contains(name) && scope.function(name) == nil:
            return try lookupTable(name, arguments, span)
        case .call(let name, let nameSpan, let arguments):
            var checked: [CheckedExpr] = []
            for argument in arguments { checked.append(try checkNode(argument)) }
            return try call(name, nameSpan, checked, span)
        case .list(let items):
            return try list(items, span)
        case .index(let base, let index):
            return try self.index(try checkNode(base), try checkNode(index), span)
        case .conditional(let condition, let yes, let no):
            let c = try checkNode(condition)
            try requireBoolean(c, "the condition of `if`")
            let (a, b) = try unify(try checkNode(yes), try checkNode(no), "the two branches of `if`", span)
            let unit = a.isFlexible ? b.unit : a.unit
            var type = a.type == .boolean ? b.type : try elementwise(a, b, span)
            if case .flags = c.type {
                // One choice per week: the branches become series, and meet the condition's weeks.
                if a.type.isTruth || b.type.isTruth {
                    throw Diagnostic(.typeMismatch, "a week-by-week `if` chooses between numbers", at: span)
                }
                type = retype(try elementwise(c, a.retyped(type, unit), span), type.dimension ?? .none)
            }
            return CheckedExpr(.conditional(c, a, b), type, unit, span, flexible: a.isFlexible && b.isFlexible)
        case .convert(let inner, let unitSyntax):
            return try convert(try checkNode(inner), unitSyntax, span)
        case .interval(let low, let high):
            return try distribution(.interval, [try checkNode(low), try checkNode(high)], span)
        }
    }

    /// A cell's value as a constant, shown in the unit the cell showed it in.
    static func constant(_ value: Value, _ unit: UnitProduct, _ span: Span) -> CheckedExpr {
        let dimension = unit.dimension
        switch value {
        case .number(let x):
            return CheckedExpr(.constant(x), .number(dimension), unit, span, explicitUnit: true)
        case .boolean(let b):
            return CheckedExpr(.constant(b ? 1 : 0), .boolean, .one, span)
        case .list(let xs):
            let items = xs.map { CheckedExpr(.constant($0), .number(dimension), unit, span) }
            return CheckedExpr(.list(items), .list(dimension, count: xs.count), unit, span, explicitUnit: true)
        case .series(let xs):
            let items = xs.map { CheckedExpr(.constant($0), .number(dimension), unit, span) }
            return CheckedExpr(.list(items), .series(dimension, count: xs.count), unit, span, explicitUnit: true)
        }
    }

    // MARK: Names and units

    mutating func identifier(_ name: String, _ span: Span) throws(Diagnostic) -> CheckedExpr {
        for depth in frames.indices.reversed() {
            if let i = frames[depth].names.firstIndex(of: name) {
                guard depth == frames.count - 1 else { break }
                let argument = frames[depth].arguments[i]
                return CheckedExpr(.parameter(i), argument.type, argument.unit, span, flexible: argument.isFlexible)
            }
        }
        if CellReference(name) != nil {
            let bound = try cell(name, span)
            return Checker.constant(bound.value, bound.unit, span)
        }
        if let signature = scope.valueSignature(name) {
            return CheckedExpr(.name(name), signature.type, signature.unit, span, explicitUnit: signature.keepsUnit)
        }
        if let unit = scope.unit(name) ?? Units.lookup(name) {
            let product = UnitProduct(unit)
            return CheckedExpr(.constant(Units[unit].factor), .number(product.dimension), product, span)
        }
        if scope.function(name) != nil || Builtin(rawValue: name) != nil {
            throw Diagnostic(.notAValue, "`\(name)` is a function", at: span, help: "call it: `\(name)(…)`")
        }
        throw unknownName(name, span)
    }

    /// A quantity written out of numbers and unit names (`6 wk/yr`, `$50/h`, `2 h^2`), whose units
    /// are as written, not a computation over values.
    func isLiteralQuantity(_ e: Expr) -> Bool {
        switch e.kind {
        case .number, .money, .withUnit: return true
        case .identifier(let name):
            guard scope.valueSignature(name) == nil, frames.last?.names.contains(name) != true else { return false }
            return scope.unit(name) != nil || Units.lookup(name) != nil
        case .unary(_, let inner): return isLiteralQuantity(inner)
        case .binary(.multiply, let a, let b), .binary(.divide, let a, let b), .binary(.power, let a, let b):
            return isLiteralQuantity(a) && isLiteralQuantity(b)
        default: return false
        }
    }

    func unknownName(_ name: String, _ span: Span) -> Diagnostic {
        var help = Suggestions.hint(for: name, in: scope.knownNames + Units.names + (frames.last?.names ?? []))
        if help == nil, let unit = Units.aliases[name] { help = "the unit is written `\(unit)`" }
        if help == nil, scope.knownScenarios.contains(name) {
            help = "`\(name)` is a scenario; read a value from it with `\(name).some_name`"
        }
        return Diagnostic(.unknownName, "unknown name `\(name)`", at: span, label: "not defined", help: help)
    }

    /// What `_`, `_N` or `_N.lever` reads: the binding a definition made when it was typed, or
    /// the cell table's now.
    func cell(_ name: String, _ span: Span) throws(Diagnostic) -> CellBinding {
        let bound: CellBinding?
        if let frame = functionCells.last {
            bound = frame[name]
        } else if let own = cells[name] {
            bound = own
        } else {
            bound = try scope.cell(name, at: span)
        }
        guard let bound else {
            let cell = name.prefix { $0 != "." }
            throw Diagnostic(.unknownName, cell == "_" ? "`_` is the last value shown, and no cell has shown one yet"
                                                       : "cell \(cell.dropFirst()) has no value", at: span)
        }
        return bound
    }

    mutating func scoped(_ scenarioName: String, _ scenarioSpan: Span, _ name: String, _ nameSpan: Span,
                         _ span: Span) throws(Diagnostic) -> CheckedExpr {
        // `_3.hires`: the lever cell 3's `solve` or `optimize` found, a constant like `_3` itself.
        if CellReference(scenarioName) != nil {
            let bound = try cell(CellTable.key(scenarioName, lever: name), span)
            return Checker.constant(bound.value, bound.unit, span)
        }
        guard allowScoped else {
            throw Diagnostic(.badStatement, "a definition cannot read a value from another scenario", at: span,
                             help: "each scenario is evaluated on its own; show `\(scenarioName).\(name)` at the prompt, or compare the scenarios")
        }
        guard let other = scope.scenario(scenarioName) else {
            throw Diagnostic(.unknownScenario, "unknown scenario `\(scenarioName)`", at: scenarioSpan,
                             help: Suggestions.hint(for: scenarioName, in: scope.knownScenarios))
        }
        guard let signature = other.valueSignature(name) else {
            throw Diagnostic(.unknownName, "`\(scenarioName)` has no value named `\(name)`", at: nameSpan,
                             help: Suggestions.hint(for: name, in: other.knownNames))
        }
        return CheckedExpr(.scoped(scenario: scenarioName, name: name), signature.type, signature.unit, span,
                           explicitUnit: signature.keepsUnit)
    }

    /// `150 staff`, `12%`, `3 h^2`.
    mutating func withUnit(_ numberExpr: Expr, _ unitExpr: Expr, _ span: Span) throws(Diagnostic) -> CheckedExpr {
        let number = try checkNode(numberExpr)
        var exponent = 1
        var nameExpr = unitExpr
        if case .binary(.power, let base, let power) = unitExpr.kind {
            nameExpr = base
            guard let n = try constantInteger(power) else {
                throw Diagnostic(.badExponent, "a unit's power must be a whole number", at: power.span)
            }
            exponent = n
        }
        guard case .identifier(let name) = nameExpr.kind else {
            throw Diagnostic(.unexpectedToken, "expected a unit", at: nameExpr.span)
        }
        // Right after a number a word is a unit, so the spellings a reader writes there count:
        // `3 weeks`, `2 years`, `8 hours` (even where `years` also names a value).
        guard let unit = scope.unit(name) ?? Units.lookup(name) ?? Units.aliases[name].flatMap(Units.lookup) else {
            if scope.valueSignature(name) != nil || frames.last?.names.contains(name) == true {
                throw Diagnostic(.unknownUnit, "`\(name)` is a name, not a unit", at: nameExpr.span,
                                 help: "multiply explicitly: `\(numberExpr.span.text) * \(name)`")
            }
            throw unknownUnit(name, nameExpr.span)
        }
        let product = UnitProduct(unit, exponent: exponent)
        guard case .constant(let value) = number.node else {
            throw Diagnostic(.unexpectedToken, "expected a number before the unit", at: numberExpr.span)
        }
        return CheckedExpr(.constant(value * product.factor), .number(product.dimension), product, span)
    }

    func unknownUnit(_ name: String, _ span: Span) -> Diagnostic {
        var help: String? = Units.aliases[name].map { "the unit is written `\($0)`" }
        if help == nil { help = Suggestions.hint(for: name, in: Units.names) }
        return Diagnostic(.unknownUnit, "unknown unit `\(name)`", at: span,
                          help: help ?? "units: " + Units.all.map(\.symbol).joined(separator: " "))
    }

    /// A unit written after `in`, or in a batch header (with the model's own units, if given).
    package static func resolve(_ syntax: UnitSyntax, in scope: (any CheckScope)? = nil) throws(Diagnostic) -> UnitProduct {
        var product = UnitProduct.one
        for factor in syntax.factors {
            guard let unit = scope?.unit(factor.name) ?? Units.lookup(factor.name) ?? Units.aliases[factor.name].flatMap(Units.lookup) else {
                var help: String? = Units.aliases[factor.name].map { "the unit is written `\($0)`" }
                if help == nil { help = Suggestions.hint(for: factor.name, in: Units.names) }
                throw Diagnostic(.unknownUnit, "unknown unit `\(factor.name)`", at: factor.span, help: help)
            }
            product = product * UnitProduct(unit, exponent: factor.exponent)
        }
        return product
    }

    func convert(_ value: CheckedExpr, _ syntax: UnitSyntax, _ span: Span) throws(Diagnostic) -> CheckedExpr {
        let unit = try Checker.resolve(syntax, in: scope)
        guard let dimension = value.type.dimension else {
            throw Diagnostic(.typeMismatch, "true or false has no unit", at: value.span)
        }
        if value.isFlexible {
            return CheckedExpr(value.node, retype(value.type, unit.dimension), unit, span, explicitUnit: true)
        }
        guard dimension == unit.dimension else {
            throw Diagnostic(.badConversion, "cannot show \(describe(value)) in \(unit)", at: value.span,
                             label: describe(value), help: "`\(unit)` measures \(unit.dimension)")
                .labelling(syntax.span, unit.dimension.description)
        }
        return CheckedExpr(value.node, value.type, unit, span, explicitUnit: true)
    }

    /// A number that can be known without running anything: `2`, `-1`, `(3)`.
    func constantInteger(_ expr: Expr) throws(Diagnostic) -> Int? {
        switch expr.kind {
        case .number(let v) where v == v.rounded() && abs(v) <= 100: return Int(v)
        case .unary(.negate, let inner): return try constantInteger(inner).map { -$0 }
        case .unary(.plus, let inner): return try constantInteger(inner)
        default: return nil
        }
    }

}

/// A number for an error message, without trailing zeros.
func formatPlain(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
