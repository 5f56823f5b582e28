import Foundation
import Testing
@testable import BargainDiagnostics
@testable import BargainUnits
@testable import BargainFiles
@testable import BargainSyntax
@testable import BargainSemantics
@testable import BargainEngine
@testable import BargainAnalysis
@testable import BargainRendering
@testable import BargainNotebook
@testable import BargainBatch
@testable import BargainBench

/// The default model against every case of the reference file (shared/reference/cases.json,
/// copied into Resources): each output, in the file's unit, to a relative error of 1e-9.
@Suite struct ModelReferenceTests {
    struct Reference {
        let units: [String: String]
        let defaults: [String: Any]
        let cases: [(name: String, overrides: [String: Any], outputs: [String: Any])]
        let relative: Double
        let absolute: Double
    }

    static func load() throws -> Reference {
        let url = try #require(Bundle.module.url(forResource: "Resources/reference-cases", withExtension: "json"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let tolerance = json["tolerance"] as? [String: Double] ?? [:]
        let cases = (json["cases"] as? [[String: Any]] ?? []).map {
            ($0["name"] as? String ?? "?", $0["overrides"] as? [String: Any] ?? [:], $0["outputs"] as? [String: Any] ?? [:])
        }
        return Reference(units: json["units"] as? [String: String] ?? [:], defaults: json["defaults"] as? [String: Any] ?? [:],
                         cases: cases, relative: tolerance["relative"] ?? 1e-9, absolute: tolerance["absolute"] ?? 1e-6)
    }

    /// An input's reference value as a literal in the model's unit. Shares are plain numbers in
    /// the reference (0.5), so a `%` input is written without its unit.
    static func literal(_ value: Any, for name: String, in program: Program) -> String {
        // The reference gives shares as plain numbers: `%` in a unit is left out (12%/yr is 0.12 * (1/yr)).
        var unit = program[name]?.unit ?? .one
        if unit.factors.contains(where: { $0.unit == Units.percent }) { unit = unit / .percent }
        let suffix = unit.isOne ? "" : " * (\(unit))"
        if let list = value as? [Double] {
            return "[" + list.map { "\($0)\(suffix)" }.joined(separator: ", ") + "]"
        }
        return "\(value as? Double ?? .nan)\(suffix)"
    }

    static func factor(_ unitText: String) throws -> Double {
        guard !unitText.isEmpty else { return 1 }
        let syntax = try Parser.parseUnit(Source(name: "unit", text: unitText))
        return try Checker.resolve(syntax).factor
    }

    static func matches(_ got: Double, _ expected: Any, _ reference: Reference) -> Bool {
        if let text = expected as? String {
            return text == "inf" ? got == .infinity : text == "-inf" ? got == -.infinity : false
        }
        guard let want = expected as? Double else { return false }
        return abs(got - want) <= max(reference.absolute, reference.relative * abs(want))
    }

    @Test func defaultsAreTheModelsInputs() throws {
        let reference = try Self.load()
        let notebook = loadedModel()
        let program = notebook.workspace.baseline.program
        for (name, expected) in reference.defaults {
            let literal = Self.literal(expected, for: name, in: program)
            var probe = notebook
            let cell = probe.submit("abs(\(name) - (\(literal))) <= 1e-12 * abs(\(name))")
            if let value = expected as? [Double] {
                let shown = probe.submit("\(name)")
                guard case .success(.value(_, .list(let got), _)) = shown.results[0].result else {
                    Issue.record("\(name) is not a list")
                    continue
                }
                #expect(got == value, "\(name)")
                continue
            }
            guard case .success(.value(_, let result, _)) = cell.results[0].result else {
                Issue.record("\(name): \(cell.results[0].diagnostic?.message ?? "no value")")
                continue
            }
            #expect(result == .boolean(true), "\(name) differs from the reference default \(literal)")
        }
    }

    @Test(arguments: try! load().cases.map(\.name))
    func referenceCase(_ caseName: String) throws {
        let reference = try Self.load()
        let testCase = try #require(reference.cases.first { $0.name == caseName })
        var notebook = loadedModel()
        let program = notebook.workspace.baseline.program
        let overrides = testCase.overrides.sorted { $0.key < $1.key }
            .map { "  \($0.key) = \(Self.literal($0.value, for: $0.key, in: program))" }
        let scenario = "case_" + caseName
        let cell = notebook.submit("scenario \(scenario) from baseline {\n\(overrides.joined(separator: "\n"))\n}")
        #expect(!cell.failed, "\(cell.results.compactMap(\.diagnostic).map(\.message))")
        var checked = 0
        for (name, expected) in testCase.outputs.sorted(by: { $0.key < $1.key }) {
            let factor = try Self.factor(reference.units[name] ?? "")
            guard case .success(let value)? = notebook.workspace.value(of: name, in: scenario) else {
                Issue.record("\(caseName): \(name) has no value")
                continue
            }
            let got = value.numbers.map { $0 / factor }
            if let list = expected as? [Any] {
                #expect(got.count == list.count, "\(caseName): \(name) has \(got.count) entries, expected \(list.count)")
                // The first entry that differs, not the whole series.
                if let i = got.indices.first(where: { $0 < list.count } ).flatMap({ _ in got.indices.first(where: { !Self.matches(got[$0], list[$0], reference) }) }) {
                    Issue.record("\(caseName): \(name)[\(i + 1)] = \(got[i]), expected \(list[i])")
                }
            } else {
                let ok = Self.matches(got[0], expected, reference)
                #expect(ok, "\(caseName): \(name) = \(got[0]), expected \(expected)")
            }
            checked += 1
        }
        #expect(checked == reference.units.count, "every output of the reference file is checked")
    }
}
