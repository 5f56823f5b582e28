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

@Suite struct LexerTests {
    func kinds(_ text: String) throws(Diagnostic) -> [TokenKind] {
        try Lexer.tokenize(Source(name: "t", text: text)).map(\.kind)
    }

    @Test func numbersWithSeparatorsDecimalsAndExponents() throws {
        #expect(try kinds("1_000 2.5 .5 1e6 2E-3") == [.number(1000), .number(2.5), .number(0.5), .number(1e6), .number(0.002), .end])
    }

    @Test func moneyWithScales() throws {
        #expect(try kinds("$150k $1.5M $67B $12") == [.money(150_000), .money(1_500_000), .money(67e9), .money(12), .end])
    }

    @Test func dollarAndPercentAloneAreUnits() throws {
        #expect(try kinds("$/yr 12%") == [.identifier("$"), .symbol(.slash), .identifier("yr"), .number(12), .identifier("%"), .end])
    }

    @Test func rangeDotsAreNotDecimalPoints() throws {
        #expect(try kinds("1..5") == [.number(1), .symbol(.dotdot), .number(5), .end])
    }

    @Test func keywordsOperatorsAndComments() throws {
        #expect(try kinds("if a <= b then x else y # note") == [
            .keyword(.if), .identifier("a"), .symbol(.lessEqual), .identifier("b"), .keyword(.then),
            .identifier("x"), .keyword(.else), .identifier("y"), .end,
        ])
    }

    @Test func unicodeAliases() throws {
        #expect(try kinds("∞ × 2") == [.keyword(.inf), .symbol(.star), .number(2), .end])
    }

    @Test func scaleSuffixWithoutDollarIsRefused() {
        #expect(throws: Diagnostic.self) { try kinds("150k") }
    }

    @Test func unexpectedCharacterHasItsSpan() {
        do {
            _ = try kinds("x = 3 & 4")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unexpectedCharacter)
            #expect(error.primarySpan?.start == 6)
            #expect(error.help?.contains("and") == true)
        }
    }

    @Test func unterminatedString() {
        #expect(throws: Diagnostic.self) { try kinds("require x > 0 else \"oops") }
    }

    @Test func recoveringLexerGoesOnAfterBadText() {
        let (tokens, errors) = Lexer.tokenizeRecovering(Source(name: "t", text: "a ` b"))
        #expect(errors.count == 1)
        #expect(tokens.map(\.kind).contains(.identifier("b")))
    }

    @Test func invalidUTF8IsAnErrorNotACrash() {
        let text = String(decoding: [0x61, 0xFF, 0x62], as: UTF8.self)
        #expect(throws: Diagnostic.self) { try kinds(text) }
    }
}
