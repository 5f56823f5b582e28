/// One digest for everything a session's definitions came from (the model and the scenario
/// files' contents, in order), so a batch split across machines can tell that every part ran the same
/// model: `bargain batch --describe` prints it and `bargain-dask` keeps it in its manifest.
extension SessionOrigin {
    package var modelHash: String {
        // The files' contents, not their names: the same model under another path is the same.
        var text = "model " + (model?.sha256 ?? "none") + "\n"
        for scenario in scenarios { text += "scenarios " + scenario.sha256 + "\n" }
        return SHA256.hex(Array(text.utf8))
    }
}
