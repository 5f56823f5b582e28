import BargainDiagnostics
import BargainUnits
import BargainSyntax

/// `_` or `_3` as written: the value of the last cell that had one, or of cell 3.
struct CellReference: Equatable, Sendable {
    /// nil for `_`.
    let number: Int?

    /// Reads `_` or `_` followed by digits; nil for any other name (`_x` is an ordinary name).
    init?(_ name: String) {
        guard name.first == "_" else { return nil }
        let digits = name.dropFirst()
        if digits.isEmpty {
            number = nil
            return
        }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits) else { return nil }
        self.number = number
    }
}

/// A cell's value as `_N` reads it: the value, and the unit the cell showed it in.
package struct CellBinding: Sendable, Equatable {
    package let value: Value
    package let unit: UnitProduct

    package init(value: Value, unit: UnitProduct) {
        self.value = value
        self.unit = unit
    }
}

/// The levers a `solve` or `optimize` cell found, in the order it gave them, and the scenario it
/// searched: what `_N.lever` reads, and what `scenario best = _N` makes a scenario of.
package struct FoundLevers: Sendable {
    package let scenario: String
    package let levers: [(name: String, binding: CellBinding)]

    package init(scenario: String, levers: [(name: String, binding: CellBinding)]) {
        self.scenario = scenario
        self.levers = levers
    }
}

/// The values cells have shown so far, which `_` (the last) and `_N` read, and the levers a
/// `solve` or `optimize` cell found, which `_N.lever` reads.
///
/// A definition binds the cells its text names when it is made, and keeps those values through
/// every later check (`x = _ * 2` keeps what `_` was when it was typed), so the checker resolves
/// a cell reference like any other name, from its scope, and the syntax is never rewritten.
package struct CellTable: Sendable {
    package private(set) var byNumber: [Int: CellBinding] = [:]
    package private(set) var found: [Int: FoundLevers] = [:]
    /// Numbers of the cells that have a value, in order; the last one is `_`.
    private(set) var order: [Int] = []

    package init() {}

    package static let empty = CellTable()

    package mutating func record(_ number: Int, _ binding: CellBinding, found: FoundLevers? = nil) {
        byNumber[number] = binding
        self.found[number] = found
        order.append(number)
    }

    /// Forgets an undone cell.
    package mutating func remove(_ number: Int) {
        found[number] = nil
        guard byNumber.removeValue(forKey: number) != nil else { return }
        if let index = order.lastIndex(of: number) { order.remove(at: index) }
    }

    /// The number of the cell `_` or `_N` names, or why there is none.
    package func number(of name: String, at span: Span) throws(Diagnostic) -> Int {
        guard let reference = CellReference(name) else {
            throw Diagnostic(.unknownName, "`\(name)` is not a cell: write `_` or `_N`", at: span)
        }
        guard let number = reference.number else {
            guard let last = order.last else {
                throw Diagnostic(.unknownName, "`_` is the last value shown, and no cell has shown one yet", at: span)
            }
            return last
        }
        guard byNumber[number] != nil else {
            let shown = order.map { "_\($0)" }.suffix(5).joined(separator: ", ")
            throw Diagnostic(.unknownName, "cell \(number) has no value", at: span, label: "no value",
                             help: order.isEmpty ? "`_N` reads the value cell N showed" : "cells with values: " + shown)
        }
        return number
    }

    /// How `_N.lever` is named among a definition's cell bindings, beside `_N`.
    package static func key(_ cell: String, lever: String) -> String { cell + "." + lever }

    /// `_N`'s value, or for a key of a lever (`_N.hires`) the value that cell found for it.
    package func binding(_ name: String, at span: Span) throws(Diagnostic) -> CellBinding {
        guard let dot = name.firstIndex(of: ".") else { return byNumber[try number(of: name, at: span)]! }
        let number = try number(of: String(name[..<dot]), at: span)
        let lever = String(name[name.index(after: dot)...])
        guard let levers = found[number] else {
            throw Diagnostic(.unknownName, "cell \(number) found no levers", at: span,
                             help: "`_N.lever` reads what a `solve` or `optimize` in cell N found")
        }
        guard let binding = levers.levers.first(where: { $0.name == lever })?.binding else {
            throw Diagnostic(.unknownName, "cell \(number) found no value for `\(lever)`", at: span,
                             help: "its levers: " + levers.levers.map(\.name).joined(separator: ", "))
        }
        return binding
    }

    /// The cells an expression's text names, bound to their values now.
    func bindings(in expr: Expr) throws(Diagnostic) -> [String: CellBinding] {
        var found: [String: CellBinding] = [:]
        try collect(expr, into: &found)
        return found
    }

    func collect(_ e: Expr, into found: inout [String: CellBinding]) throws(Diagnostic) {
        if case .identifier(let name) = e.kind, CellReference(name) != nil, found[name] == nil {
            found[name] = try binding(name, at: e.span)
        }
        if case .scoped(let cell, _, let lever, _) = e.kind, CellReference(cell) != nil {
            let key = CellTable.key(cell, lever: lever)
            if found[key] == nil { found[key] = try binding(key, at: e.span) }
        }
        for child in e.kind.children { try collect(child, into: &found) }
    }
}
