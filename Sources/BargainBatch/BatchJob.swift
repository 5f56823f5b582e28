import BargainDiagnostics
import BargainUnits
import BargainEngine

/// What `bargain batch` runs: a scenario, the rows to vary it by, the outputs to write.
package struct BatchJob: Sendable {
    package enum Rows: Sendable {
        /// A CSV file: a header naming inputs, one scenario per row.
        case grid(path: String)
        /// The Cartesian product of evenly spaced values (`--vary NAME=FROM..TO:COUNT`), last one fastest.
        case vary([VaryAxis])
        /// Saltelli's design for Sobol' indices over every uncertain input (`--sobol N`): N·(k+2)
        /// rows in `SaltelliDesign`'s order, each row's inputs a pure function of the seed and its number.
        case sobol(samples: Int)
    }

    package enum Format: String, Sendable, CaseIterable {
        case csv, jsonl
    }

    package var scenario: Scenario
    package var rows: Rows
    package var outputs: [String]
    /// Monte Carlo draws per row (nil: none).
    package var samples: Int?
    package var seed: UInt64
    var threads: Int
    var format: Format
    /// Write failing rows as error rows and go on, instead of stopping at the first.
    var keepGoing: Bool
    /// Which of the batch's rows to write: all, a shard or an explicit range (`RowSelection`).
    package var selection: RowSelection = .all
    /// Rows per unit of work handed to a thread.
    var chunkRows: Int

    package init(scenario: Scenario, rows: Rows, outputs: [String], samples: Int? = nil, seed: UInt64 = 1,
                threads: Int = availableCores(), format: Format = .csv, keepGoing: Bool = false, chunkRows: Int = 2048) {
        self.scenario = scenario
        self.rows = rows
        self.outputs = outputs
        self.samples = samples
        self.seed = seed
        self.threads = max(1, threads)
        self.format = format
        self.keepGoing = keepGoing
        self.chunkRows = max(1, chunkRows)
    }

    /// The design of `--sobol N`: every uncertain input of the scenario, at least two.
    package static func sobolDesign(_ scenario: Scenario, samples: Int, seed: UInt64) throws(Diagnostic) -> SaltelliDesign {
        let inputs = try UncertainInput.all(in: scenario)
        guard inputs.count >= 2 else {
            throw Diagnostic(.usage, inputs.isEmpty ? "--sobol needs uncertain inputs, and `\(scenario.name)` has none"
                                 : "--sobol needs two or more uncertain inputs, and `\(scenario.name)` has one (`\(inputs[0].name)`)",
                             help: "give inputs as distributions (`referrals = 9000 patients/wk to 10000 patients/wk`) in a file for --load, or pick a --scenario that has them")
        }
        return SaltelliDesign(inputs: inputs, samples: samples, seed: seed)
    }

    /// Every output a batch can write for a scenario: the values computed from others that hold
    /// one number each (lists and inputs aside).
    package static func allOutputs(of scenario: Scenario) -> [String] {
        let program = scenario.program
        return program.valueNames.filter { name in
            guard let definition = program[name], !definition.isInput, case .number = definition.type else { return false }
            return true
        }
    }
}

/// One `--vary NAME=FROM..TO:COUNT`: COUNT evenly spaced values from FROM to TO, in the input's unit.
package struct VaryAxis: Sendable {
    package let name: String
    package let from: Double
    package let to: Double
    package let count: Int

    package init(name: String, from: Double, to: Double, count: Int) {
        self.name = name
        self.from = from
        self.to = to
        self.count = count
    }

    /// Value i of `count`, in the input's own unit.
    func value(_ i: Int) -> Double {
        count == 1 ? from : from + (to - from) * Double(i) / Double(count - 1)
    }

    /// Reads `layoffs=0..600:601`; the message says which part could not be read (argument-parser
    /// prints it after the value and the option).
    package static func parse(_ text: String) throws(Diagnostic) -> VaryAxis {
        let source = Source(name: "--vary", text: text)
        let whole = Span(source, 0, source.bytes.count)
        let help = "write NAME=FROM..TO:COUNT, such as layoffs=0..600:601 (values in the input's own unit)"
        guard let equals = text.firstIndex(of: "="), let colon = text.lastIndex(of: ":") else {
            throw Diagnostic(.usage, "it has no `=` after the name or no `:COUNT` at the end", at: whole, help: help)
        }
        let name = String(text[..<equals])
        guard let count = Int(text[text.index(after: colon)...]), count >= 1 else {
            throw Diagnostic(.usage, "the count `\(text[text.index(after: colon)...])` is not a whole number of at least 1", at: whole, help: help)
        }
        let range = Array(text[text.index(after: equals)..<colon].utf8)
        guard let dots = (0..<max(0, range.count - 1)).first(where: { range[$0] == 46 && range[$0 + 1] == 46 }),
              let from = Double(String(decoding: range[..<dots], as: UTF8.self)),
              let to = Double(String(decoding: range[(dots + 2)...], as: UTF8.self)), from.isFinite, to.isFinite else {
            throw Diagnostic(.usage, "the range `\(String(decoding: range, as: UTF8.self))` is not FROM..TO with two finite numbers", at: whole, help: help)
        }
        return VaryAxis(name: name, from: from, to: to, count: count)
    }
}
