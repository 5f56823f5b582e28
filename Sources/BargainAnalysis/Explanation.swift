import BargainDiagnostics
import BargainUnits

/// What `explain` found, as data: the formula tree in the order it is shown, each line knowing
/// its place in the tree; `ExplanationText` draws it.
package struct Explanation: Sendable {
    package let lines: [Line]
    /// The scenario explained, and the one it is built on (nil for baseline).
    package let scenario: String
    package let base: String?
    /// Baseline's edits since the model was loaded that reach this scenario (`layoffs = 150
    /// staff`): its values are not its file's alone.
    package var carried: [String] = []

    package struct Line: Sendable {
        /// One entry per level below the root: whether the node at that level is the last of its
        /// siblings (the tree's `├─`, `└─` and `│`). Empty for the root.
        package let branches: [Bool]
        package let item: Item
    }

    package enum Item: Sendable {
        case name(Name)
        /// A function the parent calls, shown once, where it is first met.
        case function(formula: String)
        /// Depth ran out: how many names the parent reads, and the one to explain next.
        case more(count: Int, next: String)
    }

    /// A name in the tree with its value.
    package struct Name: Sendable {
        package let name: String
        /// Nil when the scenario has no value for it.
        package let value: Result<Value, Diagnostic>?
        package let unit: UnitProduct
        /// The base scenario's value, where it differs.
        package let before: Before?
        /// The scenario sets it itself (an override).
        package let setHere: Bool
        package let detail: Detail
    }

    package enum Before: Sendable {
        case value(Value)
        case error
    }

    package enum Detail: Sendable {
        /// Met before: not expanded again.
        case shownAbove(hasChildren: Bool)
        case input(comment: String?)
        case formula(String)
    }
}
