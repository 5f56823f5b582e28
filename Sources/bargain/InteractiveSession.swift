import BargainKit

/// The prompt, for a person at a terminal. (Plain line reading until the readline layer lands.)
struct InteractiveSession {
    var notebook: Notebook
    let console: Console

    mutating func run() {
        var reader = EntryReader()
        while true {
            print(reader.isContinuing ? "...> " : "[\(notebook.nextNumber)]> ", terminator: "")
            guard let line = readLine() else { break }
            guard let entry = reader.add(line) else { continue }
            if case .quit = EntryDispatch.run(entry, in: &notebook, console: console) { break }
        }
    }
}
