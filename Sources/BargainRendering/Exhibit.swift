import BargainDiagnostics
import BargainUnits
import BargainAnalysis

/// A session as a document for people who do not use a terminal: the header a reader needs to
/// trust it, the scenarios and what they change, then the notes and cells in order, each cell's
/// results as data. `HTMLDocument` and `MarkdownDocument` render it; nothing here is text yet
/// except what the session itself holds (notes, inputs, command output).
package struct Exhibit: Sendable {
    package struct Header: Sendable {
        package var title: String
        /// When the session was saved (UTC, ISO 8601), or exported from the prompt.
        var date: String?
        var modelName: String?
        package var modelHash: String?
        package var seed: UInt64
        /// Scenario files loaded after the model: name and SHA-256.
        var scenarioFiles: [(name: String, sha256: String)]
        /// Where the files run against now differ from those the session was saved with.
        package var originNotes: [String]

        package init(title: String, date: String?, modelName: String?, modelHash: String?, seed: UInt64,
                     scenarioFiles: [(name: String, sha256: String)] = [], originNotes: [String] = []) {
            self.title = title
            self.date = date
            self.modelName = modelName
            self.modelHash = modelHash
            self.seed = seed
            self.scenarioFiles = scenarioFiles
            self.originNotes = originNotes
        }
    }

    /// One statement's result in a cell.
    package enum Result: Sendable {
        case outcome(Outcome)
        case error(Diagnostic)
        /// A `:command`'s output, which is text already.
        case text(String)
    }

    package struct Cell: Sendable {
        package let number: Int
        package let input: String
        package let results: [Result]
        /// The output the session file recorded, when it differs from what came out now.
        let recorded: [String]?
        /// The significant digits the cell showed its numbers with.
        package let digits: Int

        package init(number: Int, input: String, results: [Result], recorded: [String]? = nil, digits: Int = QuantityFormat.defaultDigits) {
            self.number = number
            self.input = input
            self.results = results
            self.recorded = recorded
            self.digits = digits
        }

        /// The charts a cell draws: its `chart` statements' and its tables'.
        package var charts: [Chart] {
            results.flatMap { result -> [Chart] in
                guard case .outcome(let outcome) = result else { return [] }
                switch outcome {
                case .charts(let charts): return charts
                case .table(let table): return table.charts
                default: return []
                }
            }
        }
    }

    package enum Item: Sendable {
        case note(String)
        case cell(Cell)
    }

    package var header: Header
    /// Every scenario as the session leaves it, baseline first.
    package var scenarios: [ScenarioSummary]
    var items: [Item]

    package init(header: Header, scenarios: [ScenarioSummary], items: [Item]) {
        self.header = header
        self.scenarios = scenarios
        self.items = items
    }

    package var cells: [Cell] { items.compactMap { if case .cell(let c) = $0 { c } else { nil } } }

    /// Cells whose output now differs from the recorded one.
    package var drifted: [Cell] { cells.filter { $0.recorded != nil } }

    /// Scenarios that no longer match the file they came from, with why.
    package var mismatches: [String] { scenarios.compactMap(\.mismatch) }
}
