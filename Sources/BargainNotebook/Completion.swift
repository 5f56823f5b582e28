import BargainUnits
import BargainSyntax
import BargainSemantics

/// What Tab offers: names, functions, units, keywords and scenarios; a scenario's names after
/// `scenario.`; the :commands at the start of a line.
package enum Completion {
    package static func candidates(_ word: String, before: String, in notebook: Notebook) -> [String] {
        let workspace = notebook.workspace
        if word.hasPrefix(":") { return ReplCommand.names.map { ":" + $0 } }
        if before.hasSuffix("."), let scenario = workspace[scenario: lastIdentifier(before.dropLast())] {
            return scenario.program.valueNames
        }
        let program = workspace.currentScenario.program
        return program.valueNames + program.functionNames + Builtin.allCases.map(\.rawValue)
            + Units.names + Keyword.allCases.map(\.rawValue) + workspace.scenarioOrder
    }

    static func lastIdentifier(_ text: Substring) -> String {
        String(text.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed())
    }
}
