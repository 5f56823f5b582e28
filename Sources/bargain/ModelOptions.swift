import ArgumentParser
import BargainKit

/// Which model a session starts from.
struct ModelOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Load this model file instead of the built-in care-capacity model.", valueName: "path"))
    var model: String?

    @Flag(name: .customLong("no-model"), help: "Start with nothing defined.")
    var noModel = false

    func validate() throws {
        if model != nil && noModel { throw ValidationError("--model and --no-model cannot be used together") }
    }

    /// A notebook with the model loaded; on failure, prints why and exits with the matching code.
    func load(console: Console, scenarioFiles: [String] = []) throws -> Notebook {
        do {
            var notebook: Notebook
            if noModel {
                notebook = Notebook()
            } else if let model {
                notebook = try Notebook.loading(models: [Source(name: model, text: try TextFile.read(model))])
            } else {
                notebook = try Notebook.loading(models: DefaultModel.sources)
            }
            for file in scenarioFiles {
                _ = try notebook.loadScenarios(from: file)
            }
            return notebook
        } catch {
            console.error(error)
            throw ExitCode(error.kind.exitCode)
        }
    }
}

/// Scenario files loaded after the model (`--scenario FILE`, repeatable).
struct ScenarioFileOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Load scenarios from a file after the model (repeatable): scenario blocks, or plain definitions that become a scenario named after the file.", valueName: "file"))
    var scenario: [String] = []
}
