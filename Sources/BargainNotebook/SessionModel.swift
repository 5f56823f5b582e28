import BargainDiagnostics
import BargainUnits
import BargainFiles
import BargainSyntax
import BargainSemantics
import BargainEngine
import BargainAnalysis
import BargainRendering

/// Finds the model and scenario files a session header names, to replay or recover it.
///
/// The name `care-capacity.bargain` is the model built into bargain; any other name is a file,
/// looked for relative to the current folder, then to the session file's folder. Reading is
/// all a header can make bargain do: nothing it names is ever written.
package enum SessionModel {
    package static func notebook(for header: SessionHeader, near sessionPath: String?) throws(Diagnostic) -> Notebook {
        let models: [Source]
        switch header.model {
        case .none: models = []
        case .file(let name, _):
            models = name == DefaultModel.name ? DefaultModel.sources : [try read(name, near: sessionPath, what: "model")]
        }
        var scenarios: [Source] = []
        for stamp in header.scenarios { scenarios.append(try read(stamp.name, near: sessionPath, what: "scenario file")) }
        return try load(models: models, scenarios: scenarios, seed: header.seed)
    }

    /// A notebook on model files (none: nothing defined) and scenario files.
    package static func load(models: [Source], scenarios: [Source], seed: UInt64 = 0) throws(Diagnostic) -> Notebook {
        try Notebook.loading(models: models, scenarios: scenarios, seed: seed)
    }

    static func read(_ name: String, near sessionPath: String?, what: String) throws(Diagnostic) -> Source {
        var candidates = [name]
        if !name.hasPrefix("/"), let sessionPath, let slash = sessionPath.lastIndex(of: "/") {
            candidates.append(String(sessionPath[...slash]) + name)
        }
        for path in candidates where TextFile.exists(path) {
            return Source(name: name, text: try TextFile.read(path))
        }
        throw Diagnostic(.io, "cannot find the \(what) `\(name)` that \(sessionPath ?? "the session") names",
                         help: "replay from the folder the session was saved in, or name the model with --model PATH")
    }
}
