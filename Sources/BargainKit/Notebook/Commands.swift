/// The `:commands` of the prompt that are not statements of the language.
public enum ReplCommand: Equatable, Sendable {
    case help(String?)
    case names(String?)
    case scenarios
    case quit

    /// Reads `:name args`; nil when the text is not a command. Unknown commands are an error.
    public static func parse(_ text: String) throws(Diagnostic) -> ReplCommand? {
        let trimmed = text.trimmingCharacters(in: " \t\n")
        guard trimmed.hasPrefix(":") else { return nil }
        let words = trimmed.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let argument = words.count > 1 ? words[1].trimmingCharacters(in: " \t") : nil
        switch words.first ?? "" {
        case "help", "h", "?": return .help(argument)
        case "names", "n": return .names(argument)
        case "scenarios": return .scenarios
        case "quit", "q", "exit": return .quit
        default:
            let name = words.first ?? ""
            let source = Source(name: "<command>", text: trimmed)
            throw Diagnostic(.badStatement, "unknown command `:\(name)`", at: Span(source, 0, 1 + name.utf8.count),
                             help: Suggestions.hint(for: name, in: names) ?? "commands: " + names.map { ":" + $0 }.joined(separator: " "))
        }
    }

    /// Every command, for completion and help.
    public static let names = ["help", "names", "scenarios", "quit"]
}

extension Notebook {
    /// The text a command shows; nil for `:quit`, which the caller handles.
    public func respond(to command: ReplCommand) -> Result<String, Diagnostic>? {
        switch command {
        case .quit: return nil
        case .help(let topic):
            guard let text = Help.text(topic: topic) else {
                let source = Source(name: "<command>", text: ":help \(topic ?? "")")
                return .failure(Diagnostic(.badStatement, "no help on `\(topic ?? "")`", at: Span(source, 6, source.bytes.count),
                                           help: "topics: " + Help.topics.map(\.name).joined(separator: ", ")))
            }
            return .success(text)
        case .names(let filter):
            return .success(NamesListing.render(workspace.currentScenario, matching: filter))
        case .scenarios:
            return .success(NamesListing.scenarios(workspace))
        }
    }
}
