import BargainDiagnostics
import BargainUnits
import BargainSyntax

/// One definition of a scenario, checked against the definitions around it.
/// Immutable once made, so a class: copying a program (each edit works on a copy) then copies
/// one reference per definition, not every field.
package final class Definition: Sendable {
    package enum Kind: Sendable {
        /// `name = expr`
        case value(Expr)
        /// `fn name(a, b) = expr`
        case function(FunctionDefinition)
        /// `require cond else "message"`
        case requirement(Expr, message: String?)
    }

    /// The name; a requirement is named by its condition (`require capacity > 0`), which no user name can clash with.
    package let name: String
    package let kind: Kind
    /// The whole statement, for `explain` and error notes.
    package let span: Span
    /// The checked body (nil for a function, which is checked at each call).
    package let checked: CheckedExpr?
    /// Definitions and functions named in the body: what makes this one change when they change.
    package let references: Set<String>
    /// The comment at the end of the definition's line: a model input's basis (`S: …`, `A: …`).
    package let comment: String?
    /// The value definitions this one reads when evaluated, function bodies included.
    package let reads: Set<String>
    /// The names it reads only as last week's value, `previous(x, start)`: such a read may close
    /// a loop, which is then a recurrence over weeks (computed week by week, together).
    let lagged: Set<String>
    /// The cells its text names (`_`, `_3`), with the values they had when it was defined.
    package let cells: [String: CellBinding]

    /// The same definition, its value shown in another unit of the same dimension.
    func shown(in unit: UnitProduct) -> Definition {
        Definition(name: name, kind: kind, span: span, checked: checked.map { $0.retyped($0.type, unit) }, references: references,
                   lagged: lagged, comment: comment, cells: cells)
    }

    init(name: String, kind: Kind, span: Span, checked: CheckedExpr?, references: Set<String>, lagged: Set<String> = [],
         comment: String?, cells: [String: CellBinding] = [:]) {
        self.name = name
        self.cells = cells
        self.kind = kind
        self.span = span
        self.checked = checked
        self.references = references
        self.lagged = lagged
        self.comment = comment
        var names: Set<String> = []
        checked?.collectNames(into: &names)
        self.reads = names
    }

    package var type: ValueType? { checked?.type }
    /// The unit the value is shown in. An input keeps the unit it was written in (`6 wk/yr`);
    /// a formula's cancelled dimensions make a plain number unless it says `in UNIT`.
    package var unit: UnitProduct {
        guard let checked else { return .one }
        return isInput ? checked.unit : checked.displayUnit
    }

    package var isFunction: Bool {
        if case .function = kind { return true }
        return false
    }

    package var isRequirement: Bool {
        if case .requirement = kind { return true }
        return false
    }

    /// An input depends on no other definition: a number, a list of numbers, or an uncertain value.
    package var isInput: Bool {
        if case .value = kind { return references.isEmpty }
        return false
    }

    package var isUncertain: Bool {
        if case .distribution = checked?.node { return true }
        return false
    }

    /// The formula as written, for `explain` and `:names`.
    package var formula: String {
        switch kind {
        case .value(let expr): return expr.span.text
        case .function(let f): return "fn \(f.name.name)(\(f.parameters.map(\.name).joined(separator: ", "))) = \(f.body.span.text)"
        case .requirement(let expr, let message): return "require \(expr.span.text)" + (message.map { " else \"\($0)\"" } ?? "")
        }
    }
}

extension Definition {
    /// The `# comment` after a statement on its last line, if any.
    package static func trailingComment(after span: Span) -> String? {
        let source = span.source
        let range = source.lineRange(source.lineIndex(of: max(span.start, span.end - 1)))
        guard span.end <= range.upperBound else { return nil }
        let rest = source.slice(span.end..<range.upperBound)
        guard let hash = rest.firstIndex(of: "#") else { return nil }
        let comment = rest[rest.index(after: hash)...].trimmingCharacters(in: " \t")
        return comment.isEmpty ? nil : comment
    }
}
