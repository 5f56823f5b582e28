import BargainDiagnostics

/// Where a session's definitions came from, as its file's header records them: the model, the
/// scenario files loaded after it, and the random seed.
package struct SessionOrigin: Sendable, Equatable {
    /// nil when the session started with nothing defined (`--no-model`).
    package var model: FileStamp?
    package var scenarios: [FileStamp]
    package var seed: UInt64

    init(model: FileStamp? = nil, scenarios: [FileStamp] = [], seed: UInt64 = 0) {
        self.model = model
        self.scenarios = scenarios
        self.seed = seed
    }
}

/// A file by the name it was loaded under and the SHA-256 of its bytes, so a replay can tell
/// whether it still runs against the same text. `sha256sum FILE` prints the same digest.
package struct FileStamp: Sendable, Equatable {
    package let name: String
    /// 64 lowercase hex digits.
    let sha256: String

    init(name: String, sha256: String) {
        self.name = name
        self.sha256 = sha256
    }

    init(_ source: Source) {
        self.init(name: source.name, sha256: SHA256.hex(source.bytes))
    }

    /// `care-capacity.bargain sha256:…`, as the header writes it.
    var headerText: String { "\(name) sha256:\(sha256)" }

    /// The first digits of the hash, enough to tell two versions apart in a message.
    var shortHash: String { String(sha256.prefix(12)) }
}
