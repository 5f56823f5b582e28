import BargainDiagnostics
import BargainUnits
import BargainAnalysis

/// An exhibit as GitHub-flavoured Markdown: the same header, scenarios, notes and cells as the
/// HTML, tables as pipe tables, and each chart an SVG file beside the document, linked by name.
/// Text from the session is escaped, so a note holding markup or `<script>` reads as written.
package enum MarkdownDocument {
    /// The document, and the chart files it links: `stem-chart-1.svg`, … (names relative to it).
    package static func render(_ exhibit: Exhibit, chartStem: String, generator: String) -> (text: String, charts: [(name: String, svg: String)]) {
        var lines: [String] = ["# " + inline(exhibit.header.title), ""]
        let h = exhibit.header
        if let date = h.date { lines.append("- **Saved:** " + inline(date)) }
        lines.append("- **Model:** " + (h.modelName.map { inline($0) + (h.modelHash.map { " (`sha256:\($0)`)" } ?? "") } ?? "none"))
        lines.append("- **Seed:** \(h.seed)")
        lines.append("- **Scenario files:** " + (h.scenarioFiles.isEmpty ? "none" : h.scenarioFiles.map { inline($0.name) + " (`sha256:\($0.sha256)`)" }.joined(separator: ", ")))
        lines.append("- **Cells:** \(exhibit.cells.count)")
        lines.append("")
        var flags = h.originNotes
        let drifted = exhibit.drifted
        if !drifted.isEmpty {
            flags.append("\(drifted.count) of \(exhibit.cells.count) cells come out differently now than the session file recorded (" + drifted.prefix(20).map { "[\($0.number)]" }.joined(separator: ", ") + (drifted.count > 20 ? ", …" : "") + "); each is marked below with what was recorded")
        }
        flags += exhibit.mismatches
        for flag in flags { lines += ["> **Note:** " + inline(flag), ""] }
        lines += scenarios(exhibit.scenarios)
        lines += ["## The session", ""]
        var charts: [(name: String, svg: String)] = []
        for item in exhibit.items {
            switch item {
            case .note(let text):
                lines += [inline(text), ""]
            case .cell(let cell):
                lines += ["**[\(cell.number)]**", ""] + fenced(cell.input, language: "bargain") + [""]
                QuantityFormat.$digits.withValue(cell.digits) {
                    for result in cell.results { lines += render(result, stem: chartStem, charts: &charts) }
                }
                if let recorded = cell.recorded {
                    lines += ["> **Differs from the saved session.** It recorded:", ""] + fenced(recorded.joined(separator: "\n"), language: "text") + [""]
                }
            }
        }
        lines += ["---", "", "Made by " + inline(generator) + ". Every number here was computed again from the model when this file was made.", ""]
        return (lines.joined(separator: "\n"), charts)
    }

    static func scenarios(_ summaries: [ScenarioSummary]) -> [String] {
        guard summaries.contains(where: { $0.base != nil || !$0.carried.isEmpty }) else { return [] }
        var lines = ["## Scenarios", "", "As the session leaves them. Basis, from the model: S sourced, D derived, A assumption.", ""]
        for summary in summaries {
            guard let base = summary.base else {
                if !summary.carried.isEmpty {
                    lines += ["### baseline (the model, edited in the session)", "",
                              inline(summary.carried.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")) + ": every scenario built on baseline that does not set these itself follows them.", ""]
                }
                continue
            }
            lines += ["### \(inline(summary.name)) (from \(inline(base))\(summary.file.map { ", in " + inline($0) } ?? ""))", ""]
            if let note = summary.note { lines += [inline(note), ""] }
            if let mismatch = summary.mismatch { lines += ["> **No longer as in its file:** " + inline(mismatch), ""] }
            guard !summary.changes.isEmpty else {
                lines += ["No changes from \(inline(base)).", ""]
                continue
            }
            lines.append("| input | \(cell(summary.name)) | \(cell(base)) | basis | source |")
            lines.append("| --- | ---: | ---: | :---: | --- |")
            for change in summary.changes {
                lines.append("| \(cell(change.name)) | \(cell(change.value)) | \(cell(change.baseValue ?? "")) | \(change.basis ?? "–") | \(cell(change.basisNote ?? ""))\(change.file == nil ? " *(set in this session)*" : "") |")
            }
            lines.append("")
        }
        return lines
    }

    static func render(_ result: Exhibit.Result, stem: String, charts: inout [(name: String, svg: String)]) -> [String] {
        switch result {
        case .error(let diagnostic):
            var text = DiagnosticRenderer().render(diagnostic)
            if text.hasSuffix("\n") { text.removeLast() }
            return fenced(text, language: "text") + [""]
        case .text(let text):
            return text.isEmpty ? [] : fenced(text, language: "text") + [""]
        case .outcome(let outcome):
            func images(_ list: [Chart]) -> [String] {
                list.flatMap { chart -> [String] in
                    let name = "\(stem)-chart-\(charts.count + 1).svg"
                    charts.append((name, SVGChart.render(chart, id: "chart-\(charts.count + 1)")))
                    return ["![\(inline(chart.title))](\(linkTarget(name)))", ""]
                }
            }
            switch outcome {
            case .definition(let defined):
                var lines = ["`\(defined.name)` = **\(inline(ValueText.format(defined.value, in: defined.unit)))**", ""]
                if !defined.broken.isEmpty {
                    lines += ["> **Warning:** " + inline(defined.broken.map(\.name).joined(separator: ", ") + " now fail: " + defined.broken[0].diagnostic.message), ""]
                }
                return lines
            case .value(let expr, let v, let unit):
                let shown = "**" + inline(ValueText.format(v, in: unit)) + "**"
                return [(ValueLabel.of(expr).map { "`\($0)` = " } ?? "") + shown, ""]
            case .table(let table):
                return self.table(table) + images(table.charts)
            case .charts(let list):
                return images(list)
            case .explanation(let explanation):
                return fenced(ExplanationText.render(explanation), language: "text") + [""]
            case .solved(let solution):
                return fenced(SolutionText.render(solution), language: "text") + [""]
            case .optimized(let optimization):
                return ["**" + inline(OptimizationTable.headline(optimization)) + "**", ""]
                    + OptimizationTable.tables(optimization).flatMap(self.table)
            default:
                // Short confirmations and any outcome without a Markdown form of its own: its text.
                return OutcomeText.render(outcome).split(separator: "\n").map { inline(String($0)) + "  " } + [""]
            }
        }
    }

    static func table(_ table: Table) -> [String] {
        let shown = table.columns.indices.filter { !table.columns[$0].dataOnly }
        let numeric = shown.map { i in table.rows.contains { i < $0.count && $0[i].isNumeric } }
        var lines: [String] = []
        if let title = table.title { lines += ["*" + inline(title) + "*", ""] }
        lines.append("| " + shown.map { i in
            let column = table.columns[i]
            let unit = column.unit.flatMap { $0.isOne ? nil : $0 }
            return cell(column.title + (unit.map { " (\($0.description))" } ?? ""))
        }.joined(separator: " | ") + " |")
        lines.append("| " + numeric.map { $0 ? "---:" : "---" }.joined(separator: " | ") + " |")
        for row in table.rows {
            lines.append("| " + shown.map { i in
                cell(HTMLTable.cellText(i < row.count ? row[i] : .empty, columnUnit: table.columns[i].unit))
            }.joined(separator: " | ") + " |")
        }
        lines.append("")
        for note in table.notes { lines += ["- " + inline(note)] }
        if !table.notes.isEmpty { lines.append("") }
        return lines
    }

    /// Prose from the session, with every character Markdown or HTML would read as markup escaped
    /// (`#`, `-`, `+`, `=` and `1.` only where they would start a heading or a list).
    static func inline(_ text: String, startsLine: Bool = true) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "~":
                out.append("\\")
                out.append(ch)
            case "\n": out += " "
            default: out.append(ch)
            }
        }
        guard startsLine else { return out }
        if let first = out.first, "#-+=".contains(first) { return "\\" + out }
        // `1. ` or `1) ` would start an ordered list.
        if let dot = out.firstIndex(where: { !$0.isNumber }), dot != out.startIndex, out[dot] == "." || out[dot] == ")" {
            let next = out.index(after: dot)
            if next == out.endIndex || out[next] == " " { out.insert("\\", at: dot) }
        }
        return out
    }

    /// A table cell: escaped like prose (a `|` cannot end the cell early).
    static func cell(_ text: String) -> String { inline(text, startsLine: false) }

    /// A code block whose fence is longer than any run of backticks inside it.
    static func fenced(_ text: String, language: String) -> [String] {
        var longest = 0, run = 0
        for ch in text {
            run = ch == "`" ? run + 1 : 0
            longest = Swift.max(longest, run)
        }
        let fence = String(repeating: "`", count: Swift.max(3, longest + 1))
        return [fence + language] + text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [fence]
    }

    /// A file name as a link target: spaces and parentheses would end or break the link.
    static func linkTarget(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case " ": out += "%20"
            case "(": out += "%28"
            case ")": out += "%29"
            case "<": out += "%3C"
            case ">": out += "%3E"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
