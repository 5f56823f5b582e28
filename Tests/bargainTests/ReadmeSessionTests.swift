import Foundation
import Testing

/// README's sessions walkthrough, run as written: each `$ ` line of the first ```console block
/// runs in a scratch folder (with the built `bargain` first on PATH) and must print the lines
/// under it. For the prompt, the lines after `[N]> ` are what is typed, piped in.
@Suite struct ReadmeSessionTests {
    struct Step {
        var command: String
        var input: [String] = []
        var expected: [String] = []
    }

    static func steps() throws -> [Step] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var steps: [Step] = []
        var inBlock = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if !inBlock {
                if line == "```console", steps.isEmpty { inBlock = true }
                continue
            }
            if line == "```" { break }
            if line.hasPrefix("$ ") {
                steps.append(Step(command: String(line.dropFirst(2))))
            } else if let prompt = line.firstRange(of: "]> "), line.hasPrefix("[") {
                steps[steps.count - 1].input.append(String(line[prompt.upperBound...]))
            } else if !line.hasPrefix("bargain \(versionPrefix)") {
                steps[steps.count - 1].expected.append(line)
            }
        }
        return steps
    }

    /// The banner is printed only at a terminal.
    static let versionPrefix = "0."

    /// Hashes change whenever the model does; the walkthrough is about where they appear.
    static func masked(_ text: String) throws -> String {
        try text.replacing(Regex("[0-9a-f]{64}"), with: "<sha256>").replacing(Regex("[0-9a-f]{12}…"), with: "<hash>…")
    }

    @Test func theWalkthroughRunsAsWritten() throws {
        let steps = try Self.steps()
        #expect(steps.count >= 7)
        let directory = try temporaryDirectory()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("Models"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Models/care-capacity.bargain"),
                                         to: directory.appendingPathComponent("Models/care-capacity.bargain"))
        let binDirectory = URL(fileURLWithPath: builtProduct("bargain")).deletingLastPathComponent().path
        for step in steps {
            let output = try shell(step.command, input: step.input, in: directory, path: binDirectory)
            let expected = step.expected.map { $0 + "\n" }.joined()
            #expect(try Self.masked(output) == Self.masked(expected), "$ \(step.command)")
        }
    }

    /// Runs a command with /bin/sh; standard output and error together, in the order written.
    func shell(_ command: String, input: [String], in directory: URL, path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["NO_COLOR"] = "1"
        environment["SOURCE_DATE_EPOCH"] = "1748873109"
        environment["XDG_STATE_HOME"] = directory.appendingPathComponent("state").path
        process.environment = environment
        let inputPipe = Pipe(), output = Pipe()
        process.standardInput = inputPipe
        process.standardOutput = output
        process.standardError = output
        try process.run()
        inputPipe.fileHandleForWriting.write(Data(input.map { $0 + "\n" }.joined().utf8))
        try inputPipe.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
