import Foundation
import Testing
import Glibc

/// `bargain` on a pseudo-terminal, driven keystroke by keystroke as a person would.
@Suite struct TerminalTests {
    static let up = "\u{1B}[A", left = "\u{1B}[D", ctrlA = "\u{1}", ctrlE = "\u{5}"
    static let ctrlC = "\u{3}", ctrlD = "\u{4}", tab = "\t", enter = "\r"

    let directory: URL
    var historyFile: String { directory.appendingPathComponent("state/bargain/history").path }

    init() throws {
        directory = try temporaryDirectory()
    }

    func start(_ arguments: [String] = []) throws -> PTYProcess {
        let process = try PTYProcess(builtProduct("bargain"), arguments: arguments, environment: [
            "TERM": "xterm", "LANG": "C.UTF-8", "INPUTRC": "/dev/null", "NO_COLOR": "1",
            "HOME": directory.path, "XDG_STATE_HOME": directory.appendingPathComponent("state").path,
        ])
        try process.expect("[1]> ")
        return process
    }

    @Test func showsAValueAndNumbersCells() throws {
        let repl = try start()
        repl.send("fte" + Self.enter)
        try repl.expect("fte = 1,964 FTE")
        try repl.expect("[2]> ")
    }

    @Test func editsWithArrowsAndControlKeys() throws {
        let repl = try start(["--no-model"])
        repl.send("2 +")
        try repl.expect("2 +")
        repl.send(Self.ctrlA + "1 + " + Self.ctrlE + " 3" + Self.enter)
        try repl.expect("\r6\r\n")
    }

    @Test func completesNamesUnitsAndCommands() throws {
        let repl = try start()
        repl.send("therap" + Self.tab)
        try repl.expect("therapists")
        repl.send(Self.enter)
        try repl.expect("therapists = 2,400 staff")
        repl.send(":sce" + Self.tab)
        try repl.expect(":scenarios")
        repl.send(Self.enter)
        try repl.expect("baseline (current)")
    }

    @Test func completesAScenariosNamesAfterTheDot() throws {
        let repl = try start()
        repl.send("scenario cut { layoffs = 100 staff }" + Self.enter)
        try repl.expect("scenario cut from baseline: layoffs")
        repl.send("cut.headc" + Self.tab)
        try repl.expect("headcount")
        repl.send(Self.enter)
        try repl.expect("cut.headcount = 2,300 staff")
    }

    @Test func multiLineListWithContinuationPrompt() throws {
        let repl = try start(["--no-model"])
        repl.send("raises = [5%," + Self.enter)
        try repl.expect("...> ")
        repl.send("4%, 4%]" + Self.enter)
        try repl.expect("raises = [5%, 4%, 4%]")
        try repl.expect("[2]> ")
    }

    @Test func ctrlCAbandonsTheLineAndTheSessionGoesOn() throws {
        let repl = try start()
        repl.send("layoffs = 999 staff")
        try repl.expect("999 staff")
        repl.send(Self.ctrlC)
        try repl.expect("[1]> ")
        repl.send("layoffs" + Self.enter)
        try repl.expect("layoffs = 0 staff")
    }

    @Test func ctrlCAbandonsAnUnfinishedEntry() throws {
        let repl = try start(["--no-model"])
        repl.send("x = [1," + Self.enter)
        try repl.expect("...> ")
        repl.send(Self.ctrlC)
        try repl.expect("[1]> ")
        repl.send("7" + Self.enter)
        try repl.expect("\r7\r\n")
    }

    @Test func anErrorThenMoreWork() throws {
        let repl = try start()
        repl.send("therapists + salary" + Self.enter)
        try repl.expect("cannot add staff and $/yr/FTE")
        try repl.expect("[2]> ")
        repl.send("layoffs = 150 staff" + Self.enter)
        try repl.expect("layoffs = 150 staff")
        repl.send("headcount" + Self.enter)
        try repl.expect("headcount = 2,250 staff")
    }

    @Test func historyCarriesOverBetweenRuns() throws {
        let first = try start(["--no-model"])
        first.send("x = 41 staff" + Self.enter)
        try first.expect("x = 41 staff")
        try first.expect("[2]> ")
        first.send(Self.ctrlD)
        #expect(try first.waitForExit() == 0)
        #expect(try String(contentsOfFile: historyFile, encoding: .utf8).contains("x = 41 staff"))

        let second = try start(["--no-model"])
        second.send(Self.up)
        try second.expect("x = 41 staff")
        second.send(Self.enter)
        try second.expect("x = 41 staff\r\n")
        try second.expect("[2]> ")
        second.send(":quit" + Self.enter)
        #expect(try second.waitForExit() == 0)
    }

    @Test func hostileLinesDoNotEndTheSession() throws {
        let repl = try start(["--no-model"])
        repl.send(String(repeating: "(", count: 2_000) + Self.enter)
        try repl.expect("nested too deeply")
        try repl.expect("[2]> ")
        repl.send(bytes: [0xFF, 0xFE, 0x01, 0x21])
        repl.send(Self.enter)
        try repl.expect("[3]> ")
        repl.send("1 + 1" + Self.enter)
        try repl.expect("\r2\r\n")
    }
}
