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

/// Cells as a session sees them: `_` and `_N`, notes, `:undo`, `:history`.
@Suite struct CellTests {
    /// Runs entries in order in one notebook and returns what the last one showed.
    func shown(_ entries: [String], model: Bool = false) -> String {
        var notebook = model ? loadedModel() : Notebook()
        var last = ""
        for entry in entries {
            switch notebook.enter(entry, context: .replay(SessionHeader(model: .none))) {
            case .cell(let cell): last = CellText.render(cell)
            case .command(let result): last = Replay.shown(result)
            case .note, .nothing, .quit: last = ""
            }
        }
        return last
    }

    @Test func underscoreIsTheLastValueShown() {
        #expect(shown(["x = 3 staff", "x * 2", "_ + 1 staff"]) == "7 staff")
        #expect(shown(["2 wk", "fn f(a) = a", "_ in day"]) == "_ = 14 day")
    }

    @Test func underscoreNumberIsThatCellsValueInItsUnit() {
        #expect(shown(["12 wk", "5 staff", "_1"]) == "_1 = 12 wk")
        #expect(shown(["[5%, 4%]", "_1 * 2"]) == "[10%, 8%]")
        #expect(shown(["1 < 2", "_1"]) == "_1 = true")
    }

    @Test func aDefinitionKeepsACellsValueAsAConstant() {
        var notebook = Notebook()
        _ = notebook.submit("a = 2 staff")
        _ = notebook.submit("a * 10")
        _ = notebook.submit("b = _2 + a")
        _ = notebook.submit("c = _ * 2")
        _ = notebook.submit("a = 5 staff")
        #expect(valueOf(notebook, "b") == .number(25))  // _2 stays 20; a is now 5
        #expect(valueOf(notebook, "c") == .number(44))  // _ was b's value, 22, when c was defined
        #expect(notebook.workspace.baseline.program["b"]?.references == ["a"])
    }

    @Test func cellValuesWorkInsideScenariosAndFunctions() {
        #expect(shown(["150 staff", "scenario cut { layoffs = _1 }", "cut.layoffs"], model: true) == "cut.layoffs = 150 staff")
        #expect(shown(["3", "fn triple(x) = x * _1", "triple(2)"]) == "6")
    }

    @Test func aCellWithoutAValueCannotBeRead() {
        #expect(shown(["_"]).contains("no cell has shown one yet"))
        #expect(shown(["1", "fn f(x) = x", "_2"]).contains("cell 2 has no value"))
        #expect(shown(["1", "_7"]).contains("error[E201]: cell 7 has no value"))
        #expect(shown(["oops", "_1"]).contains("cell 1 has no value"))
    }

    @Test func cellNamesCannotBeDefined() {
        expectFailure("_ = 3", .reservedName, "cannot be defined")
        expectFailure("_12 = 3", .reservedName, "the value of cell 12")
        expectFailure("fn f(_2) = 1", .reservedName)
        expectOutput("_x = 3", "_x = 3")  // other names that start with `_` are ordinary
    }

    @Test func notesAreKeptWithoutNumbers() {
        var notebook = Notebook()
        guard case .note(let text) = notebook.enter("#   what a strike costs  ", context: .replay(SessionHeader(model: .none))) else {
            Issue.record("not a note")
            return
        }
        #expect(text == "what a strike costs")
        _ = notebook.enter("x = 1", context: .replay(SessionHeader(model: .none)))
        #expect(notebook.cells.map(\.number) == [1])
        #expect(notebook.items.count == 2)
    }

    @Test func undoTakesBackTheLastCellAndItsNumber() {
        var notebook = Notebook()
        _ = notebook.submit("x = 1")
        _ = notebook.submit("y = x + 1")
        _ = notebook.submit("x = 10")
        #expect(valueOf(notebook, "y") == .number(11))
        guard case .command(.success(let text)) = notebook.enter(":undo", context: .replay(SessionHeader(model: .none))) else {
            Issue.record("undo failed")
            return
        }
        #expect(text == "undid [3] x = 10")
        #expect(valueOf(notebook, "y") == .number(2))
        #expect(notebook.nextNumber == 3)
        #expect(notebook.values[3] == nil)
        _ = notebook.submit("_2 * 100")
        #expect(notebook.cells.last?.number == 3)
        #expect(CellText.render(notebook.cells[2]) == "200")
    }

    @Test func undoWithNothingToUndoIsAnError() {
        var notebook = Notebook()
        guard case .command(.failure(let error)) = notebook.enter(":undo", context: .replay(SessionHeader(model: .none))) else {
            Issue.record("expected an error")
            return
        }
        #expect(error.message == "nothing to undo")
    }

    @Test func historyListsCellsAndNotes() {
        #expect(shown(["# start", "x = 1", "y =\n  2", "zz", ":history"]) == """
                 # start
            [1]  x = 1
            [2]  y = …
            [3]  zz   (error E201)
            """)
    }

    @Test func inputsAreKeptAsASessionFileKeepsThem() {
        #expect(Notebook.normalize("\n  x = 1   \n\ty\t\n\n") == "  x = 1\n\ty")
        #expect(Notebook.normalize("a\u{1}b") == "a\u{FFFD}b")
    }
}
