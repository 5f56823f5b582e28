import BargainDiagnostics
import BargainUnits
import BargainFiles
import BargainSyntax
import BargainSemantics
import BargainEngine
import BargainAnalysis
import BargainRendering
import BargainNotebook

/// What a batch did: rows written, rows that failed, and why it stopped early, if it did.
package struct BatchSummary: Sendable {
    package var rows = 0
    package var errorRows = 0
    package var firstError: Diagnostic?
    /// Set when the batch stopped before the end: a failing row (without --keep-going) or Ctrl-C.
    package var stopped: Diagnostic?
}

/// Runs a batch: rows in chunks, evaluated over blocks of lanes on every core, written in input
/// order. Memory stays flat: only a window of chunks is in flight. Each row's numbers depend only
/// on the row (and, with samples, on the seed and the draw's global index), so the output is the
/// same bytes for any number of threads.
package enum BatchRunner {
    package static func run(_ job: BatchJob, cancel: Cancellation = .never, progress: ((Int) -> Void)? = nil,
                           write: ([UInt8]) throws(Diagnostic) -> Void) throws(Diagnostic) -> BatchSummary {
        let setup = try BatchSetup(job)
        try write(setup.format.header())
        let source = ChunkSource(decoder: setup.decoder, window: 2 * job.threads, samples: job.samples ?? 1)
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
            if summary.firstError == nil { summary.firstError = result.firstError }
            progress?(summary.rows)
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
        case grid(firstLine: Int, bytes: [UInt8])
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
}

/// Hands out chunks in order and collects results, keeping at most `window` chunks in flight.
final class ChunkSource: @unchecked Sendable {
    /// Scenarios (rows × draws) in one chunk at most: its formatted rows are held until written.
    static let maxLanes = 1 << 16
    let decoder: RowDecoder
    let window: Int
    let samples: Int
    /// A row with more draws than a chunk holds, being handed out a part at a time.
    private var splitting: (firstRow: Int, rows: Int, payload: ChunkWork.Payload, nextDraw: Int)?
    private let monitor = Monitor()
    private var nextIndex = 0
    private var nextRow = 0
    private var written = 0
    private var exhausted = false
    private var stopped = false
    private var results: [Int: ChunkResult] = [:]
    private(set) var failure: Diagnostic?

    init(decoder: RowDecoder, window: Int, samples: Int = 1) {
        self.decoder = decoder
        self.window = max(1, window)
        self.samples = max(1, samples)
    }

    /// The next part of the row being split, if one is.
    private func nextPart(index: Int) -> ChunkWork? {
        guard let split = splitting else { return nil }
        let end = min(samples, split.nextDraw + ChunkSource.maxLanes)
        let work = ChunkWork(index: index, firstRow: split.firstRow, rows: split.rows, payload: split.payload, draws: split.nextDraw..<end)
        splitting = end < samples ? (split.firstRow, split.rows, split.payload, end) : nil
        if splitting == nil { nextRow += split.rows }
        nextIndex += 1
        return work
    }

    /// The next chunk, once the window has room; nil when there is no more work.
    func claim() -> ChunkWork? {
        monitor.withLock { () -> ChunkWork? in
            while !stopped && !exhausted && nextIndex >= written + window { monitor.wait() }
            guard !stopped, !exhausted else { return nil }
            let index = nextIndex
            if let part = nextPart(index: index) { return part }
            let firstRow = nextRow
            switch Result(catching: { () throws(Diagnostic) in try decoder.nextChunk(firstRow: firstRow) }) {
            case .success(let chunk?) where samples > ChunkSource.maxLanes:
                // One row (the decoder hands out one at a time here), its draws in parts.
                splitting = (firstRow, chunk.0, chunk.1, 0)
                return nextPart(index: index)
            case .success(let chunk?):
                nextIndex += 1
                nextRow += chunk.0
                return ChunkWork(index: index, firstRow: firstRow, rows: chunk.0, payload: chunk.1, draws: 0..<samples)
            case .success(nil):
                exhausted = true
            case .failure(let error):
                failure = error
                exhausted = true
            }
            monitor.broadcast()
            return nil
        }
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
