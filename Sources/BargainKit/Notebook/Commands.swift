/// The `:commands` of the prompt that are not statements of the language.
public enum ReplCommand: Equatable, Sendable {
    case help(String?)
    case names(String?)
    case inputs(String?)
    case outputs(String?)
    case scenarios
    case load(String)
    case quit

    /// Reads `:name args`; nil when the text is not a command. Unknown commands are an error.
    public static func parse(_ text: String) throws(Diagnostic) -> ReplCommand? {
        let trimmed = text.trimmingCharacters(in: " \t\n")
        guard trimmed.hasPrefix(":") else { return nil }
        let words = trimmed.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let argument = words.count > 1 ? words[1].trimmingCharacters(in: " \t") : nil
        let source = Source(name: "<command>", text: trimmed)
        let name = words.first ?? ""
        switch name {
        case "help", "h", "?": return .help(argument)
        case "names", "n": return .names(argument)
        case "inputs": return .inputs(argument)
        case "outputs": return .outputs(argument)
        case "scenarios": return .scenarios
        case "load":
            guard let argument, !argument.isEmpty else {
                throw Diagnostic(.usage, "`:load` needs a file", at: Span(source, 0, source.bytes.count),
                                 help: "`:load offer.bargain`: scenario blocks, or definitions that become a scenario named after the file")
            }
            return .load(argument)
        case "quit", "q", "exit": return .quit
        default:
            throw Diagnostic(.badStatement, "unknown command `:\(name)`", at: Span(source, 0, 1 + name.utf8.count),
                             help: Suggestions.hint(for: name, in: names) ?? "commands: " + names.map { ":" + $0 }.joined(separator: " "))
        }
    }

    /// Every command, for completion and help.
    public static let names = ["help", "names", "inputs", "outputs", "scenarios", "load", "quit"]
}

/// What a command did.
public enum CommandResult: Sendable {
    case text(String)
    case failure(Diagnostic)
    case quit
}

extension Notebook {
    /// Carries out a command.
    public mutating func perform(_ command: ReplCommand) -> CommandResult {
        switch command {
        case .quit: return .quit
        case .help(let topic):
            guard let text = Help.text(topic: topic) else {
                let source = Source(name: "<command>", text: ":help \(topic ?? "")")
                return .failure(Diagnostic(.badStatement, "no help on `\(topic ?? "")`", at: Span(source, 6, source.bytes.count),
                                           help: "topics: " + Help.topics.map(\.name).joined(separator: ", ")))
            }
            return .text(text)
        case .names(let filter):
            return .text(NamesListing.render(workspace.currentScenario, matching: filter))
        case .inputs(let filter):
            return .text(TableText.render(NamesListing.inputs(workspace.currentScenario, matching: filter)))
        case .outputs(let filter):
            return .text(TableText.render(NamesListing.outputs(workspace.currentScenario, matching: filter)))
        case .scenarios:
            return .text(NamesListing.scenarios(workspace))
        case .load(let path):
            do {
                let outcomes = try loadScenarios(from: path)
                return .text(outcomes.map(OutcomeText.render).joined(separator: "\n"))
            } catch {
                return .failure(error)
            }
        }
    }
}
