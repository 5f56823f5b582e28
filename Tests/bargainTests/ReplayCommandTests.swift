@testable import BargainNotebook
import Foundation
import Testing

/// `:save`, `:open` and `bargain replay` through the built binary, as staff use them after a session.
@Suite struct ReplayCommandTests: ScratchFolder {
    let directory: URL

    init() throws {
        directory = try temporaryDirectory()
    }

    /// Saves a short session on the default model as Sessions/NAME.session.
    func saveSession(_ name: String = "waits") throws {
        let result = try run([], "# a short strike\nstrike_days = 10 bd\nreturn_wait\n_ in wk\n:save \(name)\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("saved 3 cells to Sessions/\(name).session\n"))
    }

    @Test func savedSessionsAreTheSessionFormat() throws {
        try saveSession()
        #expect(try read("Sessions/waits.session") == """
            bargain session 1
            model: care-capacity.bargain sha256:\(DefaultModelHash.value)
            scenarios: none
            seed: 0
            saved: 2025-06-02T14:05:09Z

            a short strike

              [1]> strike_days = 10 bd
              strike_days = 10 bd
              note: employer_2025, union_2025 follow baseline here and no longer match their files; `:scenarios` lists what each carries
              [2]> return_wait
              return_wait = 16.89 bd
              [3]> _ in wk
              _ = 3.377 wk

            bargain session end

            """)
    }

    @Test func replayPrintsTheSameBytesAndCheckPasses() throws {
        try saveSession()
        let replay = try run(["replay", "Sessions/waits.session"])
        #expect(replay.status == 0)
        #expect(replay.stdout == (try read("Sessions/waits.session")))
        let check = try run(["replay", "--check", "Sessions/waits.session"])
        #expect(check.status == 0)
        #expect(check.stdout == "")
        #expect(check.stderr == "Sessions/waits.session: all 3 entries come out as recorded\n")
    }

    @Test func aHandEditedOutputFailsCheckWithADiffAndUpdateRepairsIt() throws {
        try saveSession()
        let file = "Sessions/waits.session"
        let original = try read(file)
        try original.replacingOccurrences(of: "return_wait = 16.89 bd", with: "return_wait = 12 bd")
            .write(toFile: path(file), atomically: false, encoding: .utf8)
        let check = try run(["replay", "--check", file])
        #expect(check.status == 1)
        #expect(check.stdout == """
            --- Sessions/waits.session\t(recorded)
            +++ Sessions/waits.session\t(replayed now)
            @@ -12,2 +12,2 @@ [2]> return_wait
               [2]> return_wait
            -  return_wait = 12 bd
            +  return_wait = 16.89 bd

            """)
        #expect(check.stderr.contains("1 of 3 entries differ"))
        let update = try run(["replay", "--update", file])
        #expect(update.status == 0)
        #expect(update.stderr == "updated Sessions/waits.session: 1 entry changed\n")
        #expect(try read(file) == original)
        #expect(try run(["replay", "--check", file]).status == 0)
        let again = try run(["replay", "--update", file])
        #expect(again.stderr == "Sessions/waits.session is up to date\n")
    }

    @Test func aChangedModelIsNamedAndItsEffectsDiffed() throws {
        let model = try String(contentsOf: repositoryRoot.appendingPathComponent("Models/care-capacity.bargain"), encoding: .utf8)
        try model.write(toFile: path("model.bargain"), atomically: false, encoding: .utf8)
        #expect(try run(["--model", "model.bargain"], "strike_days = 20 bd\nreturn_wait\n:save strike\n").status == 0)
        #expect(try read("Sessions/strike.session").contains("model: model.bargain sha256:"))
        #expect(try run(["replay", "--check", "Sessions/strike.session"]).status == 0)

        try model.replacingOccurrences(of: "strike_cancel_rate = 24.2%", with: "strike_cancel_rate = 40%")
            .write(toFile: path("model.bargain"), atomically: false, encoding: .utf8)
        let check = try run(["replay", "--check", "Sessions/strike.session"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("note: the model model.bargain has changed since the session was saved"))
        #expect(check.stdout.contains("-  return_wait = 18.57 bd\n+  return_wait = 21.04 bd\n"))
    }

    @Test func aReplayWritesNoFileTheSessionNames() throws {
        let target = path("written-by-replay.session")
        let session = """
            bargain session 1
            model: none

              [1]> x = 1
              x = 1
              > :save \(target)
              > :save! Sessions/other
              > :open \(target)

            bargain session end

            """
        try session.write(toFile: path("s.session"), atomically: false, encoding: .utf8)
        let result = try run(["replay", "s.session"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("  [2]> :save \(target)\n  not saved: a replay writes no files\n"))
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(!FileManager.default.fileExists(atPath: path("Sessions")))
        #expect(try run(["replay", "--update", "s.session"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test(arguments: [
        ("truncated", "bargain session 1\nmodel: none\n\n  [1]> 1 + 1\n  2\n  [2]> 2", ":6:", "the file is cut short"),
        ("bad-header", "bargain session 1\nmodel none\n\nbargain session end\n", ":2:", "expected a header field"),
        ("unknown-version", "bargain session 9\n\nbargain session end\n", ":1:", "version 9 session file"),
        ("junk", "bargain session 1\n\n  [1]> 1\n\u{0}\u{1}\u{2}garbage\u{7F}\n", ":4:", "line 4 is not text"),
        ("missing-model", "bargain session 1\nmodel: nowhere.bargain\n\nbargain session end\n", "", "cannot find the model `nowhere.bargain`"),
    ])
    func malformedFilesGetADiagnosticNotACrash(name: String, text: String, location: String, message: String) throws {
        try text.write(toFile: path(name + ".session"), atomically: false, encoding: .utf8)
        for arguments in [["replay"], ["replay", "--check"], ["replay", "--update"]] {
            let result = try run(arguments + [name + ".session"])
            #expect(result.status == (name == "missing-model" ? 74 : 65), "\(name): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
            #expect(result.stderr.contains(name + ".session" + location), "\(name): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("crashed"))
        }
        #expect(try read(name + ".session") == text, "a failed replay leaves the file alone")
    }

    @Test func openContinuesASavedSession() throws {
        try saveSession()
        let result = try run([], ":open waits\n_2 * 2\n:history\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            opened Sessions/waits.session: 3 cells; the next is [4]
            33.77 bd
                 # a short strike
            [1]  strike_days = 10 bd
            [2]  return_wait
            [3]  _ in wk
            [4]  _2 * 2

            """)
    }

    @Test func openRefusesToDropUnsavedCells() throws {
        try saveSession()
        let refused = try run([], "x = 1\n:open waits\nx\n")
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("this session has changes that are not saved (1 cell)"))
        #expect(refused.stdout == "x = 1\nx = 1\n")
        let forced = try run([], "x = 1\n:open! waits\n:history\n")
        #expect(forced.stdout.contains("[3]  _ in wk"))
    }

    @Test func saveRefusesToReplaceAnotherFile() throws {
        try saveSession()
        let refused = try run(["--no-model"], "y = 2\n:save waits\n")
        #expect(refused.status == 74)
        #expect(refused.stderr.contains("`Sessions/waits.session` already exists and is not this session's file"))
        #expect(try read("Sessions/waits.session").contains("strike_days"))
        let forced = try run(["--no-model"], "y = 2\n:save! waits\n")
        #expect(forced.status == 0)
        #expect(try read("Sessions/waits.session").contains("  [1]> y = 2\n"))
    }

    @Test func undoAndCellValuesThroughThePipe() throws {
        let result = try run(["--no-model"], "a = 2 staff\na * 3\n:undo\n:undo\n_\n")
        #expect(result.stdout == "a = 2 staff\n6 staff\nundid [2] a * 3\nundid [1] a = 2 staff\n")
        #expect(result.stderr.contains("`_` is the last value shown, and no cell has shown one yet"))
    }
}

/// The SHA-256 of the built-in model, as sessions record it.
enum DefaultModelHash {
    static var value: String {
        // The built-in model is the model file and the proposals, hashed together.
        let files = ["Models/care-capacity.bargain", "Models/proposals-2025.bargain"]
        let bytes = files.flatMap { (try? Data(contentsOf: repositoryRoot.appendingPathComponent($0))).map { Array($0) } ?? [] }
        return SHA256.hex(bytes)
    }
}

extension ReplayCommandTests {
    @Test func scenarioFilesAreRecordedAndLoadedOnReplay() throws {
        try "scenario cut from baseline {\n  layoffs = 150 staff\n}\n".write(toFile: path("cut.bargain"), atomically: false, encoding: .utf8)
        let saved = try run(["--scenario", "cut.bargain"], "cut.return_wait\n:save cut\n")
        #expect(saved.status == 0, "\(saved.stderr)")
        let text = try read("Sessions/cut.session")
        #expect(text.contains("\nscenarios: cut.bargain sha256:\(SHA256.hex(Array("scenario cut from baseline {\n  layoffs = 150 staff\n}\n".utf8)))\n"))
        #expect(text.contains("  cut.return_wait = 22.75 bd\n"))
        #expect(try run(["replay", "--check", "Sessions/cut.session"]).status == 0)
        try FileManager.default.removeItem(atPath: path("cut.bargain"))
        let missing = try run(["replay", "Sessions/cut.session"])
        #expect(missing.status == 74)
        #expect(missing.stderr.contains("cannot find the scenario file `cut.bargain` that Sessions/cut.session names"))
    }
}
