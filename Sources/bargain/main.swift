import BargainKit

var notebook = Notebook()
let renderer = DiagnosticRenderer()
while let line = readLine() {
    let cell = notebook.submit(line)
    for entry in cell.entries {
        switch entry.result {
        case .success(let outcome): print(OutcomeText.render(outcome))
        case .failure(let d): print(renderer.render(d), terminator: "")
        }
    }
}
