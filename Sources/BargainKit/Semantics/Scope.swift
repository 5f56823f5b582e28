/// A user function as defined: its parameters and body, checked again for each set of argument types.
public struct FunctionDefinition: Sendable {
    public let name: Identifier
    public let parameters: [Identifier]
    public let body: Expr
    /// Names of definitions and functions the body refers to.
    public let references: Set<String>
}

/// What the checker can see while checking one expression: the definitions of one scenario.
public protocol CheckScope {
    /// The type and unit of a value definition, and whether that unit is shown as it is
    /// (an input's written unit, or one asked for with `in`).
    func valueSignature(_ name: String) -> (type: ValueType, unit: UnitProduct, keepsUnit: Bool)?
    func function(_ name: String) -> FunctionDefinition?
    /// Another scenario, for `scenario.name`.
    func scenario(_ name: String) -> (any CheckScope)?
    /// Every defined name, for did-you-mean.
    var knownNames: [String] { get }
    var knownScenarios: [String] { get }
}
