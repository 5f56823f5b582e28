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

/// Replaying a session file: the same bytes every time, drift found and shown as a diff, and
/// nothing but the language runs.
@Suite struct ReplayTests {
    /// A session saved from a notebook on the given model text.
    func saved(_ entries: [String], model: String = "a = 2 staff") throws -> (text: String, model: Source) {
        let source = Source(name: "m.bargain", text: model)
        var notebook = try Notebook.loading(models: [source])
        for entry in entries { _ = notebook.enter(entry, context: .replay(SessionHeader(model: .none))) }
        return (notebook.sessionText(saved: "2025-06-02T14:05:09Z"), source)
    }

    func replay(_ text: String, model: Source) throws -> ReplayResult {
        let file = try SessionParser.parse(text, name: "s.session")
        var notebook = try Notebook.loading(models: [model])
        return Replay.run(file, in: &notebook)
    }

    @Test func aSavedSessionReplaysToTheSameBytes() throws {
        let (text, model) = try saved(["# note", "b = a * 3", "b in staff", "nope", "_1 + 1 staff"])
        let result = try replay(text, model: model)
        #expect(result.text == text)
        #expect(result.drifted.isEmpty)
        #expect(result.originNotes.isEmpty)
        #expect(try replay(text, model: model).text == result.text)
    }

    @Test func aChangedModelShowsAsADiffPerEntry() throws {
        let (text, _) = try saved(["b = a * 3", "# middle", "a", "c = 1"])
        let changed = Source(name: "m.bargain", text: "a = 4 staff")
        let result = try replay(text, model: changed)
        #expect(result.drifted.map(\.number) == [1, 2])
        #expect(result.originNotes.first?.hasPrefix("the model m.bargain has changed since the session was saved") == true)
        #expect(SessionDiff.render(path: "s.session", result) == """
            --- s.session\t(recorded)
            +++ s.session\t(replayed now)
            @@ -7,2 +7,2 @@ [1]> b = a * 3
               [1]> b = a * 3
            -  b = 6 staff
            +  b = 12 staff
            @@ -12,2 +12,2 @@ [2]> a
               [2]> a
            -  a = 2 staff
            +  a = 4 staff

            """)
    }

    @Test func hunkLinesFollowEarlierChangesInLength() throws {
        let (text, model) = try saved(["x = 1", "x"], model: "")
        // Hand-edit: the first output gains a line, the second changes.
        let edited = text.replacingOccurrences("  x = 1\n  [2]>", with: "  x = 1\n  extra\n  [2]>")
            .replacingOccurrences("  [2]> x\n  x = 1", with: "  [2]> x\n  x = 2")
        let result = try replay(edited, model: model)
        let diff = SessionDiff.render(path: "f", result)
        #expect(diff.contains("@@ -7,3 +7,2 @@ [1]> x = 1\n   [1]> x = 1\n   x = 1\n-  extra\n"))
        #expect(diff.contains("@@ -10,2 +9,2 @@ [2]> x\n"))
    }

    @Test func aRenumberedEntryIsADifference() throws {
        let (text, model) = try saved(["x = 1", "x"], model: "")
        let result = try replay(text.replacingOccurrences("[2]> x", with: "[5]> x"), model: model)
        #expect(result.drifted.count == 1)
        #expect(result.text == text)
    }

    @Test func saveAndOpenInAReplayedFileTouchNoFile() throws {
        let text = """
            bargain session 1
            model: none

              > :save /nonexistent-folder/evil.session
              > :open /etc/passwd
              > 1 + 1

            bargain session end

            """
        let result = try replay(text, model: Source(name: "m", text: ""))
        #expect(result.entries.map(\.output) == [["not saved: a replay writes no files"], ["not opened: a replay reads no other sessions"], ["2"]])
        #expect(!TextFile.exists("/nonexistent-folder/evil.session"))
    }

    @Test func undoInAReplayedFileTakesBackTheCellAboveIt() throws {
        let text = "bargain session 1\nmodel: none\n\n  > x = 1\n  > x = 2\n  > :undo\n  > x\n\nbargain session end\n"
        let result = try replay(text, model: Source(name: "m", text: ""))
        #expect(result.entries.map(\.output) == [["x = 1"], ["x = 2"], ["undid [2] x = 2"], ["x = 1"]])
        #expect(result.entries.map(\.number) == [1, 2, 3, 2])
    }

    @Test func diffOfLinesIsMinimal() {
        let edits = SessionDiff.diff(["a", "b", "c", "d"], ["a", "x", "c", "d", "e"])
        #expect(edits == [.keep("a"), .remove("b"), .add("x"), .keep("c"), .keep("d"), .add("e")])
    }

    @Test func farApartChangesInALongOutputMakeTwoHunks() {
        let old = (1...20).map { "  line \($0)" }
        var new = old
        new[1] = "  changed 2"
        new[17] = "  changed 18"
        let hunks = SessionDiff.hunks(old, new, oldStart: 10, newStart: 10, heading: "[1]> t")
        #expect(hunks.filter { $0.hasPrefix("@@") } == ["@@ -10,5 +10,5 @@ [1]> t", "@@ -24,6 +24,6 @@ [1]> t"])
    }
}

extension String {
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
