import BargainDiagnostics
import BargainUnits
import BargainSyntax

/// A user function as defined: its parameters and body, checked again for each set of argument types.
package struct FunctionDefinition: Sendable {
    package let name: Identifier
    package let parameters: [Identifier]
    package let body: Expr
    /// Names of definitions and functions the body refers to.
    let references: Set<String>
    /// The cells the body names, with the values they had when it was defined.
    package var cells: [String: CellBinding] = [:]
}

/// What the checker can see while checking one expression: the definitions of one scenario.
package protocol CheckScope {
    /// The type and unit of a value definition, and whether that unit is shown as it is
    /// (an input's written unit, or one asked for with `in`).
    func valueSignature(_ name: String) -> (type: ValueType, unit: UnitProduct, keepsUnit: Bool)?
    func function(_ name: String) -> FunctionDefinition?
    /// Another scenario, for `scenario.name`.
    func scenario(_ name: String) -> (any CheckScope)?
    /// Every defined name, for did-you-mean.
    var knownNames: [String] { get }
    var knownScenarios: [String] { get }
    /// A value defined in the edit being checked but not checked yet: `previous(x, start)` may
    /// read it (its type is the start's, week by week), as two series that read each other's
    /// last week must.
    func isPending(_ name: String) -> Bool
    /// A unit the model defines (`unit shift = 8 h`), by its name or its plural (`shifts`).
    func unit(_ name: String) -> UnitID?
    /// `_` or `_3` at the prompt: the values cells have shown (definitions bind theirs when
    /// made); nil where there are no cells (a model file), an error for a cell with no value.
    func cell(_ name: String, at span: Span) throws(Diagnostic) -> CellBinding?
}

extension CheckScope {
    package func isPending(_ name: String) -> Bool { false }
    package func unit(_ name: String) -> UnitID? { nil }
    package func cell(_ name: String, at span: Span) throws(Diagnostic) -> CellBinding? { nil }
}
