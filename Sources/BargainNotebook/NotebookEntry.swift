import BargainDiagnostics
import BargainRendering

/// Where an entry runs: at the prompt, where `:save` and `:open` use the disk, or in a replay,
/// which runs only the language and never touches a file named in what it replays.
package enum EntryContext: Sendable {
    case live(SessionFolder)
    /// A session file is data: its header says which scenario files it was made with (they are
    /// loaded from the header, beside the session), and nothing in its cells reads a file.
    case replay(SessionHeader)
}

/// What one entry did, for the caller to show.
package enum EntryResult: Sendable {
    /// A blank line.
    case nothing
    case note(String)
    case cell(Cell)
    /// A `:command` and the text it shows, or why it failed.
    case command(Result<String, Diagnostic>)
    case quit
}

extension Notebook {
    /// Runs one entry as typed at the prompt: a `# note`, a `:command`, or statements (a cell).
    /// The REPL, piped input, replays and recovery all come through here, so they agree.
    package mutating func enter(_ text: String, context: EntryContext) -> EntryResult {
        let trimmed = text.trimmingCharacters(in: " \t\n")
        if trimmed.isEmpty { return .nothing }
        if trimmed.hasPrefix("#"), !trimmed.contains("\n") {
            let note = Notebook.normalize(String(trimmed.dropFirst()).trimmingCharacters(in: " \t"))
            addNote(note)
            return .note(note)
        }
        let command: ReplCommand?
        do {
            command = try ReplCommand.parse(trimmed)
        } catch {
            return .command(.failure(error))
        }
        if let command { return perform(command, context: context) }
        return .cell(submit(text))
    }

    /// Runs a `:command`: the one switch over them.
    mutating func perform(_ command: ReplCommand, context: EntryContext) -> EntryResult {
        switch command {
        case .quit:
            return .quit
        case .help(let topic):
            return .command(Help.answer(topic))
        case .names(let filter):
            return .command(.success(NamesListing.render(workspace.currentScenario, matching: filter)))
        case .inputs(let filter):
            return .command(.success(TableText.render(NamesListing.inputs(workspace.currentScenario, matching: filter))))
        case .outputs(let filter):
            return .command(.success(TableText.render(NamesListing.outputs(workspace.currentScenario, matching: filter))))
        case .scenarios:
            return .command(.success(NamesListing.scenarios(workspace, loaded: start, modelFile: origin.model?.name)))
        case .undo:
            guard let cell = undo() else {
                let source = Source(name: "<command>", text: ":undo")
                let limit = cells.isEmpty ? "there is no cell to undo"
                    : "only the last \(Notebook.undoDepth) cells can be undone, one by one"
                return .command(.failure(Diagnostic(.usage, "nothing to undo", at: Span(source, 0, 5), help: limit)))
            }
            return .command(.success("undid [\(cell.number)] " + History.firstLine(cell.input)))
        case .history:
            return .command(.success(History.render(items)))
        case .precision(let digits):
            // A cell, not a setting of the prompt: what a session shows depends on it.
            return .cell(submit("precision " + digits))
        case .save(let name, let replace):
            guard case .live(let files) = context else { return .command(.success("not saved: a replay writes no files")) }
            return .command(save(name, replace: replace, files: files))
        case .open(let name, let discard):
            guard case .live(let files) = context else { return .command(.success("not opened: a replay reads no other sessions")) }
            return .command(open(name, discard: discard, files: files))
        case .export(let path):
            guard case .live(let files) = context else { return .command(.success("not exported: a replay writes no files")) }
            return .command(export(to: path, files: files))
        case .chart(let path):
            guard case .live = context else { return .command(.success("not written: a replay writes no files")) }
            return .command(writeLastChart(to: path))
        case .load(let path):
            if case .replay(let header) = context {
                // A `:load` in a session someone sent would read whatever it names: refused
                // unless the header lists the file, which is then loaded already.
                if header.scenarios.contains(where: { $0.name == path }) {
                    return .command(.success("\(path) is loaded from the session's header"))
                }
                let source = Source(name: "<session>", text: ":load " + path)
                let listed = header.scenarios.map(\.name)
                return .command(.failure(Diagnostic(
                    .io, "a session replays its language only: this `:load` names a file its header does not list",
                    at: Span(source, 6, source.bytes.count), label: "not read",
                    help: (listed.isEmpty ? "the header lists no scenario files" : "the header lists " + listed.joined(separator: ", "))
                        + "; to run the session with \(path), name it yourself: `bargain replay SESSION --scenario \(path)`")))
            }
            return .command(Result { () throws(Diagnostic) in
                let text = try loadScenarios(from: path).map(OutcomeText.render).joined(separator: "\n")
                edits.append(.loaded(path))  // journaled: a recovered session loads it again
                return text
            })
        }
    }
}

/// `:history`: the session so far, one line a cell.
enum History {
    static func render(_ items: [SessionItem]) -> String {
        guard !items.isEmpty else { return "no cells yet" }
        return items.map { item in
            switch item {
            case .note(let text): return "     # " + text
            case .cell(let cell):
                let number = "[\(cell.number)]"
                let padded = number.count >= 5 ? number + " " : number + String(repeating: " ", count: 5 - number.count)
                let failure = cell.results.compactMap(\.diagnostic).first.map { "   (error \($0.code.rawValue))" } ?? ""
                return padded + firstLine(cell.input) + failure
            }
        }.joined(separator: "\n")
    }

    /// The first line of an input, with `…` when more follow.
    static func firstLine(_ input: String) -> String {
        guard let newline = input.firstIndex(of: "\n") else { return input }
        return input[..<newline] + " …"
    }
}
