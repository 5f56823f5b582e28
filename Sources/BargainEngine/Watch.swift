import BargainSyntax

/// `watch a, b`: outputs re-shown, with their change, after every edit
/// (`return_wait 14.72 → 16.05 bd (+1.33)`); `unwatch` stops.
package struct Watch: Sendable {
    package let label: String
    package let expr: Expr

    package init(label: String, expr: Expr) {
        self.label = label
        self.expr = expr
    }
}
