import BargainNotebook

/// The figures the analysis issues ask for, on the default model: a 1,000-point sweep, a solve,
/// an optimize over 3 levers, a 200-point frontier and `simulate 100000`.
package enum AnalysisBenchmarks {
    package static func all(quick: Bool = false) -> [Measurement] {
        guard var model = try? Notebook.loading(models: DefaultModel.sources) else { return [] }
        _ = model.submit("scenario uncertain { misroute_ai = 10% to 25%; referrals = 9000 patients/wk to 10000 patients/wk; no_show_rate = 5% to 15% }")
        let runs = quick ? 3 : 11
        func statement(_ name: String, _ code: String, items: Int? = nil) -> Measurement {
            var probe = model
            // A statement that fails would time its error message: say so in the name instead.
            let failed = probe.submit(code).failed
            return Benchmark.measure(failed ? name + " (FAILED)" : name, runs: runs, items: items, prepare: { model }) { notebook in
                _ = notebook.submit(code)
            }
        }
        return [
            statement("sweep layoffs, 1,000 points, 3 outputs",
                      "sweep layoffs from 0 staff to 999 staff step 1 staff: return_wait, annual_cost, return_compliance", items: 1_000),
            statement("solve layoffs so return_wait = 20 bd", "solve layoffs so return_wait = 20 bd"),
            statement("solve hires so return_compliance >= 80%", "solve hires so return_compliance >= 80%"),
            statement("diff employer_2025 union_2025 (headline outputs)", "diff employer_2025 union_2025"),
            statement("sensitivity return_wait (all inputs)", "sensitivity return_wait"),
            statement("optimize 3 levers, 2 constraints (issue 10's form)",
                      "optimize minimize contract_total_cost over hires in 0..600 staff step 1 staff, outsourcing_share in 30%..60%, indirect_hours in 3..10 h/wk/FTE such that max(return_wait_by_year) <= 10 bd, return_compliance >= 90%"),
            statement("frontier, 200 points, 2 levers",
                      "frontier contract_total_cost vs max(return_wait_by_year) over hires in 0..600 staff, outsourcing_share in 30%..60% points 200"),
            statement("simulate 100000, 3 uncertain inputs, 2 outputs",
                      "use uncertain\nsimulate 100000 seed 1: return_wait, P(return_wait > 20 bd)", items: 100_000),
            statement("sensitivity return_wait global samples 10000, 3 inputs",
                      "use uncertain\nsensitivity return_wait global samples 10000 seed 1", items: 50_000),
        ]
    }
}
