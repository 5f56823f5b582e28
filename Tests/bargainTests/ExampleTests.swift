import Foundation
import Testing

/// Tests/Examples: programs that must run (`ok/NAME.bargain` with its output in `NAME.out`)
/// and programs that must fail (`fail/KIND/NAME.bargain`, first line `# expect: CODE`), each
/// run through the binary with `bargain run`.
@Suite struct ExampleTests {
    static let folder = repositoryRoot.appendingPathComponent("Tests/Examples")

    static func files(_ subfolder: String) -> [String] {
        let url = folder.appendingPathComponent(subfolder)
        guard let names = FileManager.default.enumerator(atPath: url.path) else { return [] }
        return names.compactMap { $0 as? String }.filter { $0.hasSuffix(".bargain") }.sorted().map { subfolder + "/" + $0 }
    }

    @Test(arguments: files("ok"))
    func runs(_ file: String) throws {
        let path = Self.folder.appendingPathComponent(file).path
        let expected = try String(contentsOfFile: path.replacingOccurrences(of: ".bargain", with: ".out"), encoding: .utf8)
        let arguments = file.contains("model-") ? ["run", path] : ["run", "--no-model", path]
        let result = try bargain(arguments)
        #expect(result.stderr == "", "\(file)")
        #expect(result.status == 0, "\(file)")
        #expect(result.stdout == expected, "\(file)")
    }

    @Test(arguments: files("fail"))
    func fails(_ file: String) throws {
        let path = Self.folder.appendingPathComponent(file).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let code = try #require(text.split(separator: "\n").first?.split(separator: ":").last?
            .trimmingCharacters(in: .whitespaces), "\(file) has no `# expect: CODE` line")
        let kind = file.split(separator: "/")[1]
        let expectedStatus: Int32 = kind == "evaluation" ? 70 : 65
        let result = try bargain(["run", "--no-model", path])
        #expect(result.status == expectedStatus, "\(file): \(result.stderr)")
        #expect(result.stderr.contains("error[\(code)]"), "\(file): \(result.stderr)")
        #expect(result.stderr.contains(file.split(separator: "/").last.map(String.init) ?? file), "\(file): the error names the file")
    }
}
