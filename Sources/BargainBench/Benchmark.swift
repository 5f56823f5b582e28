import BargainUnits
import BargainAnalysis

/// One timed operation: the median of several runs, with the fastest and slowest.
package struct Measurement: Sendable {
    package let name: String
    let runs: Int
    let median: Duration
    let fastest: Duration
    let slowest: Duration
    /// Work done per run, to report a rate (scenarios, rows, cells); nil when a time is enough.
    let itemsPerRun: Int?

    /// Items per second at the median time.
    var rate: Double? {
        itemsPerRun.map { Double($0) / Benchmark.seconds(median) }
    }
}

/// Times things with a monotonic clock. A benchmark, never a test: timings vary with the machine.
package enum Benchmark {
    package static func measure(_ name: String, runs: Int = 21, items: Int? = nil, warmup: Int = 1,
                               _ body: () -> Void) -> Measurement {
        for _ in 0..<warmup { body() }
        let clock = ContinuousClock()
        var times: [Duration] = []
        for _ in 0..<max(1, runs) {
            times.append(clock.measure(body))
        }
        times.sort()
        return Measurement(name: name, runs: times.count, median: times[times.count / 2], fastest: times[0],
                           slowest: times[times.count - 1], itemsPerRun: items)
    }

    /// Times a body that prepares its own state: `prepare` runs untimed before each timed `body`.
    package static func measure<State>(_ name: String, runs: Int = 21, items: Int? = nil,
                                      prepare: () -> State, _ body: (inout State) -> Void) -> Measurement {
        let clock = ContinuousClock()
        var times: [Duration] = []
        for _ in 0..<max(1, runs) {
            var state = prepare()
            times.append(clock.measure { body(&state) })
        }
        times.sort()
        return Measurement(name: name, runs: times.count, median: times[times.count / 2], fastest: times[0],
                           slowest: times[times.count - 1], itemsPerRun: items)
    }

    package static func seconds(_ d: Duration) -> Double {
        let (s, atto) = d.components
        return Double(s) + Double(atto) * 1e-18
    }

    /// `1.23 ms`, `456 µs`, `2.1 s`.
    static func format(_ d: Duration) -> String {
        let s = seconds(d)
        if s >= 1 { return QuantityFormat.number(s) + " s" }
        if s >= 1e-3 { return QuantityFormat.number(s * 1e3) + " ms" }
        return QuantityFormat.number(s * 1e6) + " µs"
    }

    /// The measurements as a table: median, fastest, slowest, and a rate where there is one.
    package static func table(_ measurements: [Measurement]) -> Table {
        var table = Table(columns: [Table.Column("benchmark"), Table.Column("median"), Table.Column("fastest"),
                                    Table.Column("slowest"), Table.Column("runs"), Table.Column("rate")])
        for m in measurements {
            table.rows.append([.text(m.name), .text(format(m.median)), .text(format(m.fastest)), .text(format(m.slowest)),
                               .text(String(m.runs)), .text(m.rate.map { QuantityFormat.number($0) + "/s" } ?? "")])
        }
        return table
    }
}
