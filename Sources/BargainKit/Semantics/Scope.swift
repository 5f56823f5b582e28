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
    /// The type and display unit of a value definition.
    func valueSignature(_ name: String) -> (type: ValueType, unit: UnitProduct)?
    func function(_ name: String) -> FunctionDefinition?
    /// Another scenario, for `scenario.name`.
    func scenario(_ name: String) -> (any CheckScope)?
    /// Every defined name, for did-you-mean.
    var knownNames: [String] { get }
    var knownScenarios: [String] { get }
}
