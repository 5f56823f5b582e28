import Foundation
import Testing

/// What one run of the built binary printed, and how it ended.
struct RunResult {
    let stdout: String
    let stderr: String
    let status: Int32
}

/// Runs the built `bargain` with arguments and standard input, as a script or a pipe would.
func bargain(_ arguments: [String], input: String = "", environment: [String: String] = [:],
             directory: URL? = nil) throws -> RunResult {
    try bargain(arguments, inputData: Data(input.utf8), environment: environment, directory: directory)
}

func bargain(_ arguments: [String], inputData: Data, environment: [String: String] = [:],
             directory: URL? = nil) throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: builtProduct("bargain"))
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    if let directory { process.currentDirectoryURL = directory }
    let input = Pipe(), output = Pipe(), errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // Write and read concurrently so large inputs and outputs cannot deadlock on full pipes.
    let writer = Thread {
        input.fileHandleForWriting.write(inputData)
        try? input.fileHandleForWriting.close()
    }
    writer.start()
    nonisolated(unsafe) var errorData = Data()
    let errorReader = Thread { errorData = errors.fileHandleForReading.readDataToEndOfFile() }
    errorReader.start()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    // isFinished, not isExecuting: a thread not yet scheduled is not executing either, and its data would be lost.
    while !errorReader.isFinished || !writer.isFinished { usleep(1000) }
    return RunResult(stdout: String(decoding: outputData, as: UTF8.self),
                     stderr: String(decoding: errorData, as: UTF8.self),
                     status: process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus)
}

/// The repository's top folder, found from this file's path.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Writes a file in a fresh temporary folder and returns its path.
func temporaryFile(_ name: String, _ contents: String) throws -> String {
    let directory = try temporaryDirectory()
    let url = directory.appendingPathComponent(name)
    try contents.write(to: url, atomically: false, encoding: .utf8)
    return url.path
}

/// A suite that runs the binary in a scratch folder of its own, at a fixed time so saved files
/// are the same on every run.
protocol ScratchFolder {
    var directory: URL { get }
}

extension ScratchFolder {
    var environment: [String: String] { ["SOURCE_DATE_EPOCH": "1748873109"] }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func run(_ arguments: [String], _ input: String = "") throws -> RunResult {
        try bargain(arguments, input: input, environment: environment, directory: directory)
    }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: path(name), encoding: .utf8)
    }
}
