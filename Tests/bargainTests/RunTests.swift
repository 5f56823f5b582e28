import Foundation
import Testing

/// `bargain run FILE…`, `--json`, `--keep-going`, `--model`, and the exit codes.
@Suite struct RunTests {
    @Test func runsAScript() throws {
        let script = try temporaryFile("a.bargain", "x = 3 wk\ny = x * 2\ny in bd\n")
        let result = try bargain(["run", "--no-model", script])
        #expect(result.stdout == "x = 3 wk\ny = 6 wk\ny = 30 bd\n")
        #expect(result.status == 0)
    }

    /// A script takes the prompt's statement path: `watch` shows its values after each edit.
    @Test func watchShowsChangesInAScript() throws {
        let script = try temporaryFile("w.bargain", "x = 2 wk\ny = x * 2\nwatch y\nx = 3 wk\n")
        let result = try bargain(["run", "--no-model", script])
        #expect(result.stdout == "x = 2 wk\ny = 4 wk\ny = 4 wk\nx = 3 wk\ny 4 → 6 wk (+2)\n")
        #expect(result.status == 0)
    }

    @Test func stopsAtTheFirstErrorUnlessToldToGoOn() throws {
        let script = try temporaryFile("b.bargain", "a = 1\nb = nope\nc = 3\n")
        var result = try bargain(["run", "--no-model", script])
        #expect(result.stdout == "a = 1\n")
        #expect(result.stderr.contains("b.bargain:2:5"))
        #expect(result.status == 65)
        result = try bargain(["run", "--no-model", "--keep-going", script])
        #expect(result.stdout == "a = 1\nc = 3\n")
        #expect(result.status == 65)
    }

    @Test func exitCodes() throws {
        let evaluation = try temporaryFile("e.bargain", "x = 0\ny = 1 / x\n")
        #expect(try bargain(["run", "--no-model", evaluation]).status == 70)
        #expect(try bargain(["run", "--no-model", "/no/such/file.bargain"]).status == 74)
        #expect(try bargain(["run", "--model", "x", "--no-model", evaluation]).status == 64)
        #expect(try bargain(["--bogus-flag"]).status == 64)
    }

    @Test func jsonLines() throws {
        let script = try temporaryFile("j.bargain", "x = 2 staff\nrates = [5%, 4%]\nx + 1 h\nr = inf\nreturn_wait\n")
        let result = try bargain(["run", "--json", "--keep-going", script])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        #expect(objects[0]["cell"] as? Int == 1)
        #expect(objects[0]["kind"] as? String == "definition")
        #expect(objects[0]["name"] as? String == "x")
        #expect(objects[0]["value"] as? Double == 2)
        #expect(objects[0]["unit"] as? String == "staff")
        #expect(objects[0]["text"] as? String == "x = 2 staff")
        #expect(objects[1]["value"] as? [Double] == [5, 4])
        #expect(objects[1]["unit"] as? String == "%")
        #expect(objects[2]["kind"] as? String == "error")
        #expect(objects[2]["code"] as? String == "E301")
        #expect(objects[3]["value"] as? String == "inf")
        #expect(objects[4]["kind"] as? String == "value")
        #expect(objects[4]["unit"] as? String == "bd")
        let wait = try #require(objects[4]["value"] as? Double)
        #expect(abs(wait - 15.197492514275066) < 1e-9, "full precision, not the rounded display")
        #expect(result.status == 65)
    }

    @Test func aBrokenModelPointsIntoTheModelFile() throws {
        let model = try temporaryFile("model.bargain", "a = 1 staff\nb = a + 1 wk\n")
        let result = try bargain(["--model", model], input: "a\n")
        #expect(result.stderr.contains("model.bargain:2:5"))
        #expect(result.status == 65)
    }

    @Test func aModelFromAFile() throws {
        let model = try temporaryFile("model.bargain", "a = 2 staff\nb = a * 3\n")
        let result = try bargain(["--model", model], input: "b\n")
        #expect(result.stdout == "b = 6 staff\n")
    }

    @Test func versionAndHelp() throws {
        #expect(try bargain(["--version"]).stdout.hasPrefix("0."))
        let help = try bargain(["--help"]).stdout
        #expect(help.contains("run") && help.contains("repl"))
        let runHelp = try bargain(["run", "--help"]).stdout
        #expect(runHelp.contains("--json") && runHelp.contains("--keep-going"))
    }

    @Test func theDefaultModelWorksFromAnyFolder() throws {
        let result = try bargain([], input: "headcount\n", directory: URL(fileURLWithPath: "/"))
        #expect(result.stdout == "headcount = 2,400 staff\n")
    }
}
