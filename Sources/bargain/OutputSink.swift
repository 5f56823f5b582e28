import Glibc
import BargainDiagnostics
import BargainUnits
import BargainFiles
import BargainBench

/// Where batch output goes: standard output, or a file written atomically. Small writes are
/// gathered into large ones.
struct OutputSink {
    private let file: AtomicFileWriter?
    private var pending: [UInt8] = []

    init(path: String?) throws(Diagnostic) {
        file = try path.map { (p: String) throws(Diagnostic) in try AtomicFileWriter(path: p) }
    }

    mutating func write(_ bytes: [UInt8]) throws(Diagnostic) {
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws(Diagnostic) {
        guard !pending.isEmpty else { return }
        if let file {
            try file.write(pending)
        } else {
            fflush(nil)
            guard FileDescriptor.writeAll(STDOUT_FILENO, pending) else {
                throw Diagnostic(.io, "cannot write to standard output")
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    mutating func close() throws(Diagnostic) {
        try flush()
        try file?.commit()
    }

    /// After a stop: what was written is kept as `FILE.partial` (the file itself is left as it
    /// was); nil when writing to standard output.
    mutating func closePartial() throws(Diagnostic) -> String? {
        try flush()
        guard let file else { return nil }
        try file.commitPartial()
        return file.partialPath
    }
}

/// A progress line on standard error (rows done, rate, time left), only on a terminal and only
/// for runs that last more than a second.
final class ProgressBar {
    let enabled = isatty(STDERR_FILENO) != 0
    let clock = ContinuousClock()
    let start: ContinuousClock.Instant
    var lastDraw: ContinuousClock.Instant
    var drawn = false

    init() {
        start = clock.now
        lastDraw = start
    }

    /// `rows` written so far, of `total` when the batch knows it.
    func update(_ rows: Int, of total: Int?) {
        guard enabled else { return }
        let now = clock.now
        guard now - start > .seconds(1), now - lastDraw > .milliseconds(200) else { return }
        lastDraw = now
        let elapsed = Benchmark.seconds(now - start)
        let rate = Double(rows) / max(elapsed, 1e-9)
        var line = "\r  \(QuantityFormat.grouped(UInt64(rows)))"
        if let total {
            let left = rate > 0 ? Double(total - rows) / rate : 0
            line += " / \(QuantityFormat.grouped(UInt64(total))) rows (\(Int(100 * Double(rows) / Double(max(1, total))))%)"
            line += "  \(QuantityFormat.grouped(UInt64(rate))) rows/s  \(Self.clockText(left)) left"
        } else {
            line += " rows  \(QuantityFormat.grouped(UInt64(rate))) rows/s"
        }
        Console.write(line + "\u{1B}[K", to: STDERR_FILENO)
        drawn = true
    }

    func finish() {
        if drawn { Console.write("\r\u{1B}[K", to: STDERR_FILENO) }
    }

    static func clockText(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600):\(pad(s / 60 % 60)):\(pad(s % 60))" : "\(s / 60):\(pad(s % 60))"
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
