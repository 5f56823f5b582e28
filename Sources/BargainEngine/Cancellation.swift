import BargainDiagnostics

/// Lets a long computation stop when the user presses Ctrl-C, and say how far it has got. The
/// executable supplies the check (and, on a terminal, where progress goes); the library only
/// asks between blocks of work.
package struct Cancellation: Sendable {
    let check: @Sendable () -> Bool
    let report: (@Sendable (String) -> Void)?

    package init(_ check: @escaping @Sendable () -> Bool, progress report: (@Sendable (String) -> Void)? = nil) {
        self.check = check
        self.report = report
    }

    /// A line of progress (built only when someone is listening); "" when the work is done.
    package func progress(_ text: @autoclosure () -> String) {
        report?(text())
    }

    package static let never = Cancellation { false }

    package var isCancelled: Bool { check() }

    package func checkpoint() throws(Diagnostic) {
        if check() { throw Diagnostic(.cancelled, "stopped (Ctrl-C)") }
    }
}
