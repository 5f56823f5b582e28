import BargainUnits

/// "A bare number is in the input's unit": `sweep layoffs from 0 to 600`, a grid cell `150`, a
/// solve target `20` all mean the input's (or output's) own unit, so nobody has to repeat it.
/// The rule lives here so that the prompt, `solve` and `batch` cannot drift apart.
extension CheckedExpr {
    /// Written without a unit and none left over: `600` or `2 * 300`, not `600 staff`,
    /// `6 wk/yr` (a plain number, but with units that cancel) or `x in 1`.
    var isBareNumber: Bool {
        type.dimension == Dimension.none && unit.isOne && !isExplicitUnit
    }

    /// `value` (this expression's value, in base units) as a quantity of `dimension`: as it is
    /// when the dimensions agree, taken in `unit` when it is a bare number; nil when neither.
    package func baseValue(_ value: Double, asA dimension: Dimension, bareIn unit: UnitProduct) -> Double? {
        if type.dimension == dimension { return value }
        if isBareNumber { return value * unit.factor }
        return nil
    }
}
