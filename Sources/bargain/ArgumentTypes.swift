import ArgumentParser
import BargainDiagnostics
import BargainBatch

// Option values as argument-parser types, so a bad value is refused while the arguments are
// parsed, with argument-parser's message, the option's name and (for enums) the valid choices.

/// `batch --format csv|jsonl`.
extension BatchJob.Format: ExpressibleByArgument {}

/// `batch --vary NAME=FROM..TO:COUNT`. Read by `VaryAxis.parse`, whose reason (which part could
/// not be read, and how to write it) goes into argument-parser's message through `transform`.
struct VaryArgument: ExpressibleByArgument {
    let axis: VaryAxis

    init?(argument: String) {
        guard let axis = try? VaryAxis.parse(argument) else { return nil }
        self.axis = axis
    }

    /// Like `init(argument:)`, but says why: `@Option(transform:)` puts the thrown text after
    /// "The value '…' is invalid for '--vary <…>':".
    static func parse(_ text: String) throws -> VaryArgument {
        do {
            return VaryArgument(axis: try VaryAxis.parse(text))
        } catch {
            throw Reason(text: error.message + (error.help.map { "; " + $0 } ?? ""))
        }
    }

    private init(axis: VaryAxis) { self.axis = axis }

    struct Reason: Error, CustomStringConvertible {
        let text: String
        var description: String { text }
    }
}

/// `batch --shard K/N` and `batch --rows A..B`, read by `RowSelection`, whose reason goes into
/// argument-parser's message (exit 64, before anything is written).
struct SelectionArgument {
    let selection: RowSelection

    static func shard(_ text: String) throws -> SelectionArgument {
        try read { () throws(Diagnostic) in try RowSelection.parseShard(text) }
    }

    static func rows(_ text: String) throws -> SelectionArgument {
        try read { () throws(Diagnostic) in try RowSelection.parseRows(text) }
    }

    private static func read(_ parse: () throws(Diagnostic) -> RowSelection) throws -> SelectionArgument {
        do {
            return SelectionArgument(selection: try parse())
        } catch {
            throw VaryArgument.Reason(text: error.message + (error.help.map { "; " + $0 } ?? ""))
        }
    }
}
