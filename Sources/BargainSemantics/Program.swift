import BargainDiagnostics
import BargainUnits
import BargainSyntax
import HashTreeCollections

/// The checked definitions of one scenario, with the dependency graph between them.
///
/// Every edit goes through `define`, which checks the new definition, refuses cycles, and
/// re-checks exactly the definitions downstream of it. A `Program` is a value: an edit that fails
/// leaves the caller's copy as it was.
package struct Program: Sendable {
    // Persistent maps (see Package.swift): each edit works on a copy, and copying these shares
    // everything but what the edit changes.
    package private(set) var definitions: TreeDictionary<String, Definition> = [:]
    /// Names in the order they were first defined, for listings.
    private(set) var order = NameOrder()
    /// Where each name is in `order`, so a handful of names can be put in order without a scan.
    private(set) var position: TreeDictionary<String, Int> = [:]
    /// Who refers to each name: the reverse of `Definition.references`.
    private(set) var dependents: TreeDictionary<String, Set<String>> = [:]
    private(set) var requirementCount = 0
    /// Operations of every checked definition together (functions expanded at each call).
    private(set) var totalSize = 0
    /// The cap on `totalSize`: one definition may expand to a million operations, but 18
    /// doubling functions called thousands of times must be refused before they take the
    /// machine's memory, not after.
    static let maxTotalSize = 20_000_000
    /// The requirements that name each value (see `indexRequirements`).
    var guardedBy: [String: [String]] = [:]
    /// Everything each requirement needs, directly or not.
    var requirementUpstreams: [String: Set<String>] = [:]
    /// Definitions that read another's last week (`previous(x, start)`), and the groups of series
    /// that read each other's last week, computed week by week together (Program+Recurrences).
    var laggedNames: Set<String> = []
    var recurrenceGroups: [RecurrenceGroup] = []
    var recurrenceGroupIndex: [String: Int] = [:]
    /// Units the model defines, by name: `unit shift = 8 h`.
    private(set) var units: [String: UnitID] = [:]

    package init() {}

    /// Adds a unit the model defines. A name may not be a value, a function or a unit already;
    /// defining the same unit again with the same size changes nothing.
    package mutating func define(unit id: UnitID, at span: Span) throws(Diagnostic) {
        let name = Units[id].symbol
        if let existing = units[name] {
            guard existing == id else {
                throw Diagnostic(.duplicateName, "unit `\(name)` is already defined as \(Units[existing].meaning)", at: span,
                                 help: "a unit keeps its size once defined: pick another name")
            }
            return
        }
        if Units.lookup(name) != nil || Units.aliases[name] != nil {
            throw Diagnostic(.reservedName, "`\(name)` is a built-in unit", at: span)
        }
        if definitions[name] != nil || definitions[name + "s"] != nil {
            throw Diagnostic(.duplicateName, "`\(name)` already names a value or a function", at: span)
        }
        units[name] = id
    }

    package subscript(name: String) -> Definition? { definitions[name] }

    package var valueNames: [String] { order.filter { definitions[$0].map { !$0.isFunction && !$0.isRequirement } ?? false } }
    package var functionNames: [String] { order.filter { definitions[$0]?.isFunction ?? false } }
    var requirementNames: [String] { order.filter { definitions[$0]?.isRequirement ?? false } }

    // MARK: Editing

    /// The result of an edit: the names whose values must be recomputed, in evaluation order.
    package struct Change: Sendable {
        /// The names defined, in order.
        package let names: [String]
        /// Everything whose value may change, in evaluation order.
        package let affected: [String]
        /// The definitions checked again (their compiled code is stale); the rest of `affected`
        /// kept its type and unit and only needs evaluating.
        package let rechecked: Set<String>
    }

    /// Adds or replaces a definition, re-checking everything downstream of it.
    package mutating func define(_ statement: Statement) throws(Diagnostic) -> Change {
        try define(all: [statement])
    }

    /// Adds or replaces several definitions as one edit: each body is checked in turn, then
    /// everything downstream of any of them is checked once, against all of them. So
    /// `raises` and `lump_sums` can change length together.
    package mutating func define(all statements: [Statement], cells: CellTable = .empty) throws(Diagnostic) -> Change {
        // First put every definition in place, unchecked, with the names its text refers to; then
        // check everything downstream of them in dependency order, so each is checked against
        // the new definitions it uses.
        var names: [String] = []
        var signatures: [String: Signature] = [:]
        // Names given again whose definition a file made (see `keepingDimension`).
        var fromFiles: Set<String> = []
        // The requirement index only goes stale when what refers to what changes (a new name, a
        // function, a requirement, a formula naming other things), not when a value does.
        var graphChanged = false
        for statement in statements {
            var (name, kind) = try prepare(statement)
            var bound: [String: CellBinding] = [:]
            switch kind {
            case .value(let expr), .requirement(let expr, _): bound = try cells.bindings(in: expr)
            case .function(var function):
                function.cells = try cells.bindings(in: function.body)
                kind = .function(function)
            }
            if unit(name) != nil, case .define(let id, _) = statement.kind {
                throw Diagnostic(.reservedName, "`\(name)` is a unit this model defines and cannot name a value", at: id.span)
            }
            if let old = definitions[name] {
                signatures[name] = Signature(old)
                if !old.span.source.name.hasPrefix("<") { fromFiles.insert(name) }
            }
            let (references, lagged) = Program.referencesAndLagged(of: kind, defining: name)
            var sameEdges = false
            if case .value = kind, let old = definitions[name], !old.isFunction, !old.isRequirement {
                sameEdges = old.references == references && old.lagged == lagged
            }
            graphChanged = graphChanged || !sameEdges
            if let cycle = cyclePath(from: name, through: references.subtracting(lagged)) {
                throw Diagnostic(.cycle, "`\(name)` would depend on itself: \(cycle.joined(separator: " -> "))",
                                 at: statement.span, help: cycle.count != 2
                                    ? "break the loop by giving one of these a value that does not depend on the others"
                                    : Program.readsItsOwnWeeks(kind, name)
                                    ? "a series built from its own past reads last week's value as `previous(\(name), start)`; no other week of it is computed yet"
                                    : "to change `\(name)`, write its new value in full")
            }
            insert(Definition(name: name, kind: kind, span: statement.span, checked: nil, references: references,
                              lagged: lagged, comment: Definition.trailingComment(after: statement.span), cells: bound))
            names.append(name)
        }
        if graphChanged {
            indexRequirements()
            findRecurrenceGroups()
        }
        let downstream = evaluationOrder(of: downstreamClosure(of: names), includingFunctions: true)
        let defined = Set(names)
        // A definition is checked again only if something it refers to changed type or unit;
        // otherwise only its value changes.
        var changed: Set<String> = []
        var rechecked: Set<String> = []
        for other in downstream {
            guard let old = definitions[other] else { continue }
            guard defined.contains(other) || !old.references.isDisjoint(with: changed) else { continue }
            do {
                let built = try build(other, old.kind, old.span, comment: old.comment, references: old.references, lagged: old.lagged,
                                      cells: old.cells)
                let kept = try keepingDimension(built, was: signatures[other], fromFile: fromFiles.contains(other))
                insert(kept)
                rechecked.insert(other)
                let before = defined.contains(other) ? signatures[other] : Signature(old)
                if kept.isFunction || before != Signature(kept) { changed.insert(other) }
            } catch {
                if defined.contains(other) { throw error }
                let cause = names.first { downstreamClosure(of: [$0]).contains(other) } ?? names[0]
                // An input given in another unit than it had (`layoffs = 150`, no unit) is the
                // user's mistake: say so at their line, not at the formula it broke.
                if let before = signatures[cause], before.keepsUnit, let was = before.unit,
                   let now = definitions[cause], let checked = now.checked, case .value(let expr) = now.kind,
                   was.dimension != checked.unit.dimension, !was.isOne {
                    throw Program.givenInAnotherUnit(cause, was: was, now: checked.unit, expr).noting("`\(other)` uses it: \(error.message)")
                }
                throw error.noting("`\(other)` uses `\(cause)`, and no longer checks")
            }
        }
        if graphChanged { indexRequirements() }
        if totalSize > Program.maxTotalSize, let last = names.last, let span = definitions[last]?.span {
            throw Diagnostic(.tooLarge, "the definitions would expand to more than \(Program.maxTotalSize / 1_000_000) million operations in all",
                             at: span, help: "functions are expanded at each call; give intermediate results names, and call big functions once")
        }
        try checkRecurrenceGroups(touching: downstream)
        return Change(names: names, affected: downstream.filter { definitions[$0]?.isFunction == false },
                      rechecked: rechecked)
    }

    /// An input a file defines (the model, a file it imports, a scenario file) keeps its
    /// dimension when given again: `beds_open = 5 staff`, or a bare `5`, for an input in beds is
    /// the user's slip, even where no formula it feeds would stop checking. One typed at the
    /// prompt (its source is `<input:N>`) may be given again in any unit: that is a scratch pad.
    /// An input in a unit of no dimension (`%`, `wk/yr`, a model's `dozen`) keeps that unit when
    /// given as a plain number: `outsourcing_share = 0.45` is 45%, beside the other scenarios' shares.
    func keepingDimension(_ built: Definition, was before: Signature?, fromFile: Bool) throws(Diagnostic) -> Definition {
        guard let before, before.keepsUnit, !before.isFunction, let was = before.unit, !was.isOne, built.isInput,
              let checked = built.checked, case .value(let expr) = built.kind else { return built }
        guard was.dimension != checked.unit.dimension else {
            return checked.unit.isOne ? built.shown(in: was) : built
        }
        guard fromFile else { return built }
        throw Program.givenInAnotherUnit(built.name, was: was, now: checked.unit, expr)
    }

    /// `layoffs = 150`: "`layoffs` is in staff; this is a plain number", at the user's input.
    static func givenInAnotherUnit(_ name: String, was: UnitProduct, now: UnitProduct, _ expr: Expr) -> Diagnostic {
        let written = now.isOne ? "a plain number" : "in \(now)"
        return Diagnostic(.dimensionMismatch, "`\(name)` is in \(was); this is \(written)", at: expr.span,
                          help: now.isOne ? "write `\(expr.span.text) \(was)`" : "write it in \(was)")
    }

    /// What users of a definition depend on: its type and unit, not its formula.
    struct Signature: Equatable {
        let type: ValueType?
        let unit: UnitProduct?
        let keepsUnit: Bool
        let isFunction: Bool

        init(_ definition: Definition) {
            type = definition.checked?.type
            unit = definition.checked?.unit
            keepsUnit = definition.isInput || (definition.checked?.isExplicitUnit ?? false)
            isFunction = definition.isFunction
        }
    }

    /// The name and kind a statement defines, after checking the name is allowed.
    func prepare(_ statement: Statement) throws(Diagnostic) -> (String, Definition.Kind) {
        switch statement.kind {
        case .define(let id, let expr):
            try Program.validateName(id)
            return (id.name, .value(expr))
        case .function(let id, let parameters, let body):
            try Program.validateName(id)
            for parameter in parameters {
                if Units.lookup(parameter.name) != nil {
                    throw Diagnostic(.reservedName, "`\(parameter.name)` is a unit and cannot name a parameter", at: parameter.span)
                }
                try Program.validateNotCellName(parameter)
            }
            let references = try functionReferences(body, parameters: Set(parameters.map(\.name)), defining: id.name)
            return (id.name, .function(FunctionDefinition(name: id, parameters: parameters, body: body, references: references)))
        case .require(let expr, let message):
            // Named by its condition, so the same requirement has the same name in every scenario.
            return (Program.requirementName(expr), .requirement(expr, message: message))
        default:
            throw Diagnostic(.badStatement, "not a definition", at: statement.span)
        }
    }

    /// Puts a checked definition in place and updates the graph; nothing downstream is re-checked.
    mutating func insert(_ definition: Definition) {
        let name = definition.name
        totalSize += (definition.checked?.size ?? 0) - (definitions[name]?.checked?.size ?? 0)
        if let old = definitions[name] {
            for reference in old.references { dependents[reference]?.remove(name) }
        } else {
            position[name] = order.count
            order.append(name)
            if definition.isRequirement { requirementCount += 1 }
        }
        definitions[name] = definition
        for reference in definition.references { dependents[reference, default: []].insert(name) }
        if definition.lagged.isEmpty { laggedNames.remove(name) } else { laggedNames.insert(name) }
    }

    /// Checks one definition's body against this program.
    /// `references` are the names its text refers to, found when it was put in place.
    func build(_ name: String, _ kind: Definition.Kind, _ span: Span, comment: String?? = nil,
               references: Set<String>, lagged: Set<String> = [], cells: [String: CellBinding] = [:]) throws(Diagnostic) -> Definition {
        let note = comment ?? Definition.trailingComment(after: span)
        switch kind {
        case .value(let expr):
            var checker = Checker(scope: self)
            checker.defining = name
            checker.cells = cells
            let checked = try checker.check(expr)
            if checked.isRecurrent { try Program.checkRecurrence(checked, of: name) }
            if checked.type == .boolean {
                throw Diagnostic(.typeMismatch, "a definition holds a number or a list, not true or false", at: expr.span,
                                 help: "write `if … then 1 else 0` for a 0/1 value")
            }
            return Definition(name: name, kind: kind, span: span, checked: checked,
                              references: syntacticReferences(checked).union(references), lagged: lagged, comment: note, cells: cells)
        case .function(let function):
            return Definition(name: name, kind: kind, span: span, checked: nil, references: function.references, comment: note,
                              cells: cells)
        case .requirement(let expr, _):
            var checker = Checker(scope: self)
            checker.cells = cells
            let checked = try checker.check(expr)
            // A condition week by week (`capacity_by_week > 0 visits/wk`) must hold in every week,
            // and its failure can say in which.
            guard checked.type == .boolean || { if case .flags = checked.type { true } else { false } }() else {
                throw Diagnostic(.typeMismatch, "`require` needs a condition, such as `capacity > 0`", at: expr.span)
            }
            return Definition(name: name, kind: kind, span: span, checked: checked,
                              references: syntacticReferences(checked).union(references), lagged: lagged, comment: note, cells: cells)
        }
    }

    /// `require capacity > 0 visits/wk`: the statement as written, spaces collapsed.
    static func requirementName(_ condition: Expr) -> String {
        "require " + condition.span.text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
    }

    static func validateName(_ id: Identifier) throws(Diagnostic) {
        if Units.lookup(id.name) != nil {
            throw Diagnostic(.reservedName, "`\(id.name)` is a unit and cannot be redefined", at: id.span,
                             help: "pick a name that says what it counts, such as `headcount` or `\(id.name)_count`")
        }
        if Builtin(rawValue: id.name) != nil {
            throw Diagnostic(.reservedName, "`\(id.name)` is a built-in function", at: id.span,
                             help: "pick another name, such as `\(id.name)_value`")
        }
        if id.name == "baseline" {
            throw Diagnostic(.reservedName, "`baseline` names the model as loaded", at: id.span)
        }
        try validateNotCellName(id)
    }

    /// `_` and `_3` read the values of cells; a definition or parameter by that name would hide them.
    static func validateNotCellName(_ id: Identifier) throws(Diagnostic) {
        guard let cell = CellReference(id.name) else { return }
        let meaning = cell.number.map { "the value of cell \($0)" } ?? "the value of the last cell that had one"
        throw Diagnostic(.reservedName, "`\(id.name)` is \(meaning) and cannot be defined", at: id.span,
                         help: "pick another name; `_` and `_` followed by a number are kept for cell values")
    }

}

extension Program: CheckScope {
    package func valueSignature(_ name: String) -> (type: ValueType, unit: UnitProduct, keepsUnit: Bool)? {
        guard let definition = definitions[name], let checked = definition.checked, !definition.isRequirement else { return nil }
        return (checked.type, checked.unit, definition.isInput || checked.isExplicitUnit)
    }

    package func function(_ name: String) -> FunctionDefinition? {
        if case .function(let f) = definitions[name]?.kind { return f }
        return nil
    }

    package func scenario(_ name: String) -> (any CheckScope)? { nil }
    package func unit(_ name: String) -> UnitID? {
        units[name] ?? (name.hasSuffix("s") ? units[String(name.dropLast())] : nil)
    }
    package func isPending(_ name: String) -> Bool {
        guard let definition = definitions[name], case .value = definition.kind else { return false }
        return definition.checked == nil
    }
    package var knownNames: [String] { valueNames + functionNames }
    package var knownScenarios: [String] { [] }
}
