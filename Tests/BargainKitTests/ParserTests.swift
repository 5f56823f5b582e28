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

@Suite struct ParserTests {
    func parse(_ text: String) throws(Diagnostic) -> [Statement] {
        try Parser.parse(Source(name: "t", text: text))
    }

    /// A compact rendering of an expression tree, to compare shapes.
    func shape(_ e: Expr) -> String {
        switch e.kind {
        case .number(let x): return QuantityFormat.number(x)
        case .money(let x): return "$" + QuantityFormat.number(x)
        case .boolean(let b): return b ? "true" : "false"
        case .infinity: return "inf"
        case .identifier(let n): return n
        case .scoped(let s, _, let n, _): return "\(s).\(n)"
        case .unary(let op, let x): return "(\(op.rawValue) \(shape(x)))"
        case .binary(let op, let a, let b): return "(\(shape(a)) \(op.rawValue) \(shape(b)))"
        case .withUnit(let n, let u): return "(\(shape(n)) \(shape(u)))"
        case .call(let n, _, let args): return "\(n)(\(args.map(shape).joined(separator: ", ")))"
        case .list(let items): return "[\(items.map(shape).joined(separator: ", "))]"
        case .index(let a, let i): return "\(shape(a))[\(shape(i))]"
        case .conditional(let c, let a, let b): return "(if \(shape(c)) then \(shape(a)) else \(shape(b)))"
        case .convert(let x, let u): return "(\(shape(x)) in \(u.span.text))"
        case .interval(let a, let b): return "(\(shape(a)) to \(shape(b)))"
        }
    }

    func expression(_ text: String) throws -> String {
        guard case .evaluate(let e) = try parse(text).first?.kind else { return "not an expression" }
        return shape(e)
    }

    @Test func precedenceAndAssociativity() throws {
        #expect(try expression("1 + 2 * 3") == "(1 + (2 * 3))")
        #expect(try expression("1 - 2 - 3") == "((1 - 2) - 3)")
        #expect(try expression("2 ^ 3 ^ 2") == "(2 ^ (3 ^ 2))")
        #expect(try expression("-x ^ 2") == "(- (x ^ 2))")
        #expect(try expression("a < b and not c or d") == "(((a < b) and (not c)) or d)")
    }

    @Test func unitsBindTighterThanOperators() throws {
        #expect(try expression("$150k/yr/FTE") == "(($150,000 / yr) / FTE)")
        #expect(try expression("30 h/wk/FTE") == "(((30 h) / wk) / FTE)")
        #expect(try expression("12%") == "(12 %)")
        #expect(try expression("2 h^2") == "(2 (h ^ 2))")
    }

    @Test func conversionIsLoosest() throws {
        #expect(try expression("a + b in wk") == "((a + b) in wk)")
        #expect(try expression("x in $/yr/FTE") == "(x in $/yr/FTE)")
    }

    @Test func listsIndexingCallsAndScopes() throws {
        #expect(try expression("[5%, 4%][2]") == "[(5 %), (4 %)][2]")
        #expect(try expression("min(a, max(b, c))") == "min(a, max(b, c))")
        #expect(try expression("employer_2025.return_wait") == "employer_2025.return_wait")
        #expect(try expression("10% to 25%") == "((10 %) to (25 %))")
    }

    @Test func ifSpreadsOverLines() throws {
        #expect(try expression("if a\nthen b\nelse c") == "(if a then b else c)")
    }

    @Test func statements() throws {
        let statements = try parse("x = 1\nfn f(a, b) = a + b\nscenario s from baseline {\n  x = 2\n}\nuse s\nrequire x > 0 else \"no\"")
        #expect(statements.count == 5)
        guard case .scenario(let name, let base, let body) = statements[2].kind else {
            Issue.record("not a scenario")
            return
        }
        #expect(name.name == "s" && base?.name == "baseline" && body.count == 1)
        guard case .require(_, let message) = statements[4].kind else {
            Issue.record("not a requirement")
            return
        }
        #expect(message == "no")
    }

    @Test func multiLineListInsideBrackets() throws {
        #expect(try expression("[1,\n 2,\n 3]") == "[1, 2, 3]")
    }

    @Test func deepNestingIsADiagnosticNotACrash() {
        let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        #expect(throws: Diagnostic.self) { try parse(deep) }
        let long = "x = " + Array(repeating: "1", count: 100_000).joined(separator: "+")
        #expect(throws: Diagnostic.self) { try parse(long) }
    }

    @Test func errorsAtMarkedPositions() throws {
        let cases: [(String, DiagnosticCode)] = [
            ("x = 1️⃣", .unexpectedToken),
            ("x = (1 + 2 1️⃣", .unclosedBracket),
            ("1️⃣if = 3", .reservedName),
            ("x = a 1️⃣b", .unexpectedToken),
            ("a < b 1️⃣< c", .badStatement),
        ]
        for (text, code) in cases {
            let (clean, positions) = marked(text)
            do {
                _ = try parse(clean)
                Issue.record("no error for \(text)")
            } catch {
                #expect(error.code == code, "\(text): \(error.message)")
                let spans = error.labels.map(\.span.start)
                #expect(spans.contains(positions[0]), "\(text): labels at \(spans), expected \(positions[0])")
            }
        }
    }

    @Test func recoveryGoesOnToTheNextLine() {
        let results = Parser.parseRecovering(Source(name: "t", text: "x = 1 +* 2\ny = 2\nz = ]\nw = 4"))
        let ok = results.compactMap { try? $0.get() }
        #expect(results.count == 4)
        #expect(ok.count == 2)
    }

    @Test func continuation() {
        #expect(needsContinuation("x = [1,"))
        #expect(needsContinuation("scenario s {"))
        #expect(needsContinuation("fn f(a) ="))
        #expect(needsContinuation("x = if a > 0 then 1"))
        #expect(needsContinuation("x = 1 +"))
        #expect(!needsContinuation("x = [1, 2]"))
        #expect(!needsContinuation("x = if a then 1 else 2"))
        #expect(!needsContinuation("x = 5 # comment ("))
    }
}
