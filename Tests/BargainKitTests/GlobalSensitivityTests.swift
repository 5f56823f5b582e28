import Testing
@testable import BargainDiagnostics
@testable import BargainUnits
@testable import BargainSyntax
@testable import BargainSemantics
@testable import BargainEngine
@testable import BargainAnalysis
@testable import BargainRendering
@testable import BargainNotebook

/// The estimators of Sobol' indices on cases small enough to check by hand.
@Suite struct SobolIndicesTests {
    /// Two inputs, two samples; each sample's outputs in design order A, AB_1, AB_2, B. Centred on
    /// their mean 3.25: A = [-2.25, 1.75], AB_1 = [-1.25, 2.75], AB_2 = [0.75, 1.75], B = [-0.25, -3.25].
    /// V = variance of A and B = 14.75 / 4 = 59/16. S_1 = mean(B·(AB_1 − A)) / V = -1.75 / V = -28/59;
    /// ST_1 = mean((A − AB_1)²) / 2V = 0.5 / V = 8/59; S_2 = -0.375 / V = -6/59; ST_2 = 2.25 / V = 36/59.
    @Test func handCheckedEstimates() throws {
        let outputs: [Double] = [1, 2, 4, 3, 5, 6, 5, 0]
        let indices = try #require(try SobolIndices.estimate(outputs, inputs: 2, seed: 1, resamples: 50))
        #expect(abs(indices.first[0].value - -28.0 / 59) < 1e-14)
        #expect(abs(indices.total[0].value - 8.0 / 59) < 1e-14)
        #expect(abs(indices.first[1].value - -6.0 / 59) < 1e-14)
        #expect(abs(indices.total[1].value - 36.0 / 59) < 1e-14)
        for estimate in indices.first + indices.total {
            #expect(estimate.low <= estimate.value && estimate.value <= estimate.high)
            #expect(abs((estimate.high - estimate.value) - (estimate.value - estimate.low)) < 1e-12)
        }
    }

    /// f = x_1: AB_1 is B's output and AB_2 is A's, so input 2 has indices of exactly 0, and the
    /// bootstrap cannot widen them.
    @Test func anInputWithNoEffectHasZeroIndices() throws {
        let outputs: [Double] = [1, 3, 1, 3, 3, 1, 3, 1, 2, 5, 2, 5]
        let indices = try #require(try SobolIndices.estimate(outputs, inputs: 2, seed: 4, resamples: 30))
        #expect(indices.first[1] == SobolIndices.Estimate(value: 0, low: 0, high: 0))
        #expect(indices.total[1] == SobolIndices.Estimate(value: 0, low: 0, high: 0))
        #expect(indices.total[0].value > 0.9)
    }

    @Test func noVarianceHasNoIndices() throws {
        #expect(try SobolIndices.estimate([Double](repeating: 7, count: 40), inputs: 2, seed: 1) == nil)
        #expect(try SobolIndices.estimate([1, 2, 3], inputs: 2, seed: 1) == nil)
    }

    @Test func theBootstrapIsSeeded() throws {
        let outputs = (0..<400).map { Double(($0 * 7919) % 101) }
        let a = try #require(try SobolIndices.estimate(outputs, inputs: 3, seed: 1, resamples: 40))
        let b = try #require(try SobolIndices.estimate(outputs, inputs: 3, seed: 1, resamples: 40))
        let c = try #require(try SobolIndices.estimate(outputs, inputs: 3, seed: 2, resamples: 40))
        #expect(a == b)
        #expect(a.first.map(\.value) == c.first.map(\.value) && a.first.map(\.low) != c.first.map(\.low))
    }
}

/// Saltelli's design: the AB_i blocks, and rows that depend only on the seed and their number.
@Suite struct SaltelliDesignTests {
    func design(samples: Int, seed: UInt64 = 3) throws -> SaltelliDesign {
        var notebook = Notebook()
        _ = notebook.submit("a = uniform(0, 1)\nb = normal(10 wk, 2 wk)\nc = triangular(1, 2, 4)")
        return SaltelliDesign(inputs: try UncertainInput.all(in: notebook.workspace.baseline), samples: samples, seed: seed)
    }

    @Test func abBlocksTakeOneColumnFromB() throws {
        let d = try design(samples: 20)
        #expect(d.inputs.map(\.name) == ["a", "b", "c"] && d.blockSize == 5 && d.rowCount == 100)
        var a: [Double] = [], b: [Double] = [], ab: [Double] = []
        for n in 0..<20 {
            d.values(ofRow: n * 5, into: &a)
            d.values(ofRow: n * 5 + 4, into: &b)
            #expect(a[0] >= 0 && a[0] <= 1 && a[2] >= 1 && a[2] <= 4)
            for i in 0..<3 {
                d.values(ofRow: n * 5 + 1 + i, into: &ab)
                for j in 0..<3 { #expect(ab[j] == (i == j ? b[j] : a[j])) }
                #expect(a[i] != b[i])
            }
        }
        #expect(d.position(ofRow: 13) == (2, 3))
    }

    @Test func rowsAreAPureFunctionOfSeedAndRow() throws {
        let small = try design(samples: 10), large = try design(samples: 1000), other = try design(samples: 10, seed: 4)
        var x: [Double] = [], y: [Double] = [], z: [Double] = []
        for row in stride(from: 49, through: 0, by: -1) {
            small.values(ofRow: row, into: &x)
            large.values(ofRow: row, into: &y)
            other.values(ofRow: row, into: &z)
            #expect(x == y)
            #expect(x != z)
        }
    }
}

/// `sensitivity OUTPUT global samples N`: the statement on models with known answers, and its errors.
@Suite struct GlobalSensitivityStatementTests {
    @Test func parses() throws {
        let statements = try Parser.parse(Source(name: "t", text: "sensitivity return_wait global samples 10000 seed 4 in union_2025"))
        guard case .globalSensitivity(let output, let samples, let seed, let scenario) = statements[0].kind else {
            Issue.record("not a global sensitivity")
            return
        }
        #expect(output.span.text == "return_wait" && samples.span.text == "10000" && seed?.span.text == "4" && scenario?.name == "union_2025")
        #expect(throws: Diagnostic.self) { try Parser.parse(Source(name: "t", text: "sensitivity x global 100")) }
    }

    /// y = x1 + 2·x2 + 3·x3, each uniform on (0, 1): S_i = ST_i = c_i² / 14.
    @Test func aLinearModelsIndicesAreItsShares() throws {
        let table = try #require(lastTable("x1 = uniform(0, 1)\nx2 = uniform(0, 1)\nx3 = uniform(0, 1)\ny = x1 + 2 * x2 + 3 * x3\nsensitivity y global samples 5000 seed 1", model: false))
        #expect(table.columns.map(\.title) == ["input", "first_order", "first_order_low", "first_order_high", "total", "total_low", "total_high"])
        #expect(table.rows.map { $0[0] } == [.text("x3"), .text("x2"), .text("x1")])
        for (row, exact) in zip(table.rows, [9.0 / 14, 4.0 / 14, 1.0 / 14]) {
            for column in [1, 4] {
                guard case .quantity(let value, _) = row[column], case .quantity(let low, _) = row[column + 1],
                      case .quantity(let high, _) = row[column + 2] else { Issue.record("no numbers"); continue }
                #expect(abs(value - exact) < 0.05 && low < value && value < high && high - low < 0.1)
            }
        }
        #expect(table.notes.contains { $0.contains("5,000 samples, 25,000 evaluations") && $0.contains("seed 1") })
    }

    @Test func inAScenarioOnTheModel() throws {
        let code = "scenario u from baseline { referrals = 9000 patients/wk to 10500 patients/wk; outsourcing_share = uniform(30%, 50%) }\nsensitivity max(return_wait_by_year) global samples 200 seed 2 in u"
        let first = try #require(lastTable(code)), again = try #require(lastTable(code))
        #expect(first.rows == again.rows && first.rows.count == 2)
        #expect(first.title?.contains("in u") == true)
    }

    @Test func errorsSayWhatToDo() {
        expectFailure("sensitivity return_wait global samples 1000", .badStatement, "no input is uncertain", model: true)
        expectFailure("x = uniform(0, 1)\ny = 2 * x\nsensitivity y global samples 1000", .badStatement, "only one input is uncertain (`x`)")
        let two = "a = uniform(0, 1)\nb = uniform(0, 1)\ny = a * b\ns = timeline(10 wk) * a\n"
        expectFailure(two + "sensitivity y global samples 50", .domain, "whole number from 100")
        expectFailure(two + "sensitivity y global samples 150.5", .domain, "whole number")
        expectFailure(two + "sensitivity s global samples 200", .typeMismatch, "max(s)")
        expectFailure(two + "c = 4\nsensitivity c global samples 200", .domain, "Sobol' indices are undefined")
        expectFailure(two + "sensitivity y over a global samples 200", .badStatement, "takes no `over` or `by`")
        expectFailure(two + "z = if a > 0.5 then inf else 1\nsensitivity z global samples 200", .domain, "is infinite in")
        expectFailure(two + "m = normal(a, 1)\nsensitivity y global samples 200", .badStatement, "`m`'s distribution reads the uncertain `a`")
    }
}
