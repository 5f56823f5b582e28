import Glibc
import ArgumentParser
import BargainDiagnostics
import BargainUnits
import BargainEngine
import BargainNotebook
import BargainBatch
import LineEditing

/// `bargain batch`: grids, sweeps and Monte Carlo to CSV or JSON Lines, on every core.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Evaluate many scenarios: a CSV grid, or the product of --vary ranges; CSV or JSON Lines out.",
        discussion: """
            Each grid row is one scenario: the header names inputs (optionally with a unit, layoffs[staff]); a cell \
            is a bare number in that unit (or the input's own) or a quantity in the language (150 staff). Output rows \
            come in input order: the inputs, then each output in the unit of its definition (return_wait[bd]). \
            The same bytes come out for any --threads. --shard K/N or --rows A..B writes a part of the batch (rows are \
            scenarios, input rows times draws, numbered from 0), the same lines a single run writes there; --describe \
            prints the rows and columns as JSON without running (README: When one machine is not enough). Exit status: 0 ok, 64 usage, 65 a bad grid, 70 a row with no value, 74 I/O.
            """
    )

    @Option(help: ArgumentHelp("A CSV file: a header naming inputs, one scenario per row.", valueName: "file"))
    var grid: String?

    @Option(help: ArgumentHelp("Vary an input over COUNT evenly spaced values, in its own unit (repeatable: the product).", valueName: "name=from..to:count"),
            transform: VaryArgument.parse)
    var vary: [VaryArgument] = []

    @Option(help: ArgumentHelp("Outputs to write, comma-separated, or `all`.", valueName: "a,b,c"))
    var outputs: String

    @Option(help: ArgumentHelp("The scenario to vary (default: baseline).", valueName: "name"))
    var scenario: String?

    @Option(help: ArgumentHelp("Load scenarios from a file first (repeatable).", valueName: "file"))
    var load: [String] = []

    @Option(help: ArgumentHelp("Monte Carlo draws per row, over the uncertain inputs.", valueName: "n"))
    var samples: Int?

    @Option(help: ArgumentHelp("Saltelli's design for Sobol' indices: N samples of every uncertain input, N·(k+2) rows (python -m bargain_dask.sobol computes the indices).", valueName: "n"))
    var sobol: Int?

    @Option(help: ArgumentHelp("Seed for --samples and --sobol.", valueName: "s"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Threads to use (default: every core).", valueName: "n"))
    var threads: Int?

    @Option(help: ArgumentHelp("csv or jsonl.", valueName: "format"))
    var format: BatchJob.Format = .csv

    @Option(help: ArgumentHelp("Write here (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .customLong("keep-going"), help: "Write failing rows as error rows and go on; they are counted at the end.")
    var keepGoing = false

    @Option(help: ArgumentHelp("Write only part K of N (contiguous rows; every part has the header, so the parts, concatenated with the header once, are the whole batch's bytes).", valueName: "K/N"),
            transform: SelectionArgument.shard)
    var shard: SelectionArgument?

    @Option(help: ArgumentHelp("Write only rows A up to (not including) B, numbered from 0; a row is one scenario (an input row times a draw, draw fastest).", valueName: "A..B"),
            transform: SelectionArgument.rows)
    var rows: SelectionArgument?

    @Flag(help: "Print what the batch would write as JSON (rows, columns with units, the model's hash, bargain's version) and run nothing.")
    var describe = false

    @OptionGroup var modelOptions: ModelOptions

    func validate() throws {
        if let sobol {
            if grid != nil || !vary.isEmpty || samples != nil { throw ValidationError("--sobol makes its own rows: give it without --grid, --vary or --samples") }
            if sobol < 2 { throw ValidationError("--sobol must be at least 2 samples") }
        } else if (grid == nil) == vary.isEmpty { throw ValidationError("give --grid FILE or --vary NAME=FROM..TO:COUNT (not both), or --sobol N") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1") }
        if shard != nil && rows != nil { throw ValidationError("give --shard K/N or --rows A..B (not both)") }
        if describe && output != nil { throw ValidationError("--describe prints to standard output; it writes no --output file") }
    }

    func run() throws {
        let console = Console()
        let notebook = try modelOptions.load(console: console, scenarioFiles: load)
        do {
            let job = try makeJob(notebook)
            if describe {
                let text = try BatchRunner.describe(job).json(extra: [
                    ("bargain_version", .string(BargainVersion.string)), ("model_hash", .string(notebook.origin.modelHash)),
                ])
                Console.write(text + "\n", to: STDOUT_FILENO)
                return
            }
            let status = try execute(job, console: console)
            if status != 0 { throw ExitCode(status) }
        } catch let error as Diagnostic {
            console.error(error)
            throw ExitCode(error.kind.exitCode)
        }
    }

    func makeJob(_ notebook: Notebook) throws(Diagnostic) -> BatchJob {
        let chosen = try notebook.workspace.scenario(named: scenario ?? Workspace.baselineName)
        var rows = BatchJob.Rows.vary([])
        if let sobol {
            rows = .sobol(samples: sobol)
        } else if let grid {
            rows = .grid(path: grid)
        } else {
            rows = .vary(vary.map(\.axis))
        }
        let names = outputs == "all" ? BatchJob.allOutputs(of: chosen)
            : outputs.split(separator: ",").map { $0.trimmingCharacters(in: " \t\n\r") }
        var job = BatchJob(scenario: chosen, rows: rows, outputs: names, samples: samples, seed: seed,
                           threads: threads ?? availableCores(), format: format,
                           keepGoing: keepGoing)
        job.selection = (shard ?? self.rows)?.selection ?? .all
        return job
    }

    /// Runs the job, streaming to standard output or a temporary file renamed into place.
    func execute(_ job: BatchJob, console: Console) throws(Diagnostic) -> Int32 {
        var sink = try OutputSink(path: output)
        Interrupt.installStopSignals()
        let progress = ProgressBar()
        let summary = try BatchRunner.run(job, cancel: Cancellation { Interrupt.requested },
                                          progress: { progress.update($0, of: $1) }) { (bytes: [UInt8]) throws(Diagnostic) in
            try sink.write(bytes)
        }
        progress.finish()
        for share in summary.sharesReadAsPercent {
            console.errorText("warning: every value in `\(share.header)` is at most 1 (the largest, \(QuantityFormat.number(share.largest)), is \(QuantityFormat.number(share.largest))%); `[%]` reads 0.45 as 0.45%, so if these are shares (0.45 for 45%), drop `[%]` from the header, or write them as percents (45)")
        }
        if let stopped = summary.stopped {
            console.error(stopped)
            if let partial = try sink.closePartial(), let output {
                let rows = "\(QuantityFormat.grouped(UInt64(summary.rows))) \(summary.rows == 1 ? "row" : "rows")"
                console.errorText("the \(rows) written before the stop are in \(partial); \(output) is left as it was")
            } else {
                try sink.flush()
            }
            return stopped.kind.exitCode
        }
        try sink.close()
        if summary.errorRows > 0 {
            console.errorText("\(summary.errorRows) of \(summary.rows + summary.errorRows) \(summary.errorRows == 1 ? "row has" : "rows have") no value (error rows written); first: \(summary.firstError?.message ?? "")")
            return summary.firstError?.kind.exitCode ?? 70
        }
        return 0
    }
}
