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
    func load(console: Console) throws -> Notebook {
        if noModel { return Notebook() }
        let source: Source
        if let model {
            do {
                source = Source(name: model, text: try TextFile.read(model))
            } catch {
                console.error(error)
                throw ExitCode(error.kind.exitCode)
            }
        } else {
            source = DefaultModel.source
        }
        do {
            return try Notebook.loading(model: source)
        } catch {
            console.error(error)
            throw ExitCode(error.kind.exitCode)
        }
    }
}
