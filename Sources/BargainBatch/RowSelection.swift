import BargainDiagnostics

/// Which rows of a batch one run writes, so that a batch can be split across machines
/// (`--shard K/N`, `--rows A..B`). A batch's rows are its scenarios in output order: each input
/// row (a grid line, a point of the --vary product) times its draws (--samples), draw fastest,
/// numbered from 0. A part writes exactly the lines a single run writes for its rows, so the
/// parts, concatenated with the header once, are the single run's bytes.
package enum RowSelection: Sendable, Equatable {
    case all
    /// Part `index` (1-based) of `count` contiguous, nearly equal parts.
    case shard(index: Int, count: Int)
    /// Rows `lowerBound ..< upperBound`, 0-based and half-open, like a Python slice.
    case rows(Range<Int>)

    /// The rows chosen out of `total`; a range past the end is a usage error.
    func resolve(total: Int) throws(Diagnostic) -> Range<Int> {
        switch self {
        case .all:
            return 0..<total
        case .shard(let index, let count):
            // floor(i × total / count) without overflow for any row count a batch can have.
            func boundary(_ i: Int) -> Int {
                let (high, low) = i.multipliedFullWidth(by: total)
                return count.dividingFullWidth((high, low)).quotient
            }
            return boundary(index - 1)..<boundary(index)
        case .rows(let range):
            guard range.upperBound <= total else {
                throw Diagnostic(.usage, "--rows \(range.lowerBound)..\(range.upperBound) goes past the end: the batch has \(total) \(total == 1 ? "row" : "rows") (0..\(total))",
                                 help: "rows are numbered from 0 and the end is excluded; `--describe` prints how many there are")
            }
            return range
        }
    }

    /// Reads `K/N` (1 ≤ K ≤ N).
    package static func parseShard(_ text: String) throws(Diagnostic) -> RowSelection {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw Diagnostic(.usage, "`\(text)` is not K/N with two whole numbers", help: "write --shard 3/8 for the third of eight parts")
        }
        guard count >= 1 else { throw Diagnostic(.usage, "a batch cannot be split into \(count) parts", help: "N, the number of parts, is at least 1") }
        guard (1...count).contains(index) else {
            throw Diagnostic(.usage, "there is no part \(index) of \(count)", help: "parts are numbered from 1 to N: 1/\(count) … \(count)/\(count)")
        }
        return .shard(index: index, count: count)
    }

    /// Reads `A..B` (0 ≤ A ≤ B, B excluded).
    package static func parseRows(_ text: String) throws(Diagnostic) -> RowSelection {
        let help = "write --rows A..B: rows A up to but not including B, numbered from 0 (--rows 0..1000 is the first thousand)"
        guard let dots = text.firstRange(of: ".."), let from = Int(text[..<dots.lowerBound]), let to = Int(text[dots.upperBound...]) else {
            throw Diagnostic(.usage, "`\(text)` is not A..B with two whole numbers", help: help)
        }
        guard from >= 0 else { throw Diagnostic(.usage, "rows are numbered from 0, not \(from)", help: help) }
        guard from <= to else { throw Diagnostic(.usage, "the range \(text) ends before it starts", help: help) }
        return .rows(from..<to)
    }
}
