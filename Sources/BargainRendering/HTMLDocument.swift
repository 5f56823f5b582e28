import BargainUnits
import BargainAnalysis

/// An exhibit as one self-contained HTML file: inline CSS, charts as inline SVG, no script, no
/// link to anything outside it, so it opens offline, on a phone, and prints. Every string from
/// the session is escaped (`HTMLText`): a note holding `<script>` shows as text.
package enum HTMLDocument {
    package static func render(_ exhibit: Exhibit, generator: String) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"\(HTMLText.escape(generator))\">\n"
        out += "<title>\(HTMLText.escape(exhibit.header.title))</title>\n"
        out += "<style>\n\(ExhibitStyle.css)\n</style>\n</head>\n<body>\n<main>\n"
        out += header(exhibit)
        out += scenarios(exhibit.scenarios)
        out += "<section class=\"session\">\n<h2>The session</h2>\n"
        var charts = 0
        for item in exhibit.items {
            switch item {
            case .note(let text):
                out += "<p class=\"note\">\(HTMLText.escape(text))</p>\n"
            case .cell(let cell):
                out += self.cell(cell, charts: &charts) + "\n"
            }
        }
        out += "</section>\n"
        out += "<footer><p>Made by \(HTMLText.escape(generator)). Every number here was computed again from the model when this file was made; cells that came out differently from the saved session are marked.</p></footer>\n"
        return out + "</main>\n</body>\n</html>\n"
    }

    static func header(_ exhibit: Exhibit) -> String {
        let h = exhibit.header
        var out = "<header>\n<h1>\(HTMLText.escape(h.title))</h1>\n<dl class=\"meta\">"
        if let date = h.date { out += "<dt>Saved</dt><dd>\(HTMLText.escape(date))</dd>" }
        if let model = h.modelName {
            out += "<dt>Model</dt><dd>\(HTMLText.escape(model))"
            if let hash = h.modelHash { out += " <code title=\"SHA-256 of the model\">sha256:\(HTMLText.escape(hash))</code>" }
            out += "</dd>"
        } else {
            out += "<dt>Model</dt><dd>none</dd>"
        }
        out += "<dt>Seed</dt><dd>\(h.seed)</dd>"
        out += "<dt>Scenario files</dt><dd>"
        out += h.scenarioFiles.isEmpty ? "none"
            : h.scenarioFiles.map { "\(HTMLText.escape($0.name)) <code>sha256:\(HTMLText.escape($0.sha256))</code>" }.joined(separator: "<br>")
        out += "</dd><dt>Cells</dt><dd>\(exhibit.cells.count)</dd></dl>\n"
        var flags: [String] = h.originNotes
        let drifted = exhibit.drifted
        if !drifted.isEmpty {
            let numbers = drifted.prefix(20).map { "[\($0.number)]" }.joined(separator: ", ") + (drifted.count > 20 ? ", …" : "")
            flags.append("\(drifted.count) of \(exhibit.cells.count) cells come out differently now than the session file recorded (\(numbers)); each is marked below with what was recorded")
        }
        flags += exhibit.mismatches
        if !flags.isEmpty {
            out += "<div class=\"flag\" role=\"note\">" + flags.map { "<p><strong>Note:</strong> \(HTMLText.escape($0))</p>" }.joined() + "</div>\n"
        }
        return out + "</header>\n"
    }

    /// What each scenario changes from its base, with each input's basis from the model.
    static func scenarios(_ summaries: [ScenarioSummary]) -> String {
        guard summaries.contains(where: { $0.base != nil || !$0.carried.isEmpty }) else { return "" }
        var out = "<section class=\"scenarios\">\n<h2>Scenarios</h2>\n"
        out += "<p class=\"legend\">As the session leaves them. Basis, from the model: S sourced, D derived, A assumption.</p>\n"
        for summary in summaries {
            guard let base = summary.base else {
                if !summary.carried.isEmpty {
                    out += "<h3>baseline <small>the model, edited in the session</small></h3>"
                    out += "<p>\(HTMLText.escape(summary.carried.map { "\($0.name) = \($0.value)" }.joined(separator: ", "))): every scenario built on baseline that does not set these itself follows them.</p>\n"
                }
                continue
            }
            out += "<h3>\(HTMLText.escape(summary.name)) <small>from \(HTMLText.escape(base))"
            if let file = summary.file { out += ", in \(HTMLText.escape(file))" }
            out += "</small></h3>\n"
            if let note = summary.note { out += "<p>\(HTMLText.escape(note))</p>" }
            if let mismatch = summary.mismatch {
                out += "<div class=\"flag\" role=\"note\"><p><strong>No longer as in its file:</strong> \(HTMLText.escape(mismatch))</p></div>"
            } else if !summary.carried.isEmpty {
                out += "<p>Also carries baseline's edits: \(HTMLText.escape(summary.carried.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")))</p>"
            }
            guard !summary.changes.isEmpty else {
                out += "<p>No changes from \(HTMLText.escape(base)).</p>\n"
                continue
            }
            out += "<div class=\"table-box\"><table><caption>What \(HTMLText.escape(summary.name)) changes from \(HTMLText.escape(base))</caption>"
            out += "<thead><tr><th scope=\"col\">input</th><th scope=\"col\" class=\"num\">\(HTMLText.escape(summary.name))</th><th scope=\"col\" class=\"num\">\(HTMLText.escape(base))</th><th scope=\"col\">basis</th><th scope=\"col\">source</th></tr></thead><tbody>"
            for change in summary.changes {
                out += "<tr><th scope=\"row\">\(HTMLText.escape(change.name))</th><td class=\"num\">\(HTMLText.escape(change.value))</td>"
                out += "<td class=\"num\">\(HTMLText.escape(change.baseValue ?? ""))</td>"
                out += "<td class=\"basis\"\(change.basis.map { " title=\"\(basisName($0))\"" } ?? "")>\(HTMLText.escape(change.basis ?? "–"))</td>"
                out += "<td class=\"source\">\(HTMLText.escape(change.basisNote ?? ""))\(change.file == nil ? " <em>(set in this session)</em>" : "")</td></tr>"
            }
            out += "</tbody></table></div>\n"
        }
        return out + "</section>\n"
    }

    /// `S/A` reads "sourced / assumption".
    static func basisName(_ basis: String) -> String {
        basis.split(separator: "/").map { part -> String in
            switch part {
            case "S": return "sourced"
            case "D": return "derived"
            case "A": return "assumption"
            default: return "on the table"
            }
        }.joined(separator: " / ")
    }

    static func cell(_ cell: Exhibit.Cell, charts: inout Int) -> String {
        var out = "<article class=\"cell\" id=\"cell-\(cell.number)\">"
        out += "<div class=\"input\"><span class=\"prompt\" aria-label=\"cell \(cell.number)\">[\(cell.number)]</span><pre><code>\(HTMLText.escape(cell.input))</code></pre></div>"
        out += "<div class=\"result\">"
        let number = cell.number
        QuantityFormat.$digits.withValue(cell.digits) {
            for result in cell.results {
                out += HTMLOutcome.render(result, chartID: { "chart-\(number)-\($0)" }, charts: &charts)
            }
        }
        if let recorded = cell.recorded {
            out += "<div class=\"drift\" role=\"note\"><p><strong>Differs from the saved session.</strong> It recorded:</p><pre>\(HTMLText.escape(recorded.joined(separator: "\n")))</pre></div>"
        }
        return out + "</div></article>"
    }
}
