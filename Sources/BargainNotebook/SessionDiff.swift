
/// The difference between a session file and its replay, as a unified diff with one hunk (or
/// more, for a long output) per entry that changed. Line numbers are the file's, so the diff
/// reads like `diff -u` of the file against the file `--update` would write, and `patch`
/// applies it.
package enum SessionDiff {
    /// Lines of context around a change, as `diff -u` gives.
    static let context = 3

    package static func render(path: String, _ replay: ReplayResult) -> String {
        let changed = replay.drifted
        guard !changed.isEmpty else { return "" }
        var out = ["--- \(path)\t(recorded)", "+++ \(path)\t(replayed now)"]
        var shift = 0
        for entry in changed {
            let old = entry.recorded.lines.isEmpty
                ? SessionWriter.entryLines(number: entry.recorded.number, input: entry.recorded.input, output: entry.recorded.output)
                : entry.recorded.lines
            let new = entry.lines
            let heading = "[\(entry.number)]> " + History.firstLine(entry.recorded.input)
            out += hunks(old, new, oldStart: entry.recorded.line, newStart: entry.recorded.line + shift, heading: heading)
            shift += new.count - old.count
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// One edit of a line diff.
    enum Edit: Equatable {
        case keep(String)
        case remove(String)
        case add(String)
    }

    /// The hunks between two blocks that start at the given (1-based) lines of the old and new file.
    static func hunks(_ old: [String], _ new: [String], oldStart: Int, newStart: Int, heading: String) -> [String] {
        let edits = diff(old, new)
        // Indices of edits that change something, grouped when their context would touch.
        let changes = edits.indices.filter { if case .keep = edits[$0] { false } else { true } }
        guard let firstChange = changes.first else { return [] }
        var groups: [ClosedRange<Int>] = []
        var low = firstChange, high = firstChange
        for index in changes.dropFirst() {
            if index - high > 2 * context { groups.append(low...high); low = index }
            high = index
        }
        groups.append(low...high)

        var lines: [String] = []
        for group in groups {
            let from = max(0, group.lowerBound - context)
            let to = min(edits.count - 1, group.upperBound + context)
            // Where the hunk starts in each file: count the lines of each side before it.
            var oldLine = oldStart, newLine = newStart
            for edit in edits[..<from] {
                switch edit {
                case .keep: oldLine += 1; newLine += 1
                case .remove: oldLine += 1
                case .add: newLine += 1
                }
            }
            var body: [String] = []
            var oldCount = 0, newCount = 0
            for edit in edits[from...to] {
                switch edit {
                case .keep(let line): body.append(" " + line); oldCount += 1; newCount += 1
                case .remove(let line): body.append("-" + line); oldCount += 1
                case .add(let line): body.append("+" + line); newCount += 1
                }
            }
            lines.append("@@ -\(range(oldLine, oldCount)) +\(range(newLine, newCount)) @@ \(heading)")
            lines += body
        }
        return lines
    }

    /// `start,count` as a hunk header writes it; an empty side names the line before it.
    static func range(_ start: Int, _ count: Int) -> String {
        count == 0 ? "\(start - 1),0" : "\(start),\(count)"
    }

    /// A shortest edit script by longest common subsequence. Blocks are one entry's lines, so
    /// the table is small; past a million cells it gives up and replaces the block whole.
    static func diff(_ old: [String], _ new: [String]) -> [Edit] {
        let n = old.count, m = new.count
        guard n * m <= 1_000_000 else { return old.map(Edit.remove) + new.map(Edit.add) }
        // common[i][j]: the length of the longest common subsequence of old[i...] and new[j...].
        var common = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                common[i][j] = old[i] == new[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, old[i] == new[j] {
                edits.append(.keep(old[i])); i += 1; j += 1
            } else if j < m, i == n || common[i][j + 1] > common[i + 1][j] {
                edits.append(.add(new[j])); j += 1
            } else {
                edits.append(.remove(old[i])); i += 1
            }
        }
        // Removals before additions within a run of changes, as diff -u shows them.
        var ordered: [Edit] = []
        var pendingAdds: [Edit] = []
        for edit in edits {
            switch edit {
            case .add: pendingAdds.append(edit)
            case .remove: ordered.append(edit)
            case .keep:
                ordered += pendingAdds
                pendingAdds = []
                ordered.append(edit)
            }
        }
        return ordered + pendingAdds
    }
}
