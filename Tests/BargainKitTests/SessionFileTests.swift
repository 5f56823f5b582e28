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

/// The session file format: writing, reading back, and refusing malformed files with a line number.
@Suite struct SessionFileTests {
    static let hash = String(repeating: "ab", count: 32)

    static let sample = """
        bargain session 1
        model: care-capacity.bargain sha256:\(hash)
        scenarios: none
        seed: 0
        saved: 2025-06-02T14:05:09Z

        A strike of 20 business days.

          [1]> strike_days = 20 bd
          strike_days = 20 bd
          [2]> raises = [5%,
          ...>   4%]
          raises = [5%, 4%]

        bargain session end

        """

    @Test func readsHeaderNotesAndEntries() throws {
        let file = try SessionParser.parse(Self.sample, name: "s.session")
        #expect(file.header.model == .file(name: "care-capacity.bargain", sha256: Self.hash))
        #expect(file.header.saved == "2025-06-02T14:05:09Z")
        #expect(file.items.count == 3)
        guard case .note(let note) = file.items[0] else { return }
        #expect(note == "A strike of 20 business days.")
        let entries = file.entries
        #expect(entries.map(\.number) == [1, 2])
        #expect(entries[1].input == "raises = [5%,\n  4%]")
        #expect(entries[1].output == ["raises = [5%, 4%]"])
        #expect(entries[1].line == 11)
        #expect(entries[1].lines.count == 3)
    }

    @Test func writingWhatWasReadGivesTheSameBytes() throws {
        let file = try SessionParser.parse(Self.sample, name: "s.session")
        let items: [SessionWriter.Item] = file.items.map { item in
            switch item {
            case .note(let text): return .note(text)
            case .entry(let e): return .entry(number: e.number, input: e.input, output: e.output)
            }
        }
        #expect(SessionWriter.render(file.header, items) == Self.sample)
    }

    @Test func outputThatCouldBeMisreadIsEscaped() throws {
        let awkward = ["", "[3]> not an input", "> nor this", "...> nor this", "| a bar", "trailing  ", "  indented"]
        let text = SessionWriter.render(SessionHeader(model: .none), [.entry(number: 1, input: "x", output: awkward)])
        #expect(text.contains("\n  |\n  |[3]> not an input\n"))
        #expect(text.contains("\n    indented\n"))
        let back = try SessionParser.parse(text, name: "t")
        #expect(back.entries.first?.output == awkward)
        #expect(back.header.model == ModelReference.none)
    }

    @Test func handWrittenEntriesNeedNoNumbers() throws {
        let file = try SessionParser.parse("bargain session 1\n\n  > 1 + 1\n  > 2 staff\n\nbargain session end\n", name: "h")
        #expect(file.entries.map(\.number) == [nil, nil])
        #expect(file.header.model == .builtIn)
    }

    @Test func windowsLineEndingsAreRead() throws {
        let file = try SessionParser.parse(Self.sample.replacingNewlines(with: "\r\n"), name: "crlf")
        #expect(file.entries.count == 2)
    }

    /// Malformed files: the message, and the line it points at.
    @Test(arguments: [
        ("", "the file is empty", 1),
        ("hello\n", "not a bargain session", 1),
        ("bargain session 2\n\nbargain session end\n", "this is a version 2 session file", 1),
        ("bargain session one\n", "is not a format version", 1),
        ("bargain session 1\nmodel: x.bargain\n", "ends in its header", 2),
        ("bargain session 1\nmodle: x\n\nbargain session end\n", "unknown header field `modle`", 2),
        ("bargain session 1\nseed: -1\n\nbargain session end\n", "the seed should be a whole number", 2),
        ("bargain session 1\nmodel: m sha256:12\n\nbargain session end\n", "64 lowercase hex digits", 2),
        ("bargain session 1\nseed: 1\nseed: 2\n\nbargain session end\n", "gives `seed` twice", 3),
        ("bargain session 1\nno colon here\n", "expected a header field", 2),
        ("bargain session 1\n\n  [1]> x = 1\n  x = 1\n", "without `bargain session end`", 4),
        ("bargain session 1\n\n  [1]> x = 1\n  x = 1\n  [2]> y", "without `bargain session end`", 5),
        ("bargain session 1\n\n  x = 1\n\nbargain session end\n", "an output line with no input above it", 3),
        ("bargain session 1\n\n  [1]> x\n\n  1\nbargain session end\n", "an output line with no input above it", 5),
        ("bargain session 1\n\n  [1]> x\n  1\n  ...> y\nbargain session end\n", "a continuation `...>` must follow", 5),
        ("bargain session 1\n\n   [1]> x\nbargain session end\n", "", 3),
        ("bargain session 1\n\n [1]> x\nbargain session end\n", "indented by exactly two spaces", 3),
        ("bargain session 1\n\nbargain session end\nmore\n", "text after `bargain session end`", 4),
        ("bargain session 1\n\n  [1]> x\u{0}\u{7}y\nbargain session end\n", "line 3 is not text", 3),
    ] as [(String, String, Int)])
    func malformedFilesGetALineNumber(text: String, message: String, line: Int) {
        do {
            _ = try SessionParser.parse(text, name: "bad.session")
            if !message.isEmpty { Issue.record("no error for \(text.debugDescription)") }
        } catch {
            #expect(error.code == .badSession)
            #expect(message.isEmpty || error.message.contains(message), "\(error.message)")
            #expect(error.primarySpan.map { $0.source.location(of: $0.start).line } == line, "\(error.message)")
            let rendered = DiagnosticRenderer().render(error)
            #expect(rendered.contains("bad.session:\(line):"), "\(rendered)")
        }
    }

    @Test func bytesThatAreNotUTF8AreRefusedWithTheirLine() {
        let bytes = Array("bargain session 1\n\n  [1]> x\n".utf8) + [0xFF, 0xFE, 0x41, 0x0A]
        do {
            _ = try SessionParser.parse(bytes, name: "junk")
            Issue.record("binary junk was accepted")
        } catch {
            #expect(error.message == "line 4 is not text: it is not valid UTF-8")
        }
    }

    @Test func randomBytesNeverCrashTheParser() {
        var generator = SeededGenerator(seed: 42)
        let valid = Array(Self.sample.utf8)
        for round in 0..<500 {
            var bytes = valid
            // Cut, flip and splice at random, like a damaged disk or a bad merge.
            if round % 3 == 0 { bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator))) }
            for _ in 0..<Int.random(in: 0...4, using: &generator) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = try? SessionParser.parse(bytes, name: "fuzz")
        }
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array(String(repeating: "a", count: 1000).utf8)
        #expect(SHA256.hex(long) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}

/// A small deterministic random number generator (SplitMix64), so a failing case can be re-run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension String {
    func replacingNewlines(with separator: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: separator)
    }
}
