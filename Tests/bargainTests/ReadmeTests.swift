import Foundation
import Testing

/// README.md stays true to the binary: each ```bargain block is piped into `bargain` (the
/// lines starting with `> `) and must print exactly the other lines.
@Suite struct ReadmeTests {
    static func blocks() throws -> [(input: String, expected: String)] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var blocks: [(String, String)] = []
        var inBlock = false
        var input: [String] = [], expected: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line == "```bargain" {
                inBlock = true
                input = []
                expected = []
            } else if inBlock && line == "```" {
                inBlock = false
                blocks.append((input.joined(separator: "\n") + "\n", expected.joined(separator: "\n") + "\n"))
            } else if inBlock {
                if line.hasPrefix("> ") || line == ">" { input.append(String(line.dropFirst(2))) } else { expected.append(line) }
            }
        }
        return blocks
    }

    @Test func everyExampleRuns() throws {
        let blocks = try Self.blocks()
        #expect(!blocks.isEmpty)
        for block in blocks {
            let result = try bargainMerged([], input: block.input)
            #expect(result == block.expected)
        }
    }
}

/// Runs `bargain` with standard output and error going to one pipe, in the order written.
func bargainMerged(_ arguments: [String], input: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: builtProduct("bargain"))
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let inputPipe = Pipe(), output = Pipe()
    process.standardInput = inputPipe
    process.standardOutput = output
    process.standardError = output
    try process.run()
    inputPipe.fileHandleForWriting.write(Data(input.utf8))
    try inputPipe.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
