import ArgumentParser
import BargainNotebook

/// `bargain`: the prompt by default; `run`, and the other subcommands, for scripts.
@main
struct Bargain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bargain",
        abstract: "A notebook-style calculator with units for the bargaining table.",
        discussion: "With no subcommand, starts the prompt on the care-capacity model, or runs statements piped in on standard input (its options, such as --model, --scenario, --seed and --recover, are listed by `bargain help repl`). Type :help at the prompt.",
        version: BargainVersion.string,
        subcommands: [Repl.self, Run.self, ReplaySession.self, ExportSession.self, BatchCommand.self, Bench.self],
        defaultSubcommand: Repl.self
    )
}
