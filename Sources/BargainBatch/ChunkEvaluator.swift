import BargainDiagnostics
import BargainUnits
import BargainEngine

/// Evaluates a chunk's rows a block of lanes at a time over the plan, and decides what a failing
/// row does: an error row with --keep-going, else the stop.
struct ChunkEvaluator: Sendable {
    let decoder: RowDecoder
    let writer: RowWriter
    /// Draws per row (1 without --samples).
    let samples: Int
    let sampled: Bool
    let seed: UInt64
    let keepGoing: Bool

    init(decoder: RowDecoder, writer: RowWriter, samples: Int?, seed: UInt64, keepGoing: Bool) {
        self.decoder = decoder
        self.writer = writer
        self.samples = samples ?? 1
        self.sampled = samples != nil
        self.seed = seed
        self.keepGoing = keepGoing
    }

    /// Evaluates a chunk a block of lanes at a time and formats its rows.
    func process(_ work: ChunkWork, _ runner: inout PlanRunner) -> ChunkResult {
        let rows = decoder.rows(work)
        var result = ChunkResult(index: work.index)
        for (c, column) in decoder.columns.enumerated() where column.header.hasSuffix("[%]") {
            let written = rows.compactMap { $0.error == nil && c < $0.shown.count ? Swift.abs($0.shown[c]) : nil }
            if let largest = written.max() { result.largestShare[c] = largest }
        }
        // The chunk's scenarios: each row's draws in `work.draws` (all of them, unless a row of
        // very many draws was split), lane k being draw `first + k % perRow` of row k / perRow.
        let perRow = work.draws.count, first = work.draws.lowerBound
        result.bytes.reserveCapacity(rows.count * perRow * 24 * (decoder.columns.count + writer.outputCount + 1))
        let lanesPerBlock = runner.lanes
        let totalLanes = rows.count * perRow
        var lane0 = 0
        while lane0 < totalLanes {
            let n = min(lanesPerBlock, totalLanes - lane0)
            for lane in 0..<n {
                let row = rows[(lane0 + lane) / perRow]
                guard row.error == nil else { continue }
                for (c, value) in row.values.enumerated() { runner.set(parameter: c, lane: lane, to: value) }
            }
            // Draw d of row r is the global draw r × samples + d, whichever chunk holds it.
            let firstDraw = UInt64(work.firstRow * samples + first + lane0)
            runner.run(sampler: sampled ? SeededSampler(seed: seed, firstDraw: firstDraw) : nil)
            for lane in 0..<n {
                let k = lane0 + lane
                let row = rows[k / perRow], rowNumber = work.firstRow + k / perRow, draw = first + k % perRow
                if var failure = row.error {
                    guard draw == 0 else { continue }
                    failure = failure.noting("row \(rowNumber + 1) of the grid")
                    if !record(failure, row: row, draw: nil, into: &result) { return result }
                    continue
                }
                if runner.failed(lane: lane) {
                    let failure = runner.diagnose(lane: lane).noting("in row \(rowNumber + 1): " + describe(row))
                    if !record(failure, row: row, draw: sampled ? draw : nil, into: &result) { return result }
                    continue
                }
                writer.row(row, draw: sampled ? draw : nil, lane: lane, runner, into: &result.bytes)
                result.rows += 1
            }
            lane0 += n
        }
        return result
    }

    /// Notes a failing row: an error row with --keep-going (true: go on), else the stop.
    func record(_ failure: Diagnostic, row: DecodedRow, draw: Int?, into result: inout ChunkResult) -> Bool {
        if result.firstError == nil { result.firstError = failure }
        guard keepGoing else {
            result.stop = failure
            return false
        }
        result.errors += 1
        writer.errorRow(failure, row: row, draw: draw, into: &result.bytes)
        return true
    }

    func describe(_ row: DecodedRow) -> String {
        let parts = zip(decoder.columns, row.values).map { "\($0.input) = \(QuantityFormat.format($1, in: $0.unit))" }
        return parts.joined(separator: ", ") + (row.line.map { " (line \($0))" } ?? "")
    }
}
