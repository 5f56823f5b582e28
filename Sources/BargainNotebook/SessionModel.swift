import BargainDiagnostics
import BargainFiles

/// Finds the model and scenario files a session header names, to replay or recover it.
///
/// The name `care-capacity.bargain` is the model built into bargain; any other name is a
/// `.bargain` file named by a relative path that stays where it is looked for: the current
/// folder (where the session was made, as `:save` records the name it was given), then the
/// session's folder. A session travels by email, so its header cannot make bargain read
/// `/etc/shadow` or `../notes.txt`: such a name is refused, and the user names the file on the
/// command line instead (`--model PATH`, `--scenario PATH`). Nothing a header names is written.
package enum SessionModel {
    /// `trusted`: the header is bargain's own (a crash journal this user's prompt wrote), so its
    /// paths are the ones the user gave, absolute ones included.
    package static func notebook(for header: SessionHeader, near sessionPath: String?, trusted: Bool = false) throws(Diagnostic) -> Notebook {
        let models: [Source]
        switch header.model {
        case .none: models = []
        case .file(let name, _):
            models = name == DefaultModel.name ? DefaultModel.sources : [try read(name, near: sessionPath, what: "model", trusted: trusted)]
        }
        var scenarios: [Source] = []
        for stamp in header.scenarios { scenarios.append(try read(stamp.name, near: sessionPath, what: "scenario file", trusted: trusted)) }
        return try load(models: models, scenarios: scenarios, seed: header.seed)
    }

    /// A notebook on model files (none: nothing defined) and scenario files.
    package static func load(models: [Source], scenarios: [Source], seed: UInt64 = 0) throws(Diagnostic) -> Notebook {
        try Notebook.loading(models: models, scenarios: scenarios, seed: seed)
    }

    static func read(_ name: String, near sessionPath: String?, what: String, trusted: Bool = false) throws(Diagnostic) -> Source {
        let flag = what == "model" ? "--model PATH" : "--scenario PATH"
        guard trusted || isBesideTheSession(name) else {
            throw Diagnostic(.io, "\(sessionPath ?? "the session") names the \(what) `\(name)`, which is not a `.bargain` file below this folder or the session's: not read",
                             help: "a session may name only .bargain files by a relative path without `..`; to use that file, name it yourself with \(flag)")
        }
        var candidates = [name]
        if let sessionPath, let slash = sessionPath.lastIndex(of: "/") { candidates.append(String(sessionPath[...slash]) + name) }
        for path in candidates where TextFile.exists(path) {
            return Source(name: name, text: try TextFile.read(path))
        }
        throw Diagnostic(.io, "cannot find the \(what) `\(name)` that \(sessionPath ?? "the session") names",
                         help: "replay from the folder the session was saved in, or name the file with \(flag)")
    }

    /// `offer.bargain` or `models/offer.bargain`: relative, no `..`, a `.bargain` file.
    static func isBesideTheSession(_ name: String) -> Bool {
        guard name.hasSuffix(".bargain"), !name.hasPrefix("/"), !name.hasPrefix("~") else { return false }
        return !name.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0.isEmpty }
    }
}
