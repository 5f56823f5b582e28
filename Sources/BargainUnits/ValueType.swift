
/// The static type of a checked expression: its shape (one value, a list, a series over the
/// contract's weeks) and its unit's dimension. Lengths are part of the type, so every entry gets
/// a fixed slot in an evaluation plan and length mismatches are caught before running.
package enum ValueType: Hashable, Sendable, CustomStringConvertible {
    case number(Dimension)
    /// A list, such as a by-year list (`raises`): `count` entries, indexed from 1.
    case list(Dimension, count: Int)
    /// A series: one value per week of the timeline, `count` weeks.
    case series(Dimension, count: Int)
    /// A series of true or false, one per week (`week >= strike_start`).
    case flags(count: Int)
    case boolean

    package static let plain = ValueType.number(.none)

    package var dimension: Dimension? {
        switch self {
        case .number(let d), .list(let d, _), .series(let d, _): return d
        case .boolean, .flags: return nil
        }
    }

    /// How many numbers a value of this type occupies in a plan.
    package var width: Int {
        switch self {
        case .number, .boolean: return 1
        case .list(_, let count), .series(_, let count), .flags(let count): return count
        }
    }

    /// More than one number: a list or a series.
    package var isList: Bool {
        switch self {
        case .list, .series, .flags: return true
        case .number, .boolean: return false
        }
    }

    /// One value per week.
    package var isSeries: Bool {
        switch self {
        case .series, .flags: return true
        default: return false
        }
    }

    /// True or false, one or one per week.
    package var isTruth: Bool {
        switch self {
        case .boolean, .flags: return true
        default: return false
        }
    }

    package var description: String {
        switch self {
        case .number(let d): return d.description
        case .list(let d, let n): return "a list of \(n) (\(d))"
        case .series(let d, let n): return "a series of \(n) weeks (\(d))"
        case .flags(let n): return "a series of \(n) weeks of true or false"
        case .boolean: return "true or false"
        }
    }
}
