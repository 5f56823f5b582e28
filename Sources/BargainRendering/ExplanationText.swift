import BargainUnits
import BargainAnalysis

/// `explain`'s tree as text: `name = value [base's value]  ★  = formula`, children drawn with
/// `├─ └─ │`, and a closing line saying what ★ and the brackets mean in a scenario.
enum ExplanationText {
    static func render(_ explanation: Explanation) -> String {
        var lines = explanation.lines.map(line)
        if let base = explanation.base {
            lines.append("(in \(explanation.scenario); ★ marks what it sets itself; values in brackets are \(base)'s where they differ)")
        }
        if !explanation.carried.isEmpty {
            lines.append("note: \(explanation.scenario) carries edits made to baseline since the model was loaded: " + explanation.carried.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    static func line(_ line: Explanation.Line) -> String {
        var prefix = ""
        for (level, last) in line.branches.enumerated() {
            let isOwn = level == line.branches.count - 1
            prefix += isOwn ? (last ? "└─ " : "├─ ") : (last ? "   " : "│  ")
        }
        switch line.item {
        case .function(let formula):
            return prefix + oneLine(formula)
        case .more(let count, let next):
            return prefix + "… \(count) more; explain \(next) to go on"
        case .name(let name):
            var text = prefix + name.name + " = " + value(name) + before(name)
            let mark = name.setHere ? "  ★" : ""
            switch name.detail {
            case .shownAbove(let hasChildren):
                text += mark + (hasChildren ? "  (shown above)" : "")
            case .input(let comment):
                if let comment { text += "  · " + comment }
                text += mark
            case .formula(let formula):
                text += mark + "  = " + oneLine(formula)
            }
            return text
        }
    }

    static func value(_ name: Explanation.Name) -> String {
        switch name.value {
        case .success(let value)?: return ValueText.format(value, in: name.unit)
        case .failure(let diagnostic)?: return "(error: \(diagnostic.message))"
        case nil: return "(no value)"
        }
    }

    /// ` [36,558 visits/wk]` when the base scenario's value differs.
    static func before(_ name: Explanation.Name) -> String {
        switch name.before {
        case .value(let value)?: return " [" + ValueText.format(value, in: name.unit) + "]"
        case .error?: return " [error]"
        case nil: return ""
        }
    }

    /// A formula on one line, however it was written.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
