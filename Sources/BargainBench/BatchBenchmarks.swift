import BargainDiagnostics
import BargainUnits
import BargainEngine
import BargainNotebook
import BargainBatch

/// The figures the batch issue asks for: how fast a plan evaluates the default model, and a
/// batch run end to end (rows generated, evaluated on every core, formatted as CSV, discarded).
package enum BatchBenchmarks {
    package static func all(quick: Bool = false) -> [Measurement] {
        guard let model = try? Notebook.loading(models: DefaultModel.sources) else { return [] }
        let scenario = model.workspace.baseline
        let outputs = BatchJob.allOutputs(of: scenario)
        var results: [Measurement] = []
        // Plan evaluation alone: one thread, blocks of 256 lanes, every output, two inputs varying.
        if let plan = try? Plan.compile(scenario, outputs: outputs.map(PlanOutput.name), parameters: ["layoffs", "indirect_hours"]) {
            let blocks = quick ? 400 : 4_000
            var runner = PlanRunner(plan: plan, lanes: 256)
            var sink = 0.0
            results.append(Benchmark.measure("plan evaluation, \(outputs.count) outputs, 1 thread", runs: quick ? 3 : 7,
                                             items: blocks * 256) {
                for block in 0..<blocks {
                    for lane in 0..<256 {
                        runner.set(parameter: 0, lane: lane, to: Double((block * 256 + lane) % 600))
                        runner.set(parameter: 1, lane: lane, to: (2 + Double(lane % 9)) / 168)
                    }
                    runner.run()
                    sink += runner.output(0, lane: 0)
                }
            })
            if sink.isNaN { results.removeLast() }
        }
        let rows = quick ? 100_000 : 1_000_000
        for threads in Set([1, availableCores()]).sorted() {
            let job = BatchJob(scenario: scenario, rows: .vary([VaryAxis(name: "layoffs", from: 0, to: 600, count: rows / 1000),
                                                                 VaryAxis(name: "indirect_hours", from: 2, to: 10, count: 1000)]),
                               outputs: outputs, threads: threads)
            results.append(Benchmark.measure("batch --vary, \(QuantityFormat.grouped(UInt64(rows))) rows, CSV, \(threads) thread\(threads == 1 ? "" : "s")",
                                             runs: quick ? 1 : 3, items: rows, warmup: 0) {
                var bytes = 0
                _ = try? BatchRunner.run(job) { (chunk: [UInt8]) throws(Diagnostic) in bytes += chunk.count }
            })
        }
        return results
    }
}
