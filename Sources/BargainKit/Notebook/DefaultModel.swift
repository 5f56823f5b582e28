/// The care-capacity model that `bargain` loads unless told otherwise (`--model`, `--no-model`).
public enum DefaultModel {
    /// Shown in diagnostics and recorded in saved sessions.
    public static let name = "care-capacity.bargain"

    public static var text: String {
        String(decoding: PackageResources.care_capacity_bargain, as: UTF8.self)
    }

    public static var source: Source { Source(name: name, text: text) }
}
