import ArgumentParser
import BargainDiagnostics
import BargainFiles
import BargainEngine
import BargainNotebook

/// Which model a session starts from.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Load this model file instead of the built-in care-capacity model.", valueName: "path"))
    var model: String?

    @Flag(name: .customLong("no-model"), help: "Start with nothing defined.")
    var noModel = false

    func validate() throws {
        if model != nil && noModel { throw ValidationError("--model and --no-model cannot be used together") }
    }

    /// Whether the command line chose the model, overriding what a session file names.
    var choosesModel: Bool { model != nil || noModel }

    /// A notebook with the model loaded; on failure, prints why and exits with the matching code.
    func load(console: Console, scenarioFiles: [String] = [], seed: UInt64? = nil) throws -> Notebook {
        try console.orExit { () throws(Diagnostic) -> Notebook in
            var models: [Source] = []
            if let model {
                models = [Source(name: model, text: try TextFile.read(model))]
            } else if !noModel {
                models = DefaultModel.sources
            }
            var scenarios: [Source] = []
            for file in scenarioFiles { scenarios.append(Source(name: file, text: try TextFile.read(file))) }
            return try SessionModel.load(models: models, scenarios: scenarios, seed: seed ?? 0)
        }
    }

    /// The notebook a session file or journal runs in: the model and scenario files its header
    /// names, unless the command line names others.
    func load(for header: SessionHeader, near path: String?, scenarioFiles: [String] = [], trusted: Bool = false,
              console: Console) throws -> Notebook {
        if choosesModel || !scenarioFiles.isEmpty {
            var notebook = try load(console: console, scenarioFiles: scenarioFiles)
            notebook.origin.seed = header.seed
            return notebook
        }
        return try console.orExit { () throws(Diagnostic) in try SessionModel.notebook(for: header, near: path, trusted: trusted) }
    }
}

extension Console {
    /// Runs `body`; on a diagnostic, prints it and exits with its code.
    func orExit<T>(_ body: () throws(Diagnostic) -> T) throws -> T {
        do {
            return try body()
        } catch {
            self.error(error)
            throw ExitCode(error.kind.exitCode)
        }
    }
}

/// Scenario files loaded after the model (`--scenario FILE`, repeatable), and the session's seed.
struct ScenarioFileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Load scenarios from a file after the model (repeatable): scenario blocks, or plain definitions that become a scenario named after the file.", valueName: "file"))
    var scenario: [String] = []

    @Option(help: ArgumentHelp("The session's random seed: what `simulate` uses when it names none (default 0); saved sessions record it.", valueName: "s"))
    var seed: UInt64?
}
