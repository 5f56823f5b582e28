import BargainUnits

/// "A definition holding one number": what can be varied (`sweep`, `solve`, grid columns,
/// `--vary`) and what can be written per row (`batch --outputs`). One lookup, so each caller
/// only says, in its own words, what was wrong.
package enum NumberDefinitionLookup {
    case number(Definition, Dimension)
    /// No value of that name: unknown, or a function or a requirement.
    case unknown
    /// A value, but a list (or not yet known).
    case notOneNumber(Definition)
}

extension Program {
    package func numberDefinition(_ name: String) -> NumberDefinitionLookup {
        guard let definition = self[name], !definition.isFunction, !definition.isRequirement else { return .unknown }
        guard case .number(let dimension) = definition.type else { return .notOneNumber(definition) }
        return .number(definition, dimension)
    }
}
