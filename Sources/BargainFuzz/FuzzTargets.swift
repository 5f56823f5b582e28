import Glibc
import BargainDiagnostics
import BargainFiles
import BargainRendering
import BargainNotebook
import BargainBatch

/// One input through one of the readers a file from elsewhere reaches, chosen by its first
/// byte: the language at a fresh prompt (parser, checker, evaluator), statements against the
/// default model, a session file (parsed, replayed and exported), a grid (a whole batch), a journal.
/// Every error is a diagnostic; a crash, a trap or a hang is the bug the fuzzer looks for.
enum FuzzTargets {
    static let model: Notebook = (try? Notebook.loading(models: DefaultModel.sources)) ?? Notebook()
    static let scratch = "/tmp/bargain-fuzz-\(getpid())"
    static let script = EntryContext.replay(SessionHeader(model: .none))

    static func run(_ data: [UInt8]) {
        guard let selector = data.first else { return }
        let rest = Array(data.dropFirst())
        let text = String(decoding: rest, as: UTF8.self)
        switch selector % 5 {
        case 0:
            var notebook = Notebook()
            for entry in text.split(separator: "\n", omittingEmptySubsequences: false) {
                _ = notebook.enter(String(entry), context: script)
            }
        case 1:
            var notebook = model
            _ = notebook.enter(text, context: script)
        case 2:
            guard let session = try? SessionParser.parse(rest, name: "fuzz.session") else { return }
            var notebook = Notebook()
            let replay = Replay.run(session, in: &notebook)
            _ = replay.text
            // And the document it exports to: every outcome as HTML, SVG and Markdown.
            let exhibit = SessionExport.exhibit(replay, after: notebook, title: "fuzz")
            _ = HTMLDocument.render(exhibit, generator: "fuzz")
            _ = MarkdownDocument.render(exhibit, chartStem: "fuzz", generator: "fuzz")
        case 3:
            let path = scratch + ".csv"
            guard (try? TextFile.writeAtomically(text, to: path)) != nil else { return }
            let job = BatchJob(scenario: model.workspace.baseline, rows: .grid(path: path), outputs: ["return_wait", "annual_cost"],
                               threads: 1, keepGoing: selector & 8 != 0, chunkRows: 7)
            _ = try? BatchRunner.run(job) { (_: [UInt8]) throws(Diagnostic) in }
        default:
            let path = scratch + ".journal"
            guard (try? TextFile.writeAtomically(text, to: path)) != nil else { return }
            if let contents = try? JournalReader.read(path) {
                var notebook = Notebook()
                notebook.redo(contents.edits)
            }
        }
    }
}
