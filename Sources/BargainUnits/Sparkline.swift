/// A series' shape in a few block characters, low to high: `▁▂▃▅▇`. Each character is the mean
/// of an equal share of the weeks, so a three-year series and a four-year one read alike.
enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func draw(_ xs: [Double], width: Int = 24) -> String {
        guard !xs.isEmpty else { return "" }
        let buckets = Swift.min(width, xs.count)
        var means: [Double] = []
        for b in 0..<buckets {
            let slice = xs[(b * xs.count / buckets)..<((b + 1) * xs.count / buckets)]
            means.append(slice.reduce(0, +) / Double(slice.count))
        }
        let finite = means.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return String(repeating: "?", count: buckets) }
        return String(means.map { mean -> Character in
            guard mean.isFinite else { return "?" }
            guard high > low else { return blocks[3] }
            let level = Int(((mean - low) / (high - low) * Double(blocks.count - 1)).rounded())
            return blocks[Swift.max(0, Swift.min(blocks.count - 1, level))]
        })
    }
}
