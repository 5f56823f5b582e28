import BargainNotebook

/// The figures the foundation and model issues ask for: loading the model, an edit in a long
/// chain of definitions, and `compare` of three scenarios.
package enum LanguageBenchmarks {
    package static func all(quick: Bool = false) -> [Measurement] {
        let runs = quick ? 5 : 31
        var results: [Measurement] = []
        results.append(Benchmark.measure("load the default model (parse, check, evaluate)", runs: runs) {
            _ = try? Notebook.loading(models: DefaultModel.sources)
        })
        results += chainEdits(length: 1_000, runs: runs)
        if let model = try? Notebook.loading(models: DefaultModel.sources) {
            results.append(Benchmark.measure("compare baseline, employer_2025, union_2025", runs: runs, prepare: { model }) { notebook in
                _ = notebook.submit("compare baseline, employer_2025, union_2025")
            })
            results.append(Benchmark.measure("edit one input of the model (layoffs)", runs: runs, prepare: { model }) { notebook in
                _ = notebook.submit("layoffs = 120 staff")
            })
        }
        return results
    }

    /// `x0 = 1`, `x1 = x0 + 1`, … : an edit at the head re-evaluates all of them; one at the tail, one.
    static func chainEdits(length: Int, runs: Int) -> [Measurement] {
        var chain = Notebook()
        var code = "x0 = 1\n"
        for i in 1..<length { code += "x\(i) = x\(i - 1) + 1\n" }
        _ = chain.submit(code)
        var value = 1
        let head = Benchmark.measure("edit the first of \(length) chained definitions", runs: runs, items: length,
                                     prepare: { chain }) { notebook in
            value += 1
            _ = notebook.submit("x0 = \(value)")
        }
        let tail = Benchmark.measure("edit the last of \(length) chained definitions", runs: runs, prepare: { chain }) { notebook in
            value += 1
            _ = notebook.submit("x\(length - 1) = \(value)")
        }
        return [head, tail]
    }
}
