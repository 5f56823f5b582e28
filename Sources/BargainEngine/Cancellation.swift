import BargainDiagnostics
import BargainUnits
import BargainSyntax
import BargainSemantics

/// Lets a long computation stop when the user presses Ctrl-C. The executable supplies the check;
/// the library only asks it between blocks of work.
package struct Cancellation: Sendable {
    let check: @Sendable () -> Bool

    package init(_ check: @escaping @Sendable () -> Bool) {
        self.check = check
    }

    package static let never = Cancellation { false }

    package var isCancelled: Bool { check() }

    package func checkpoint() throws(Diagnostic) {
        if check() { throw Diagnostic(.cancelled, "stopped (Ctrl-C)") }
    }
}
