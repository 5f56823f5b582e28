import BargainDiagnostics
import BargainUnits
import BargainEngine

/// What a batch did: rows written, rows that failed, and why it stopped early, if it did.
package struct BatchSummary: Sendable {
    package var rows = 0
    package var errorRows = 0
    package var firstError: Diagnostic?
    /// Set when the batch stopped before the end: a failing row (without --keep-going) or Ctrl-C.
    package var stopped: Diagnostic?
    /// Each grid column headed `name[%]`, with the largest value given in it: when none is above
    /// 1, the grid likely holds shares (0.45) meant as 45%, and reads them as 0.45%.
    var shareColumns: [(header: String, largest: Double)] = []

    /// The `[%]` columns whose values are all 1 or less.
    package var sharesReadAsPercent: [(header: String, largest: Double)] { shareColumns.filter { $0.largest <= 1 } }
}

/// Runs a batch: rows in chunks, evaluated over blocks of lanes on every core, written in input
/// order. Memory stays flat: only a window of chunks is in flight. Each row's numbers depend only
/// on the row (and, with samples, on the seed and the draw's global index), so the output is the
/// same bytes for any number of threads.
package enum BatchRunner {
    /// What the job would write (rows counted, a grid read through once), without running it.
    package static func describe(_ job: BatchJob) throws(Diagnostic) -> BatchDescription {
        try BatchSetup(job, countingRows: true).description
    }

    /// Runs the job; `progress` hears the rows written so far, and how many this run will write
    /// when that is known before the end (a `--vary` or `--sobol` batch, or any part of one).
    package static func run(_ job: BatchJob, cancel: Cancellation = .never, progress: ((_ rows: Int, _ of: Int?) -> Void)? = nil,
                           write: ([UInt8]) throws(Diagnostic) -> Void) throws(Diagnostic) -> BatchSummary {
        let setup = try BatchSetup(job)
        try write(setup.format.header())
        let source = ChunkSource(decoder: setup.decoder, window: 2 * job.threads, samples: job.samples ?? 1, rows: setup.selected)
        let workers = (0..<job.threads).map { _ in
            WorkerThread { [setup, source] in
                var runner = PlanRunner(plan: setup.plan, lanes: 256)
                while let work = source.claim() {
                    source.deliver(setup.evaluator.process(work, &runner))
                }
            }
        }
        workers.forEach { $0.start() }
        var summary = BatchSummary()
        let expected = setup.description.selected?.count
        var shares: [Int: Double] = [:]
        var index = 0
        while let result = source.result(index) {
            do {
                try write(result.bytes)
            } catch {
                summary.stopped = error
                source.stop()
                break
            }
            summary.rows += result.rows
            summary.errorRows += result.errors
            for (c, largest) in result.largestShare { shares[c] = Swift.max(shares[c] ?? -.infinity, largest) }
            if summary.firstError == nil { summary.firstError = result.firstError }
            progress?(summary.rows, expected)
            if let stop = result.stop {
                summary.stopped = stop
                source.stop()
                break
            }
            if cancel.isCancelled {
                summary.stopped = Diagnostic(.cancelled, "stopped (Ctrl-C) after \(QuantityFormat.grouped(UInt64(summary.rows))) rows")
                source.stop()
                break
            }
            index += 1
        }
        workers.forEach { $0.join() }
        if let failure = source.failure, summary.stopped == nil { throw failure }
        summary.shareColumns = shares.keys.sorted().map { (setup.decoder.columns[$0].header, shares[$0]!) }
        return summary
    }
}

/// One chunk of rows to evaluate: lines of the grid, or a range of the vary product.
struct ChunkWork: Sendable {
    let index: Int
    /// The global number (0-based) of the chunk's first row.
    let firstRow: Int
    let rows: Int
    let payload: Payload
    /// The draws of each row it evaluates: all of them, or (a row with more draws than a chunk
    /// holds) a part.
    let draws: Range<Int>

    enum Payload: Sendable {
        /// The records' bytes, each ending in a newline, and the line each starts on.
        case grid(lines: [Int], bytes: [UInt8])
        case vary
    }
}

/// A chunk's formatted rows, ready to write.
struct ChunkResult: Sendable {
    let index: Int
    var bytes: [UInt8] = []
    var rows = 0
    var errors = 0
    var firstError: Diagnostic?
    /// The row that stopped the batch (its bytes hold only the rows before it).
    var stop: Diagnostic?
    /// For each `name[%]` column (by index), the largest value seen in it, as written.
    var largestShare: [Int: Double] = [:]
}

/// Hands out chunks in order and collects results, keeping at most `window` chunks in flight.
/// It walks the batch's rows (scenarios: input row × draw, draw fastest) from the selection's
/// first to its end: whole input rows with all their draws while it can, one input row with a
/// part of its draws where the selection starts or ends inside a row or a row has more draws
/// than a chunk holds. A chunk's lanes are consecutive rows, so draw numbers are global.
final class ChunkSource: @unchecked Sendable {
    /// Scenarios (rows × draws) in one chunk at most: its formatted rows are held until written.
    static let maxLanes = 1 << 16
    let decoder: RowDecoder
    let window: Int
    let samples: Int
    /// The input row being handed out a part of its draws at a time, if one is.
    private var splitting: (row: Int, payload: ChunkWork.Payload)?
    private let monitor = Monitor()
    private var nextIndex = 0
    /// The next scenario (input row × samples + draw) to hand out, and the end of the selection.
    private var next: Int
    private let end: Int
    private var written = 0
    private var exhausted = false
    private var stopped = false
    private var results: [Int: ChunkResult] = [:]
    private(set) var failure: Diagnostic?

    /// `rows`: the scenarios to evaluate (nil: all, however many the grid holds). The decoder
    /// must already be at input row `rows.lowerBound / samples`.
    init(decoder: RowDecoder, window: Int, samples: Int = 1, rows: Range<Int>? = nil) {
        self.decoder = decoder
        self.window = max(1, window)
        self.samples = max(1, samples)
        next = rows?.lowerBound ?? 0
        end = rows?.upperBound ?? Int.max
    }

    /// The next chunk, once the window has room; nil when there is no more work.
    func claim() -> ChunkWork? {
        monitor.withLock { () -> ChunkWork? in
            while !stopped && !exhausted && nextIndex >= written + window { monitor.wait() }
            guard !stopped, !exhausted else { return nil }
            if next < end {
                switch Result(catching: { () throws(Diagnostic) in try nextWork() }) {
                case .success(let work?): return work
                case .success(nil): break
                case .failure(let error): failure = error
                }
            }
            exhausted = true
            monitor.broadcast()
            return nil
        }
    }

    /// The chunk starting at `next` (under the lock); nil when the rows run out.
    private func nextWork() throws(Diagnostic) -> ChunkWork? {
        let row = next / samples, draw = next % samples
        let rowEnd = end - row * samples  // the draw of this row where the selection ends (if < samples)
        let index = nextIndex
        if draw != 0 || rowEnd < samples || samples > ChunkSource.maxLanes {
            let payload: ChunkWork.Payload
            if let split = splitting, split.row == row {
                payload = split.payload
            } else {
                guard let (_, decoded) = try decoder.nextChunk(firstRow: row, maxRows: 1) else { return nil }
                payload = decoded
            }
            let stop = min(samples, rowEnd, draw + ChunkSource.maxLanes)
            splitting = stop < samples ? (row, payload) : nil
            next = row * samples + stop
            nextIndex += 1
            return ChunkWork(index: index, firstRow: row, rows: 1, payload: payload, draws: draw..<stop)
        }
        guard let (rows, payload) = try decoder.nextChunk(firstRow: row, maxRows: (end - next) / samples) else { return nil }
        next += rows * samples
        nextIndex += 1
        return ChunkWork(index: index, firstRow: row, rows: rows, payload: payload, draws: 0..<samples)
    }

    func deliver(_ result: ChunkResult) {
        monitor.withLock {
            results[result.index] = result
            monitor.broadcast()
        }
    }

    /// Chunk `index`'s result, waiting for it; nil when there are no more chunks.
    func result(_ index: Int) -> ChunkResult? {
        monitor.withLock { () -> ChunkResult? in
            while results[index] == nil && !(exhausted && index >= nextIndex) && !stopped { monitor.wait() }
            guard let result = results.removeValue(forKey: index) else { return nil }
            written = index + 1
            monitor.broadcast()
            return result
        }
    }

    func stop() {
        monitor.withLock {
            stopped = true
            monitor.broadcast()
        }
    }
}
