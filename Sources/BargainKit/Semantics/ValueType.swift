/// The static type of a checked expression. List lengths are part of the type, so a list's
/// elements get fixed slots in an evaluation plan and length mismatches are caught before running.
public enum ValueType: Hashable, Sendable, CustomStringConvertible {
    case number(Dimension)
    case list(Dimension, count: Int)
    case boolean

    public static let plain = ValueType.number(.none)

    public var dimension: Dimension? {
        switch self {
        case .number(let d), .list(let d, _): return d
        case .boolean: return nil
        }
    }

    /// How many numbers a value of this type occupies in a plan.
    public var width: Int {
        switch self {
        case .number, .boolean: return 1
        case .list(_, let count): return count
        }
    }

    public var isList: Bool {
        if case .list = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .number(let d): return d.description
        case .list(let d, let n): return "a list of \(n) (\(d))"
        case .boolean: return "true or false"
        }
    }
}
