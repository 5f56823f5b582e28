/// Which phase refused the input. It decides the exit code of `bargain run` and how a session records the error.
package enum DiagnosticKind: String, Sendable {
    case syntax, name, unit, evaluation, io, usage

    /// The sysexits code for a script that failed this way: 65 for input errors, 70 at run time, 74 for I/O.
    package var exitCode: Int32 {
        switch self {
        case .syntax, .name, .unit: return 65
        case .evaluation: return 70
        case .io: return 74
        case .usage: return 64
        }
    }
}

/// A stable identifier for each kind of error, so a saved session records `E301` and a replay can match it.
/// The first digit is the phase (and so the exit code); a new code takes the next free number in its
/// block and is never reused. README.md, "Error codes", lists the blocks.
package enum DiagnosticCode: String, Sendable, CaseIterable {
    // Lexing and parsing.
    case unexpectedCharacter = "E101"
    case badNumber = "E102"
    case unterminatedString = "E103"
    case unexpectedToken = "E104"
    case unclosedBracket = "E105"
    case nestingTooDeep = "E106"
    case badStatement = "E107"
    // Names.
    case unknownName = "E201"
    case unknownUnit = "E202"
    case unknownFunction = "E203"
    case unknownScenario = "E204"
    case reservedName = "E205"
    case cycle = "E206"
    case recursion = "E207"
    case wrongArity = "E208"
    case duplicateName = "E209"
    case notAFunction = "E210"
    case notAValue = "E211"
    // Units and types.
    case dimensionMismatch = "E301"
    case notDimensionless = "E302"
    case badConversion = "E303"
    case listLengthMismatch = "E304"
    case typeMismatch = "E305"
    case badExponent = "E306"
    case tooLarge = "E307"
    // Evaluation.
    case divisionByZero = "E401"
    case notANumber = "E402"
    case indexOutOfRange = "E403"
    case requirementFailed = "E404"
    case dependencyFailed = "E405"
    case domain = "E406"
    case noSolution = "E407"
    case cancelled = "E408"
    case limit = "E409"
    // Files and sessions.
    case io = "E501"
    case badSession = "E502"
    case usage = "E601"
    // Grids (`batch --grid`): the file reads fine but its contents do not make rows of inputs.
    case emptyGrid = "E701"
    case gridRowLength = "E702"
    case emptyGridCell = "E703"

    package var kind: DiagnosticKind {
        switch rawValue.dropFirst().first {
        case "1": return .syntax
        case "2": return .name
        case "3": return .unit
        case "4": return .evaluation
        case "5": return .io
        // A grid's contents are input data, refused like a script's: exit 65, not 74.
        case "7": return .syntax
        default: return .usage
        }
    }
}

/// A piece of source a diagnostic points at, with an optional short text printed beside the caret.
struct Label: Sendable {
    let span: Span
    let text: String?
    let isPrimary: Bool

    init(_ span: Span, _ text: String? = nil, primary: Bool = false) {
        self.span = span
        self.text = text
        self.isPrimary = primary
    }
}

/// An error as data: what went wrong, where, and what might fix it. Rendering is a separate step.
package struct Diagnostic: Error, Sendable {
    package let code: DiagnosticCode
    package var message: String
    /// The first label is the primary one.
    var labels: [Label]
    /// Extra lines after the source excerpt (`= note: …`).
    package var notes: [String]
    package var help: String?

    package init(_ code: DiagnosticCode, _ message: String, at span: Span? = nil, label: String? = nil,
                help: String? = nil, notes: [String] = []) {
        self.code = code
        self.message = message
        self.labels = span.map { [Label($0, label, primary: true)] } ?? []
        self.notes = notes
        self.help = help
    }

    package var kind: DiagnosticKind { code.kind }
    package var primarySpan: Span? { labels.first?.span }

    /// Adds a secondary label.
    package func labelling(_ span: Span, _ text: String?) -> Diagnostic {
        var copy = self
        copy.labels.append(Label(span, text))
        return copy
    }

    package func noting(_ note: String) -> Diagnostic {
        var copy = self
        copy.notes.append(note)
        return copy
    }
}
