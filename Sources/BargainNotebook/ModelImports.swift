import BargainDiagnostics
import BargainFiles
import BargainSyntax

/// A model file and the files it imports (`import "rates.bargain"`), each path relative to the
/// file that names it, each file read once, a cycle refused. The model the user named decides
/// what is read; scenario files and sessions cannot import (the statement runner refuses it).
enum ModelImports {
    /// Every file's statements, imported files first, without the `import` lines, and every
    /// source read (for the model's hash).
    static func expand(_ models: [Source]) throws(Diagnostic) -> (statements: [Statement], sources: [Source]) {
        var expander = Expander()
        for model in models { try expander.visit(model, chain: []) }
        try expander.refuseNamesDefinedTwice()
        return (expander.statements, expander.sources)
    }

    struct Expander {
        var statements: [Statement] = []
        var sources: [Source] = []
        var read: Set<String> = []
        /// Where each name was first defined, to refuse a second file defining it.
        var definedAt: [String: Span] = [:]

        mutating func visit(_ source: Source, chain: [String]) throws(Diagnostic) {
            read.insert(Expander.normalized(source.name))
            sources.append(source)
            var own: [Statement] = []
            for parsed in Parser.parseRecovering(source) {
                let statement = try parsed.get()
                guard case .importFile(let path, let pathSpan) = statement.kind else {
                    own.append(statement)
                    continue
                }
                let resolved = Expander.resolve(path, from: source.name)
                let key = Expander.normalized(resolved)
                if let at = (chain + [Expander.normalized(source.name)]).firstIndex(of: key) {
                    let cycle = (chain + [Expander.normalized(source.name)])[at...].map(Expander.display) + [Expander.display(key)]
                    throw Diagnostic(.cycle, "these files import each other: " + cycle.joined(separator: " -> "), at: pathSpan,
                                     help: "move what both need into a third file that both import")
                }
                guard !read.contains(key) else { continue }  // already in, through another import
                let text: String
                do {
                    text = try TextFile.read(resolved)
                } catch {
                    throw Diagnostic(error.code, "cannot import \(path): \(error.message)", at: pathSpan,
                                     help: "the path is relative to \(Expander.display(source.name))")
                }
                try visit(Source(name: resolved, text: text), chain: chain + [Expander.normalized(source.name)])
            }
            statements += own
        }

        /// A name two files define: one model, one meaning for each name.
        func refuseNamesDefinedTwice() throws(Diagnostic) {
            var first: [String: Span] = [:]
            for statement in statements {
                let id: Identifier
                switch statement.kind {
                case .define(let name, _), .function(let name, _, _), .unit(let name, _): id = name
                default: continue
                }
                if let earlier = first[id.name], earlier.source.name != id.span.source.name {
                    throw Diagnostic(.duplicateName, "`\(id.name)` is defined in \(Expander.display(earlier.source.name)) and again in \(Expander.display(id.span.source.name))",
                                     at: id.span, help: "each name has one definition in a model; rename one of them")
                        .labelling(earlier, "first defined here")
                }
                if first[id.name] == nil { first[id.name] = id.span }
            }
        }

        static func resolve(_ path: String, from importer: String) -> String {
            if path.hasPrefix("/") { return path }
            let parts = importer.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count > 1 else { return path }
            return parts.dropLast().joined(separator: "/") + "/" + path
        }

        /// `a/./b/../c.bargain` as `a/c.bargain`, to tell one file from another.
        static func normalized(_ path: String) -> String {
            var out: [Substring] = []
            for part in path.split(separator: "/", omittingEmptySubsequences: false) {
                if part == "." || (part.isEmpty && !out.isEmpty) { continue }
                if part == "..", let last = out.last, last != "..", !last.isEmpty { out.removeLast(); continue }
                out.append(part)
            }
            return out.joined(separator: "/")
        }

        static func display(_ path: String) -> String {
            String(path.split(separator: "/").last ?? Substring(path))
        }
    }
}
