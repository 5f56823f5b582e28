import BargainSyntax

/// The name shown before an expression's value at the prompt: `fte = …` for `fte` or `fte in FTE`,
/// `cut.fte = …` for another scenario's; none for a computation (`fte * 2` shows just the value).
package enum ValueLabel {
    package static func of(_ expr: Expr) -> String? {
        switch expr.kind {
        case .identifier(let name): return name
        case .scoped(let scenario, _, let name, _): return "\(scenario).\(name)"
        case .convert(let inner, _): return of(inner)
        default: return nil
        }
    }
}
