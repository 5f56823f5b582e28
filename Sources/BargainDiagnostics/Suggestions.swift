/// Did-you-mean: the known words closest to a misspelt one.
package enum Suggestions {
    /// Up to `limit` candidates within a small edit distance of `word`, closest first.
    static func closest(to word: String, in candidates: some Sequence<String>, limit: Int = 1) -> [String] {
        let target = Array(word.lowercased())
        let allowed = target.count <= 2 ? 0 : target.count <= 4 ? 1 : target.count <= 8 ? 2 : 3
        var scored: [(String, Int)] = []
        for candidate in candidates where candidate != word {
            let lowered = Array(candidate.lowercased())
            // A word that starts a longer name is probably that name, cut short.
            if target.count >= 3, lowered.starts(with: target) {
                scored.append((candidate, 1))
                continue
            }
            if abs(lowered.count - target.count) > allowed { continue }
            let distance = editDistance(target, lowered)
            if distance <= allowed { scored.append((candidate, distance)) }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return scored.prefix(limit).map(\.0)
    }

    /// `did you mean `x`?`, or nil when nothing is close.
    package static func hint(for word: String, in candidates: some Sequence<String>) -> String? {
        let found = closest(to: word, in: candidates, limit: 2)
        guard !found.isEmpty else { return nil }
        return "did you mean " + found.map { "`\($0)`" }.joined(separator: " or ") + "?"
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps cost 1.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, previous2[j - 2] + 1)
                }
                current[j] = best
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
