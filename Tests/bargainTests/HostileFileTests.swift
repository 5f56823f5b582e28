import Foundation
import Testing

/// Files from elsewhere and planted links (issue 15), through the built binary.
@Suite struct HostileFileTests {
    let directory: URL
    let environment = ["SOURCE_DATE_EPOCH": "1748873109"]

    init() throws {
        directory = try temporaryDirectory()
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func run(_ arguments: [String], _ input: String = "") throws -> RunResult {
        try bargain(arguments, input: input, environment: environment, directory: directory)
    }

    func temporaries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") }
    }

    // MARK: atomic writes

    @Test func batchOutputRefusesASymbolicLinkTarget() throws {
        let victim = path("victim.txt")
        try "precious\n".write(toFile: victim, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: path("out.csv"), withDestinationPath: victim)
        let result = try run(["batch", "--vary", "layoffs=0..10:3", "--outputs", "return_wait", "--output", "out.csv"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("symbolic link"), "\(result.stderr)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path("out.csv")) == victim)
        #expect(try temporaries().isEmpty)
    }

    @Test func replayUpdateRefusesASymbolicLinkSession() throws {
        let saved = try run([], "strike_days = 10 bd\nreturn_wait\n:save waits\n")
        #expect(saved.status == 0, "\(saved.stderr)")
        try FileManager.default.createSymbolicLink(atPath: path("link.session"), withDestinationPath: path("Sessions/waits.session"))
        // A stale recorded value, so --update has something to write.
        let before = try String(contentsOfFile: path("Sessions/waits.session"), encoding: .utf8)
            .replacingOccurrences(of: "return_wait = 17.93 bd", with: "return_wait = 1 bd")
        try before.write(toFile: path("Sessions/waits.session"), atomically: true, encoding: .utf8)
        let result = try run(["replay", "--update", "link.session"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("symbolic link"), "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path("link.session")) == path("Sessions/waits.session"))
        #expect(try String(contentsOfFile: path("Sessions/waits.session"), encoding: .utf8) == before)
    }

    @Test func savingKeepsTheTargetsPermissionsAndLeavesNoTemporary() throws {
        let saved = try run([], "strike_days = 10 bd\n:save waits\n")
        #expect(saved.status == 0, "\(saved.stderr)")
        let session = path("Sessions/waits.session")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: session)
        let again = try run([], ":open waits\nreturn_wait\n:save\n")
        #expect(again.status == 0, "\(again.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: session)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let left = try FileManager.default.contentsOfDirectory(atPath: path("Sessions")).filter { $0.contains(".tmp-") }
        #expect(left.isEmpty)
    }
}
