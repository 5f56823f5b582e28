import BargainDiagnostics

/// The `:commands` of the prompt that are not statements of the language.
package enum ReplCommand: Equatable, Sendable {
    case help(String?)
    case names(String?)
    case inputs(String?)
    case outputs(String?)
    case scenarios
    case load(String)
    case quit
    case undo
    case history
    /// `:save [NAME]`; `:save! NAME` replaces a file that is not this session's.
    case save(String?, replace: Bool)
    /// `:open FILE`; `:open! FILE` drops unsaved cells.
    case open(String, discard: Bool)
    /// `:export FILE.html` or `FILE.md`: the session so far as a document.
    case export(String)
    /// `:chart FILE.svg`: the last chart drawn, as an SVG file.
    case chart(String)
    /// `:precision N`: the statement `precision N`, entered as a cell so that sessions keep it.
    case precision(String)

    /// Reads `:name args`; nil when the text is not a command. Unknown commands are an error.
    package static func parse(_ text: String) throws(Diagnostic) -> ReplCommand? {
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
        case "precision":
            guard let argument, !argument.isEmpty else {
                throw Diagnostic(.usage, "`:precision` needs a number of significant digits", at: Span(source, 0, source.bytes.count),
                                 help: "`:precision 6` shows six significant digits from here on; `:precision 4` is the default")
            }
            return .precision(argument)
        case "quit", "q", "exit": return .quit
        case "undo": return .undo
        case "history": return .history
        case "save", "save!": return .save(argument, replace: words.first == "save!")
        case "open", "open!":
            guard let argument, !argument.isEmpty else {
                let source = Source(name: "<command>", text: trimmed)
                throw Diagnostic(.usage, "`:open` needs a session file", at: Span(source, 0, source.bytes.count),
                                 help: "`:open NAME` opens Sessions/NAME.session; `:open PATH` any file")
            }
            return .open(argument, discard: words.first == "open!")
        case "export", "chart":
            guard let argument, !argument.isEmpty else {
                throw Diagnostic(.usage, "`:\(name)` needs a file", at: Span(source, 0, source.bytes.count),
                                 help: name == "export" ? "`:export report.html` (charts inline) or `:export report.md` (charts as SVG files beside it)"
                                    : "`:chart backlog.svg` writes the last chart drawn as SVG")
            }
            return name == "export" ? .export(argument) : .chart(argument)
        default:
            throw Diagnostic(.badStatement, "unknown command `:\(name)`", at: Span(source, 0, 1 + name.utf8.count),
                             help: Suggestions.hint(for: name, in: names) ?? "commands: " + names.map { ":" + $0 }.joined(separator: " "))
        }
    }

    /// Every command, for completion and help.
    package static let names = ["help", "names", "inputs", "outputs", "scenarios", "load", "history", "undo", "save", "open", "export", "chart", "precision", "quit"]
}

extension Help {
    /// `:help [TOPIC]`, or the topics there are when there is no such topic.
    static func answer(_ topic: String?) -> Result<String, Diagnostic> {
        guard let text = Help.text(topic: topic) else {
            let source = Source(name: "<command>", text: ":help \(topic ?? "")")
            return .failure(Diagnostic(.badStatement, "no help on `\(topic ?? "")`", at: Span(source, 6, source.bytes.count),
                                       help: "topics: " + Help.topics.map(\.name).joined(separator: ", ")))
        }
        return .success(text)
    }
}
