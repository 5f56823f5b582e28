import Testing
@testable import BargainDiagnostics
@testable import BargainUnits
@testable import BargainFiles
@testable import BargainSyntax
@testable import BargainSemantics
@testable import BargainEngine
@testable import BargainAnalysis
@testable import BargainRendering
@testable import BargainNotebook
@testable import BargainBatch
@testable import BargainBench

@Suite struct CompareTests {
    func compareTable(_ code: String) -> Table? {
        var notebook = loadedModel()
        let cell = notebook.submit(code)
        guard case .success(.table(let table))? = cell.results.last?.result else {
            Issue.record("no table: \(cell.results.last?.diagnostic?.message ?? "")")
            return nil
        }
        return table
    }

    @Test func theShippedProposalsSideBySide() throws {
        let table = try #require(compareTable("compare baseline, employer_2025, union_2025"))
        #expect(table.columns.map(\.title) == ["output", "unit", "baseline", "employer_2025", "change", "%", "union_2025", "change", "%"])
        #expect(table.rows.map { $0[0].text } == Compare.headline)
        let headcount = try #require(table.rows.first)
        #expect(headcount.map(\.text) == ["headcount", "staff", "2,400 staff", "2,250 staff", "-150 staff", "-6.25%", "2,400 staff", "0", "0%"])
        let cost = try #require(table.rows.first { $0[0].text == "annual_cost" })
        #expect(cost[4].text == "+$17.79M/yr")
    }

    @Test func namedOutputsInChosenUnits() throws {
        let table = try #require(compareTable("compare baseline, union_2025: return_wait in wk, fte"))
        #expect(table.rows.map { $0[0].text } == ["return_wait in wk", "fte"])
        #expect(table.rows[0][2].text == "3.039 wk")
    }

    @Test func byYearListsGetARowPerYearAndSeriesTheirSummaries() throws {
        let table = try #require(compareTable("compare baseline, employer_2025: return_wait_by_year, staff_by_week"))
        #expect(table.rows.map { $0[0].text } == [
            "return_wait_by_year, year 1", "return_wait_by_year, year 2", "return_wait_by_year, year 3", "return_wait_by_year, year 4",
            "staff_by_week, mean", "staff_by_week, min", "staff_by_week, max", "staff_by_week, week 208"])
        #expect(table.rows[0].map(\.text) == ["return_wait_by_year, year 1", "bd", "15.2 bd", "4.311 bd", "-10.89 bd", "-71.64%"])
        // The employer's 150 layoffs in week 1: every summary of staff falls by about that many.
        #expect(table.rows[7][4].text == "-135.9 staff")
    }

    @Test func aBaselineEditCarriedIntoAProposalIsSaid() throws {
        let table = try #require(compareTable("strike_days = 50 bd\ncompare baseline, employer_2025, union_2025: return_wait"))
        #expect(table.notes.contains("employer_2025 carries edits made to baseline since the model was loaded: strike_days = 50 bd"))
        #expect(table.notes.contains("union_2025 carries edits made to baseline since the model was loaded: strike_days = 50 bd"))
        // What a scenario sets itself, or a scenario between it and baseline, is its own.
        let own = try #require(compareTable("raises = [1%, 1%, 1%, 1%]\nscenario counter from union_2025 { layoffs = 10 staff }\ncompare union_2025, counter: annual_cost"))
        #expect(!own.notes.contains { $0.hasPrefix("counter carries") && $0.contains("raises") }, "\(own.notes)")
        #expect(!(try #require(compareTable("compare baseline, employer_2025: return_wait")).notes.contains { $0.contains("carries") }))
    }

    @Test func aChangeInAShareIsInPercentagePoints() throws {
        let table = try #require(compareTable("compare baseline, employer_2025: return_compliance"))
        #expect(table.rows[0][4].text.hasSuffix(" pp"))
    }

    @Test func aScenarioWithNoCapacityShowsErrorsInItsCells() throws {
        let table = try #require(compareTable("scenario gone { layoffs = 3000 staff }\ncompare baseline, gone: headcount, return_wait"))
        // More layoffs than therapists is refused, in every value that reads them.
        #expect(table.rows[0][3].text == "error")
        #expect(table.rows[1][3].text == "error")
        #expect(table.notes.contains { $0.contains("layoffs must be fewer than therapists") })
    }

    @Test func unknownScenariosAndOutputs() {
        expectFailure("compare baseline, employer_2024", .unknownScenario, "did you mean `employer_2025`?", model: true)
        expectFailure("compare baseline: retun_wait", .unknownName, "`return_wait`", model: true)
    }

    @Test func jsonGivesTheSameTable() {
        var notebook = loadedModel()
        let cell = notebook.submit("compare baseline, employer_2025: layoffs")
        let json = CellJSON.lines(cell)[0]
        #expect(json.contains("\"kind\":\"table\""))
        #expect(json.contains("\"rows\":[[\"layoffs\",\"staff\",0,150,150,null]]"))
    }
}

@Suite struct ExplainTests {
    func report(_ code: String) -> String {
        var notebook = loadedModel()
        let cell = notebook.submit(code)
        guard case .success(.explanation(let explanation))? = cell.results.last?.result else {
            Issue.record("no explanation: \(cell.results.last?.diagnostic?.message ?? "")")
            return ""
        }
        return ExplanationText.render(explanation)
    }

    @Test func showsTheFormulaTreeDownToInputs() {
        let text = report("explain return_wait")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "return_wait = 15.2 bd  = mean_by_year(return_wait_by_week)[1]")
        #expect(text.contains("├─ booking_lead = 2 bd  · A: no appointment is sooner than this"))
        #expect(text.contains("fn list_next(waiting, demand, capacity) ="))
        #expect(text.contains("therapists = 2,400 staff  · S: NUHW"))
        #expect(text.contains("(shown above)"), "shared sub-trees are printed once")
        // A series shows as its summary, never as every week.
        #expect(text.contains("return_wait_by_week = 14.98 → 17.22 bd (min 14.98, max 17.22, 208 wk)"))
        #expect(lines.filter { $0.contains("─ capacity_by_week = 46,311 → 45,879 visits/wk") && $0.contains("= full_capacity_by_week") }.count == 1)
    }

    @Test func marksWhatTheScenarioSets() {
        let text = report("explain headcount in employer_2025")
        #expect(text.contains("layoffs = 150 staff [0 staff]  ★"))
        #expect(text.contains("therapists = 2,400 staff"))
    }

    @Test func depthCutsTheTree() {
        let text = report("explain return_wait depth 1")
        #expect(text.split(separator: "\n").count < 12)
        #expect(text.contains("more; explain"))
    }

    @Test func unknownNames() {
        expectFailure("explain retrun_wait", .unknownName, "`return_wait`", model: true)
        expectFailure("explain return_wait in nowhere", .unknownScenario, model: true)
    }
}

@Suite struct ModelTests {
    @Test func everyInputCarriesItsBasis() {
        let program = loadedModel().workspace.baseline.program
        let inputs = program.valueNames.filter { program[$0]?.isInput ?? false }
        #expect(inputs.count >= 48)
        for name in inputs {
            #expect(program[name]?.comment?.isEmpty == false, "\(name) has no basis comment")
        }
    }

    @Test func inputsListingShowsValuesAndBasis() {
        var notebook = loadedModel()
        guard case .command(.success(let text)) = notebook.perform(.inputs(nil), context: .replay(SessionHeader(model: .none))) else {
            Issue.record("no listing")
            return
        }
        #expect(text.contains("therapists"))
        #expect(text.contains("S: NUHW"))
        #expect(text.contains("strike_cancel_rate"))
    }

    @Test func noCapacityNamesTheInputsBehindIt() throws {
        let diagnostic = try #require(failure("scenario gone { layoffs = 2399 staff }\ngone.return_wait", model: true))
        #expect(diagnostic.code == .requirementFailed)
        let text = DiagnosticRenderer().render(diagnostic)
        #expect(text.contains("no appointment capacity is left"))
        // A layoff in week 27 empties the clinics from that week: the error says so.
        let late = try #require(failure("scenario late { layoffs = 2399 staff\nlayoff_week = 27 wk }\nlate.return_wait", model: true))
        #expect(DiagnosticRenderer().render(late).contains("it first fails in week 27 of 208, and in 182 weeks in all; there capacity_by_week = -2,352 visits/wk"))
        #expect(text.contains("changed here: layoffs = 2,399 staff"))
        #expect(text.contains("therapists"))
        let tooMany = try #require(failure("scenario cut { layoffs = 3000 staff }\ncut.staff_end", model: true))
        #expect(DiagnosticRenderer().render(tooMany).contains("layoffs must be fewer than therapists"))
    }

    @Test func raisesAndLumpSumsOfDifferentLengthsAreRefusedWithBothLengths() throws {
        let diagnostic = try #require(failure("raises = [5%, 4%, 4%]", model: true))
        #expect(diagnostic.code == .listLengthMismatch)
        let text = DiagnosticRenderer().render(diagnostic)
        #expect(text.contains("3 entries") && text.contains("4 entries"))
        #expect(text.contains("raises"))
        // Together they may change length: in one scenario block, or one entry.
        expectOutput("scenario deal { raises = [4%, 3%, 3%]; lump_sums = [1%, 0%, 1%] }\nlen(deal.labor_cost_by_year)", "3", model: true)
        expectOutput("use union_2025\nraises = [4%, 3%, 3%]; lump_sums = [1%, 0%, 1%]\nlen(labor_cost_by_year)", "3", model: true)
        // In baseline it would break employer_2025, which sets four raises of its own: refused, and said why.
        let refused = try #require(failure("raises = [4%, 3%, 3%]; lump_sums = [1%, 0%, 1%]", model: true))
        #expect(refused.notes.contains { $0.contains("scenario `employer_2025` starts from `baseline`") })
    }

    @Test func scenarioNamesFromFileNames() {
        #expect(Notebook.scenarioName(forFile: "/tmp/my-offer.v2.bargain") == "my_offer")
        #expect(Notebook.scenarioName(forFile: "2026.bargain") == "s_2026")
    }
}
