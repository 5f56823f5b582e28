import ArgumentParser
import BargainDiagnostics
import BargainFiles
import BargainNotebook

/// A session file read, parsed and run again, as `replay` and `export` both need it: a file
/// that cannot be read exits 74, a malformed one 65, with the diagnostic printed.
struct ReplayedFile {
    let bytes: [UInt8]
    let result: ReplayResult
    /// The notebook after the replay: every scenario as the session leaves it.
    let notebook: Notebook

    init(_ file: String, modelOptions: ModelOptions, scenarioFiles: ScenarioFileOptions, console: Console) throws {
        bytes = try console.orExit { () throws(Diagnostic) in try TextFile.readBytes(file) }
        let session: SessionFile
        do {
            session = try SessionParser.parse(bytes, name: file)
        } catch {
            console.error(error)
            throw ExitCode(65)
        }
        var notebook = try modelOptions.load(for: session.header, near: file, scenarioFiles: scenarioFiles.scenario, console: console)
        result = Replay.run(session, in: &notebook)
        self.notebook = notebook
    }
}
