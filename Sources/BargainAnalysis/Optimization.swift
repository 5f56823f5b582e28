import BargainUnits
import BargainSyntax

/// What `optimize` found, as data: the package, how each constraint stands at it, what relaxing
/// each would gain, and how sure the search is. `OptimizationText` writes it. Values are in base
/// units.
package struct Optimization: Sendable {
    package struct LeverValue: Sendable {
        package let name: String
        package let value: Double
        package let unit: UnitProduct
        package let low: Double
        package let high: Double
        package let step: Double?
        /// When the lever sits at an end of its range and one step past it still meets every
        /// constraint and does better: that value and the objective's improvement there. The
        /// range, not the model, is what stops it.
        package let beyond: (value: Double, gain: Double)?
    }

    package struct ConstraintState: Sendable {
        /// The constraint as written.
        package let text: String
        package let output: String
        package let relation: Constraint.Relation
        package let bound: Double
        package let unit: UnitProduct
        /// The output's value at the package.
        package let value: Double
        /// How far inside the bound it is (negative: how far past).
        package var slack: Double { relation == .atMost ? bound - value : value - bound }
        /// The bound moved one step looser, and the objective's improvement there (nil when the
        /// search could not say); the constraint binds when the improvement is more than nothing.
        package let relaxedBound: Double?
        package let gain: Double?
        package var binds: Bool { (gain ?? 0) > 0 }
    }

    package let goal: OptimizeGoal
    package let objective: String
    package let objectiveUnit: UnitProduct
    package let objectiveValue: Double
    package let levers: [LeverValue]
    package let constraints: [ConstraintState]
    /// The scenario searched from: the package is it with the levers changed.
    package let scenario: String
    package let evaluations: Int
    /// Regions the refinement started from, and how many of them ended at this package.
    package let starts: Int
    package let startsAgreeing: Int
    /// The best package found from another region, and its objective.
    package let runnerUp: (levers: [Double], objective: Double)?
    /// Packages far from this one whose objective is the same: the optimum is a flat stretch.
    package let ties: Int
    package let seed: UInt64
}
