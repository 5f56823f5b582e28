import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainSemantics

/// A named set of definitions: `baseline` is the model as loaded; every other scenario starts
/// from a base scenario and overrides some of its definitions.
package struct Scenario: Sendable {
    package let name: String
    /// The scenario this one starts from; nil for `baseline`.
    package let base: String?
    package internal(set) var program: Program
    package internal(set) var runtime: Runtime
    /// The statements this scenario sets on top of its base, by name.
    package internal(set) var overrides: [String: Statement] = [:]
    /// Overridden names in the order they were set.
    package internal(set) var overrideOrder: [String] = []
    /// The comment on the `scenario` line, such as "illustrative employer proposal".
    package internal(set) var note: String?

    init(name: String, base: String?, program: Program, runtime: Runtime) {
        self.name = name
        self.base = base
        self.program = program
        self.runtime = runtime
    }

    /// The value of a definition, or why it has none.
    package func result(_ name: String) -> Result<Value, Diagnostic>? {
        runtime.result(name, in: program)
    }

    /// Records a statement as one of this scenario's own overrides.
    mutating func recordOverride(_ name: String, _ statement: Statement) {
        if overrides[name] == nil { overrideOrder.append(name) }
        overrides[name] = statement
        if program[name]?.isInput ?? false { runtime.overridden.insert(name) }
    }
}
