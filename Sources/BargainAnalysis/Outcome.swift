import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainSemantics
import BargainEngine

/// What a statement did, as data for the renderer: the library never prints.
package enum Outcome: Sendable {
    /// `name = expr`: the new value, and the definitions downstream that now fail, if any.
    case definition(DefinedValue)
    case function(name: String, parameters: [String])
    case requirement(name: String)
    /// An expression's value; `label` is the name shown before it (`fte = 1,965 FTE`), if any.
    case value(label: String?, value: Value, unit: UnitProduct)
    case scenario(name: String, base: String, overrides: [String])
    case use(scenario: String)
    /// A table: compare, sweep, simulate, …
    case table(Table)
    /// Several lines of text, such as `explain`'s formula tree.
    case report(String)
    /// Watched values before and after an entry (or as they are, for `watch` itself).
    case watched([WatchRow])
    /// `solve`: the input's value, and notes on how it was found.
    case solved(name: String, value: Double, unit: UnitProduct, notes: [String])

    package typealias Defined = DefinedValue
}
