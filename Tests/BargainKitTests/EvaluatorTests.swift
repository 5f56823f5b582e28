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

@Suite struct EvaluatorTests {
    @Test func arithmeticAndBuiltins() {
        expectOutput("min(3, 1, 2)", "1")
        expectOutput("max([1, 5, 3])", "5")
        expectOutput("abs(-2 staff)", "2 staff")
        expectOutput("clamp(15, 0, 10)", "10")
        expectOutput("round(2.5)", "3")
        expectOutput("floor(3 bd / 2)", "1 bd")
        expectOutput("ceil(2.1 bd)", "3 bd")
        expectOutput("exp(0)", "1")
        expectOutput("ln(exp(2))", "2")
        expectOutput("sqrt(16)", "4")
    }

    @Test func roundingHappensInTheUnitShown() {
        // 3 bd is 0.6 wk: rounding must not go through weeks.
        expectOutput("x = 3.4 bd\nround(x)", "3 bd")
    }

    @Test func lists() {
        expectOutput("raises = [5%, 4%, 4%, 4%]\ncumprod(1 + raises)", "[1.05, 1.092, 1.136, 1.181]")
        expectOutput("len([1, 2, 3])", "3")
        expectOutput("sum([1 wk, 2 wk])", "3 wk")
        expectOutput("product([2, 3, 4])", "24")
        expectOutput("xs = [10, 20, 30]\ni = 2\nxs[i]", "20")
    }

    @Test func conditionalsOnlyEvaluateTheTakenBranch() {
        expectOutput("x = 0\nif x == 0 then 0 else 1 / x", "0")
        expectOutput("x = 0\nx == 0 or 1 / x > 1", "true")
        expectOutput("x = 0\nx != 0 and 1 / x > 1", "false")
    }

    @Test func infinityIsAValue() {
        expectOutput("inf", "∞")
        expectOutput("-inf + 1", "-∞")
        expectOutput("1 / inf", "0")
    }

    @Test func errorsNameTheOperationAtFault() {
        expectFailure("x = 1 / 0", .divisionByZero, "division by zero")
        expectFailure("inf - inf", .notANumber, "has no value")
        expectFailure("0 * inf", .notANumber)
        expectFailure("ln(-1)", .domain)
        expectFailure("(-8) ^ 0.5", .domain)
        expectFailure("xs = [1, 2]\ni = 3\nxs[i]", .indexOutOfRange, "outside 1…2")
    }

    @Test func theErrorPointsAtTheFailingDefinition() {
        let all = statementResults("a = 0\nb = 2 / a")
        guard let diagnostic = all.last?.diagnostic else {
            Issue.record("expected a failure")
            return
        }
        #expect(diagnostic.primarySpan?.text == "a")
        #expect(diagnostic.notes.contains { $0.contains("while computing `b`") })
    }

    @Test func kernelsMatchTheErrorLocatorOnValidInput() {
        // The plan and the locator are two evaluators of one language: they must agree.
        let programs = [
            "x = 3\ny = if x > 2 then x ^ 2 else -x",
            "fn f(a, b) = max(a, b) * 2 + min(a, b)\nx = f(3 wk, 5 wk)",
            "xs = [1, 2, 3]\nx = sum(cumprod(xs + 1)) / len(xs)",
            "x = clamp(exp(1), 0, 2) + round(2.4) - floor(-1.5)",
        ]
        for program in programs {
            var notebook = Notebook()
            _ = notebook.submit(program)
            guard let definition = notebook.workspace.baseline.program["x"], let checked = definition.checked,
                  case .success(let value)? = notebook.workspace.value(of: "x") else {
                Issue.record("no value for x in \(program)")
                continue
            }
            let scenario = notebook.workspace.baseline
            var locator = ErrorLocator { key in scenario.runtime.numbers(key.name).map(Array.init) }
            #expect((try? locator.evaluate(checked)) == value.numbers, "\(program)")
        }
    }
}
