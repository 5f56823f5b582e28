import BargainDiagnostics
import BargainUnits

/// What one definition entry now is, as the engine reports it.
package enum Defined: Sendable {
    case value(DefinedValue)
    case function(name: String, parameters: [String])
    case requirement(name: String)
}

/// `name = expr`: the new value, and the definitions downstream that now fail, if any.
package struct DefinedValue: Sendable {
    package let name: String
    package let scenario: String
    package let value: Value
    package let unit: UnitProduct
    /// How many definitions were re-evaluated, this one included.
    let recomputed: Int
    /// Definitions downstream whose evaluation now fails.
    package let broken: [(name: String, diagnostic: Diagnostic)]
    /// Scenarios loaded from a file that this edit to baseline now reaches: they no longer
    /// match their file (the statement runner fills it in).
    package var reaches: [String] = []
}
