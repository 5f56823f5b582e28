import Foundation
import Testing

/// The example sessions in Sessions/ replay exactly as recorded (CI runs the same check).
@Suite struct SessionsFolderTests {
    static var files: [String] {
        let folder = repositoryRoot.appendingPathComponent("Sessions").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".session") }.sorted()
    }

    @Test func thereAreAtLeastThree() {
        #expect(Self.files.count >= 3)
    }

    @Test(arguments: files)
    func replaysAsRecorded(_ name: String) throws {
        let path = repositoryRoot.appendingPathComponent("Sessions/" + name).path
        let result = try bargain(["replay", "--check", path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        // Recorded against the model as it is now: no note that it changed since.
        #expect(!result.stderr.contains("has changed since the session was saved"), "\(result.stderr)")
    }
}
