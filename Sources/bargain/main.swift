import BargainKit

var notebook = Notebook()
let renderer = DiagnosticRenderer()
var pending = ""
while let line = readLine() {
    pending += pending.isEmpty ? line : "\n" + line
    if needsContinuation(pending) { continue }
    let cell = notebook.submit(pending)
    pending = ""
    for entry in cell.entries {
        switch entry.result {
        case .success(let outcome): print(OutcomeText.render(outcome))
        case .failure(let d): print(renderer.render(d), terminator: "")
        }
    }
}
