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

@Suite struct CheckerTests {
    @Test func unknownNamesSuggestCloseOnes() {
        expectFailure("therapist", .unknownName, "did you mean `therapists`?", model: true)
        expectFailure("retrun_wait", .unknownName, "`return_wait`", model: true)
    }

    @Test func functionsTakeAnyUnitsTheirBodyAccepts() {
        expectOutput("fn twice(x) = x * 2\ntwice(3 staff)", "6 staff")
        expectOutput("fn twice(x) = x * 2\ntwice($5)", "$10")
        expectFailure("fn add_hour(x) = x + 1 h\nadd_hour(2 staff)", .dimensionMismatch, "in the call to `add_hour`")
    }

    @Test func recursionIsRefused() {
        expectFailure("fn f(n) = if n <= 1 then 1 else n * f(n - 1)", .recursion, "calls itself")
        expectFailure("fn g(n) = n\nfn f(n) = g(n)\nfn g(n) = f(n)", .cycle, "g -> f -> g")
    }

    @Test func arityIsChecked() {
        expectFailure("fn f(a, b) = a + b\nf(1)", .wrongArity, "takes 2 arguments, not 1")
        expectFailure("clamp(1, 2)", .wrongArity)
    }

    @Test func listLengthsMustMatch() {
        expectFailure("[1, 2, 3] + [1, 2]", .listLengthMismatch, "3 and 2")
        expectOutput("[1, 2] * 10", "[10, 20]")
        expectOutput("[1, 2] + [3, 4]", "[4, 6]")
    }

    @Test func conditionsNeedBooleans() {
        expectFailure("if 3 then 1 else 2", .typeMismatch, "needs true or false")
        expectFailure("(1 < 2) + 1", .typeMismatch)
    }

    @Test func constantIndexOutOfRangeIsCaughtBeforeRunning() {
        expectFailure("[1, 2, 3][4]", .indexOutOfRange, "outside 1…3")
        expectFailure("[1, 2, 3][0]", .indexOutOfRange)
    }

    @Test func namesCannotBeUnitsOrBuiltins() {
        expectFailure("h = 3", .reservedName, "is a unit")
        expectFailure("max = 3", .reservedName, "built-in function")
        expectFailure("then = 3", .reservedName, "keyword")
    }

    @Test func implicitMultiplicationIsForUnitsOnly() {
        expectFailure("x = 3\n2 x", .unknownUnit, "multiply explicitly: `2 * x`")
    }

    @Test func functionExpansionIsBounded() {
        var code = "fn f0(x) = x + 1\n"
        for i in 1...30 { code += "fn f\(i)(x) = f\(i - 1)(f\(i - 1)(x))\n" }
        code += "f30(1)"
        expectFailure(code, .tooLarge)
    }
}
