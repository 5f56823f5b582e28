import BargainDiagnostics
import BargainUnits
import BargainAnalysis

/// One numbered entry of a session and what came of it.
package struct Cell: Sendable {
    package let number: Int
    package let input: String
    package let results: [StatementResult]
    /// The significant digits its numbers are shown with (`precision N` before it).
    package let digits: Int

    init(number: Int, input: String, results: [StatementResult], digits: Int = QuantityFormat.defaultDigits) {
        self.number = number
        self.input = input
        self.results = results
        self.digits = digits
    }

    package var failed: Bool { results.contains { $0.diagnostic != nil } }
}

/// One statement of a cell and its outcome.
package struct StatementResult: Sendable {
    package let input: String
    package let result: Result<Outcome, Diagnostic>

    package var diagnostic: Diagnostic? {
        if case .failure(let d) = result { return d }
        return nil
    }
}
