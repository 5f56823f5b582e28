import ArgumentParser
import BargainKit

/// Which model a session starts from.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Load this model file instead of the built-in care-capacity model.", valueName: "path"))
    var model: String?

    @Flag(name: .customLong("no-model"), help: "Start with nothing defined.")
    var noModel = false

    @Option(name: .customLong("scenarios"), help: ArgumentHelp("Also load this file of scenarios after the model (repeatable); saved sessions record it.", valueName: "path"))
    var scenarioFiles: [String] = []

    func validate() throws {
        if model != nil && noModel { throw ValidationError("--model and --no-model cannot be used together") }
    }

    /// Whether the command line chose the model, overriding what a session file names.
    var choosesModel: Bool { model != nil || noModel }

    /// A notebook with the model loaded; on failure, prints why and exits with the matching code.
    func load(console: Console) throws -> Notebook {
        try console.orExit { () throws(Diagnostic) -> Notebook in
            let source: Source?
            if noModel {
                source = nil
            } else if let model {
                source = Source(name: model, text: try TextFile.read(model))
            } else {
                source = DefaultModel.source
            }
            var scenarios: [Source] = []
            for file in scenarioFiles { scenarios.append(Source(name: file, text: try TextFile.read(file))) }
            return try SessionModel.load(model: source, scenarios: scenarios)
        }
    }

    /// The notebook a session file or journal runs in: the model and scenario files its header
    /// names, unless the command line names others.
    func load(for header: SessionHeader, near path: String?, console: Console) throws -> Notebook {
        if choosesModel || !scenarioFiles.isEmpty {
            var notebook = try load(console: console)
            notebook.origin.seed = header.seed
            return notebook
        }
        return try console.orExit { () throws(Diagnostic) in try SessionModel.notebook(for: header, near: path) }
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
