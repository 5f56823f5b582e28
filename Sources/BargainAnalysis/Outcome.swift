import BargainUnits
import BargainSyntax
import BargainEngine

/// What a statement did, as data for the renderer: the library never prints.
package enum Outcome: Sendable {
    /// `name = expr`: the new value, and the definitions downstream that now fail, if any.
    case definition(DefinedValue)
    case function(name: String, parameters: [String])
    case requirement(name: String)
    /// An expression's value (`ValueLabel` decides what name is shown before it: `fte = 1,965 FTE`).
    case value(of: Expr, value: Value, unit: UnitProduct)
    case scenario(name: String, base: String, overrides: [String])
    case use(scenario: String)
    /// A table: compare, sweep, simulate, …
    case table(Table)
    /// `explain`'s formula tree.
    case explanation(Explanation)
    /// Watched values before and after an entry (or as they are, for `watch` itself).
    case watched([WatchRow])
    /// `solve`: the input's value, and notes on how it was found.
    case solved(Solution)
    /// `chart`: series over the weeks, by-year lists year by year.
    case charts([Chart])
    /// `optimize`: the best package, its constraints and how sure the search is.
    case optimized(Optimization)
    /// `unit shift = 8 h`: the unit's name and its size, shown in the unit it was given in.
    case unit(name: String, size: Double, unit: UnitProduct)
    /// `unit bed`: a unit of a dimension of its own.
    case baseUnit(name: String)
    /// `reset NAME`: the names put back as its file (or, for baseline, the model) has them.
    case reset(scenario: String, restored: [String], stillCarried: [String])
    /// `precision N`: the significant digits shown from the next cell on.
    case precision(digits: Int)

    package typealias Defined = DefinedValue
}
