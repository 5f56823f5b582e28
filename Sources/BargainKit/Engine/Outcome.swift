/// What a statement did, as data for the renderer: the library never prints.
public enum Outcome: Sendable {
    /// `name = expr`: the new value, and the definitions downstream that now fail, if any.
    case definition(Defined)
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

    public struct Defined: Sendable {
        public let name: String
        public let scenario: String
        public let value: Value
        public let unit: UnitProduct
        /// How many definitions were re-evaluated, this one included.
        public let recomputed: Int
        /// Definitions downstream whose evaluation now fails.
        public let broken: [(name: String, diagnostic: Diagnostic)]
    }
}
