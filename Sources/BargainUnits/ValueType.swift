import BargainDiagnostics

/// The static type of a checked expression. List lengths are part of the type, so a list's
/// elements get fixed slots in an evaluation plan and length mismatches are caught before running.
package enum ValueType: Hashable, Sendable, CustomStringConvertible {
    case number(Dimension)
    case list(Dimension, count: Int)
    case boolean

    package static let plain = ValueType.number(.none)

    package var dimension: Dimension? {
        switch self {
        case .number(let d), .list(let d, _): return d
        case .boolean: return nil
        }
    }

    /// How many numbers a value of this type occupies in a plan.
    package var width: Int {
        switch self {
        case .number, .boolean: return 1
        case .list(_, let count): return count
        }
    }

    package var isList: Bool {
        if case .list = self { return true }
        return false
    }

    package var description: String {
        switch self {
        case .number(let d): return d.description
        case .list(let d, let n): return "a list of \(n) (\(d))"
        case .boolean: return "true or false"
        }
    }
}
