import BargainDiagnostics

/// The care-capacity model and the two illustrative 2025 proposals, which `bargain` loads unless
/// told otherwise (`--model`, `--no-model`). Built into the binary, so it works from any folder.
package enum DefaultModel {
    /// Shown in diagnostics and recorded in saved sessions.
    package static let name = "care-capacity.bargain"

    package static let model = Source(name: name, text: String(decoding: PackageResources.care_capacity_bargain, as: UTF8.self))

    static let proposals = Source(name: "proposals-2025.bargain",
                                         text: String(decoding: PackageResources.proposals_2025_bargain, as: UTF8.self))

    /// Everything loaded at start, in order.
    package static let sources: [Source] = [model, proposals]

    /// How a session records the built-in model: its name, and one hash over both files, so a
    /// change to either shows as a different model.
    static let stamp = FileStamp(name: name, sha256: SHA256.hex(sources.flatMap(\.bytes)))

    /// Whether these sources are the built-in model (the very same sources, not copies of them).
    static func isDefault(_ sources: [Source]) -> Bool {
        sources.count == self.sources.count && zip(sources, self.sources).allSatisfy { $0 === $1 }
    }
}
