/// The care-capacity model and the two illustrative 2025 proposals, which `bargain` loads unless
/// told otherwise (`--model`, `--no-model`). Built into the binary, so it works from any folder.
public enum DefaultModel {
    /// Shown in diagnostics and recorded in saved sessions.
    public static let name = "care-capacity.bargain"

    public static var model: Source {
        Source(name: name, text: String(decoding: PackageResources.care_capacity_bargain, as: UTF8.self))
    }

    public static var proposals: Source {
        Source(name: "proposals-2025.bargain", text: String(decoding: PackageResources.proposals_2025_bargain, as: UTF8.self))
    }

    /// Everything loaded at start, in order.
    public static var sources: [Source] { [model, proposals] }
}
