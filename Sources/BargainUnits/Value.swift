
/// A computed value, in base units (weeks, dollars, …). `Rendering` converts it to its display unit.
package enum Value: Sendable, Equatable {
    case number(Double)
    case list([Double])
    /// One value per week of the timeline (true or false as 1 and 0 for a series of flags).
    case series([Double])
    case boolean(Bool)

    package init(_ numbers: ArraySlice<Double>, as type: ValueType) {
        switch type {
        case .number: self = .number(numbers.first ?? .nan)
        case .boolean: self = .boolean((numbers.first ?? 0) != 0)
        case .list: self = .list(Array(numbers))
        case .series, .flags: self = .series(Array(numbers))
        }
    }

    package var numbers: [Double] {
        switch self {
        case .number(let x): return [x]
        case .list(let xs), .series(let xs): return xs
        case .boolean(let b): return [b ? 1 : 0]
        }
    }

    package var scalar: Double? {
        if case .number(let x) = self { return x }
        return nil
    }
}
