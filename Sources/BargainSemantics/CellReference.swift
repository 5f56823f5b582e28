import BargainDiagnostics
import BargainUnits
import BargainSyntax

/// `_` or `_3` as written: the value of the last cell that had one, or of cell 3.
package struct CellReference: Equatable, Sendable {
    /// nil for `_`.
    package let number: Int?

    /// Reads `_` or `_` followed by digits; nil for any other name (`_x` is an ordinary name).
    package init?(_ name: String) {
        guard name.first == "_" else { return nil }
        let digits = name.dropFirst()
        if digits.isEmpty {
            number = nil
            return
        }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits) else { return nil }
        self.number = number
    }
}
