
/// A unit the language knows: its dimension and how many base units one of it is.
///
/// Base units: `$` for money, `wk` for time (flows are weekly), and one each of staff, FTE, patient, visit.
package struct UnitDefinition: Hashable, Sendable {
    /// The canonical spelling, as displayed when singular: `visit`, `h`, `$`.
    package let symbol: String
    /// The spelling in a numerator: `visits`, `patients`; the same as `symbol` for most units.
    package let plural: String
    let dimension: Dimension
    /// The size of one of this unit in base units: `yr` is 52 (weeks), `bd` 0.2, `%` 0.01.
    package let factor: Double
    /// What the unit means, for `:help units`.
    package let meaning: String
}

/// A built-in unit (an index into `Units.all`, cheap to store in every symbolic unit), or one a
/// model defines (`unit shift = 8 h`), which carries its definition: nothing global changes
/// when a model defines a unit, and two sessions may define `shift` differently.
package struct UnitID: Hashable, Sendable {
    let index: Int
    let custom: UnitDefinition?

    init(index: Int) {
        self.index = index
        custom = nil
    }

    /// A unit a model defines: `symbol` is `size` base units of `dimension`.
    package init(defining symbol: String, dimension: Dimension, factor: Double, meaning: String) {
        index = -1
        // A counted thing takes an s in a numerator, as `visits` does: `72 beds`, `2 shifts/wk`.
        let counted = symbol.count > 1 && symbol.allSatisfy(\.isLetter) && symbol.last != "s" && symbol.lowercased() == symbol
        custom = UnitDefinition(symbol: symbol, plural: counted ? symbol + "s" : symbol, dimension: dimension, factor: factor, meaning: meaning)
    }
}

/// The built-in unit table; a model adds its own with `unit NAME = quantity` (see `UnitID`).
package enum Units {
    package static let all: [UnitDefinition] = [
        UnitDefinition(symbol: "$", plural: "$", dimension: Dimension(.money), factor: 1, meaning: "US dollars"),
        UnitDefinition(symbol: "wk", plural: "wk", dimension: Dimension(.time), factor: 1, meaning: "week"),
        UnitDefinition(symbol: "h", plural: "h", dimension: Dimension(.time), factor: 1.0 / 168, meaning: "hour (1/168 wk)"),
        UnitDefinition(symbol: "min", plural: "min", dimension: Dimension(.time), factor: 1.0 / 10_080, meaning: "minute"),
        UnitDefinition(symbol: "day", plural: "day", dimension: Dimension(.time), factor: 1.0 / 7, meaning: "calendar day (1/7 wk)"),
        UnitDefinition(symbol: "bd", plural: "bd", dimension: Dimension(.time), factor: 1.0 / 5, meaning: "business day (1/5 wk)"),
        UnitDefinition(symbol: "month", plural: "month", dimension: Dimension(.time), factor: 52.0 / 12, meaning: "month (1/12 yr)"),
        UnitDefinition(symbol: "yr", plural: "yr", dimension: Dimension(.time), factor: 52, meaning: "year (52 wk)"),
        UnitDefinition(symbol: "staff", plural: "staff", dimension: Dimension(.staff), factor: 1, meaning: "a person on staff"),
        UnitDefinition(symbol: "FTE", plural: "FTE", dimension: Dimension(.fte), factor: 1, meaning: "full-time equivalent"),
        UnitDefinition(symbol: "patient", plural: "patients", dimension: Dimension(.patient), factor: 1, meaning: "a patient"),
        UnitDefinition(symbol: "visit", plural: "visits", dimension: Dimension(.visit), factor: 1, meaning: "an appointment"),
        // Display units for money in thousands, millions and billions: `annual_cost in $M/yr`.
        UnitDefinition(symbol: "$k", plural: "$k", dimension: Dimension(.money), factor: 1e3, meaning: "thousands of US dollars"),
        UnitDefinition(symbol: "$M", plural: "$M", dimension: Dimension(.money), factor: 1e6, meaning: "millions of US dollars"),
        UnitDefinition(symbol: "$B", plural: "$B", dimension: Dimension(.money), factor: 1e9, meaning: "billions of US dollars"),
        UnitDefinition(symbol: "%", plural: "%", dimension: .none, factor: 0.01, meaning: "percent (a plain number: 12% is 0.12)"),
    ]

    static let byName: [String: UnitID] = {
        var table: [String: UnitID] = [:]
        for (index, unit) in all.enumerated() {
            table[unit.symbol] = UnitID(index: index)
            table[unit.plural] = UnitID(index: index)
        }
        return table
    }()

    package static let dollar = UnitID(index: 0)
    package static let percent = UnitID(index: all.count - 1)
    static let week = UnitID(index: 1)
    /// `$k`, `$M`, `$B`, with the letter each is written with after the number.
    static let scaledDollars: [(UnitID, String)] = ["$k", "$M", "$B"].map { (byName[$0]!, String($0.dropFirst())) }

    /// Every spelling, for completion and did-you-mean.
    package static var names: [String] { byName.keys.sorted() }

    package static func lookup(_ name: String) -> UnitID? { byName[name] }

    package static subscript(id: UnitID) -> UnitDefinition { id.custom ?? all[id.index] }

    /// Common spellings that are not units here, and the unit meant.
    package static let aliases: [String: String] = [
        "hour": "h", "hours": "h", "hr": "h", "hrs": "h", "week": "wk", "weeks": "wk", "wks": "wk",
        "year": "yr", "years": "yr", "yrs": "yr", "days": "day", "months": "month", "minute": "min",
        "minutes": "min", "mins": "min", "fte": "FTE", "ftes": "FTE", "FTEs": "FTE", "usd": "$", "dollars": "$",
        "businessday": "bd", "business_days": "bd", "bds": "bd", "percent": "%", "pct": "%",
    ]
}
