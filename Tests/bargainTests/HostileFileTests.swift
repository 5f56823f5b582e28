import Foundation
import Testing

/// Files from elsewhere and planted links (issue 15), through the built binary.
@Suite struct HostileFileTests: ScratchFolder {
    let directory: URL

    init() throws {
        directory = try temporaryDirectory()
    }

    func temporaries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") }
    }

    // MARK: atomic writes

    @Test func batchOutputRefusesASymbolicLinkTarget() throws {
        let victim = path("victim.txt")
        try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: path("out.csv"), withDestinationPath: victim)
        let result = try run(["batch", "--vary", "layoffs=0..10:3", "--outputs", "return_wait", "--output", "out.csv"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("symbolic link"), "\(result.stderr)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path("out.csv")) == victim)
        #expect(try temporaries().isEmpty)
    }

    @Test func replayUpdateRefusesASymbolicLinkSession() throws {
        let saved = try run([], "strike_days = 10 bd\nreturn_wait\n:save waits\n")
        #expect(saved.status == 0, "\(saved.stderr)")
        try FileManager.default.createSymbolicLink(atPath: path("link.session"), withDestinationPath: path("Sessions/waits.session"))
        // A stale recorded value, so --update has something to write.
        let recorded = try String(contentsOfFile: path("Sessions/waits.session"), encoding: .utf8)
        let before = recorded.replacing(try Regex("return_wait = [0-9.]+ bd"), with: "return_wait = 1 bd")
        #expect(before != recorded, "the recorded value was made stale")
        try before.write(toFile: path("Sessions/waits.session"), atomically: false, encoding: .utf8)
        let result = try run(["replay", "--update", "link.session"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("symbolic link"), "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path("link.session")) == path("Sessions/waits.session"))
        #expect(try String(contentsOfFile: path("Sessions/waits.session"), encoding: .utf8) == before)
    }

    @Test func savingKeepsTheTargetsPermissionsAndLeavesNoTemporary() throws {
        let saved = try run([], "strike_days = 10 bd\n:save waits\n")
        #expect(saved.status == 0, "\(saved.stderr)")
        let session = path("Sessions/waits.session")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: session)
        let again = try run([], ":open waits\nreturn_wait\n:save\n")
        #expect(again.status == 0, "\(again.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: session)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let left = try FileManager.default.contentsOfDirectory(atPath: path("Sessions")).filter { $0.contains(".tmp-") }
        #expect(left.isEmpty)
    }

    // MARK: reading only regular files, with a size limit

    /// Runs the binary with a time and memory ceiling, so a regression hangs or swells for
    /// seconds, not forever.
    func runGuarded(_ arguments: [String], _ input: String = "") throws -> RunResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v 4000000; exec timeout 20 \"$0\" \"$@\"", builtProduct("bargain")] + arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        process.environment = env
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        nonisolated(unsafe) var errorData = Data()
        let errorReader = Thread { errorData = stderr.fileHandleForReading.readDataToEndOfFile() }
        errorReader.start()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorReader.isFinished { usleep(1000) }
        return RunResult(stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: errorData, as: UTF8.self),
                         status: process.terminationStatus)
    }

    func makeFIFO(_ name: String) -> String {
        let fifo = path(name)
        #expect(mkfifo(fifo, 0o600) == 0)
        return fifo
    }

    @Test func gridFromAPipeOrADeviceIsRefused() throws {
        let fifo = makeFIFO("grid.csv")
        for grid in [fifo, "/dev/zero", directory.path] {
            let result = try runGuarded(["batch", "--grid", grid, "--outputs", "return_wait"])
            #expect(result.status != 0 && result.status != 124, "\(grid): \(result.status)")
            #expect(result.stderr.contains("not a regular file"), "\(grid): \(result.stderr)")
        }
    }

    @Test func loadFromAPipeOrADeviceIsRefused() throws {
        let fifo = makeFIFO("offer.bargain")
        for file in [fifo, "/dev/zero"] {
            let result = try runGuarded([], ":load \(file)\nreturn_wait\n")
            #expect(result.status != 124, "\(file) hung")
            #expect(result.stdout.contains("not a regular file") || result.stderr.contains("not a regular file"),
                    "\(file): \(result.stdout) \(result.stderr)")
            #expect(result.stdout.contains("return_wait = "), "\(file): the prompt went on")
        }
    }

    @Test func modelFromAPipeOrADeviceIsRefused() throws {
        let fifo = makeFIFO("model.bargain")
        for file in [fifo, "/dev/zero"] {
            let result = try runGuarded(["--model", file], "return_wait\n")
            #expect(result.status != 0 && result.status != 124, "\(file): \(result.status)")
            #expect(result.stderr.contains("not a regular file"), "\(file): \(result.stderr)")
        }
    }

    @Test func anOversizedFileIsRefusedBeforeItIsRead() throws {
        let huge = path("huge.bargain")
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: huge))
        try handle.truncate(atOffset: 65 << 20)  // sparse: cheap to make, 65 MiB to read
        try handle.close()
        let result = try runGuarded([], ":load huge.bargain\n")
        #expect(result.stdout.contains("64 MiB") || result.stderr.contains("64 MiB"), "\(result.stdout) \(result.stderr)")
    }

    // MARK: a session is data

    /// A session saved here, with one scenario file loaded: its header lists `offer.bargain`.
    func savedSession() throws -> String {
        try "scenario offer from baseline {\n  layoffs = 50 staff\n}\n".write(toFile: path("offer.bargain"), atomically: false, encoding: .utf8)
        let saved = try run([], ":load offer.bargain\noffer.return_wait\n:save! s.session\n")
        #expect(saved.status == 0, "\(saved.stderr)")
        return try read("s.session")
    }

    @Test func aLoadInAReceivedSessionReadsNothing() throws {
        try "top-secret-line\n".write(toFile: path("secret.txt"), atomically: false, encoding: .utf8)
        let session = try savedSession().replacingOccurrences(of: "bargain session end", with:
            "  [2]> :load secret.txt\n  ok\n\n  [3]> :load /etc/passwd\n  ok\n\nbargain session end")
        try session.write(toFile: path("evil.session"), atomically: false, encoding: .utf8)
        for arguments in [["replay", "evil.session"], ["replay", "--check", "evil.session"]] {
            let result = try run(arguments)
            let all = result.stdout + result.stderr
            #expect(!all.contains("top-secret-line") && !all.contains("root:"), "\(all)")
            #expect(all.contains("this `:load` names a file its header does not list"), "\(all)")
        }
        // At the prompt, :open runs the same replay.
        let opened = try run([], ":open evil.session\n")
        #expect(!(opened.stdout + opened.stderr).contains("top-secret-line"))
        // The file the header lists is loaded from the header, not again by the cell.
        let listed = try savedSession().replacingOccurrences(of: "bargain session end", with: "  [2]> :load offer.bargain\n  ok\n\nbargain session end")
        try listed.write(toFile: path("listed.session"), atomically: false, encoding: .utf8)
        #expect(try run(["replay", "listed.session"]).stdout.contains("offer.bargain is loaded from the session's header"))
    }

    @Test func aHeaderNamesOnlyBargainFilesByARelativePath() throws {
        let session = try savedSession()
        let cases = [
            session.replacingOccurrences(of: "model: care-capacity.bargain", with: "model: /etc/passwd"),
            session.replacingOccurrences(of: "scenarios: offer.bargain", with: "scenarios: ../offer.bargain"),
            session.replacingOccurrences(of: "scenarios: offer.bargain", with: "scenarios: secret.txt"),
        ]
        for (index, text) in cases.enumerated() {
            try text.write(toFile: path("bad\(index).session"), atomically: false, encoding: .utf8)
            let result = try run(["replay", "bad\(index).session"])
            #expect(result.status == 74, "\(index): \(result.stderr)")
            #expect(result.stderr.contains("which is not a `.bargain` file below this folder or the session's: not read"), "\(index): \(result.stderr)")
            #expect(!result.stderr.contains("root:"))
        }
        // Naming the file yourself is how to run it against another one.
        let named = try run(["replay", "bad0.session", "--model", "offer.bargain"])
        #expect(!named.stderr.contains("not read"), "\(named.stderr)")
    }

    @Test func openRestoresTheHeadersFilesAndSaysWhatChanged() throws {
        _ = try savedSession()
        let opened = try run(["--no-model"], ":open s.session\noffer.return_wait\n")
        #expect(opened.stdout.contains("note: it runs on what it was saved with: care-capacity.bargain, offer.bargain"), "\(opened.stdout)")
        #expect(opened.stdout.contains("offer.return_wait = "), "\(opened.stdout)")
        try "scenario offer from baseline {\n  layoffs = 60 staff\n}\n".write(toFile: path("offer.bargain"), atomically: false, encoding: .utf8)
        let replayed = try run(["replay", "--check", "s.session"])
        #expect(replayed.stderr.contains("the scenario file offer.bargain has changed since the session was saved"), "\(replayed.stderr)")
    }
}

/// A batch that stops half way never replaces a complete output, and temporaries left by a
/// killed run are cleaned up by the next.
@Suite struct InterruptedBatchTests: ScratchFolder {
    let directory: URL

    init() throws {
        directory = try temporaryDirectory()
    }

    @Test func aFailingRowKeepsTheOldOutputAndThePartialRowsApart() throws {
        try "old,complete\n".write(toFile: path("out.csv"), atomically: false, encoding: .utf8)
        try "layoffs\n5\n7\nzz\n9\n".write(toFile: path("g.csv"), atomically: false, encoding: .utf8)
        let result = try run(["batch", "--grid", "g.csv", "--outputs", "return_wait", "--output", "out.csv"])
        #expect(result.status == 65)
        #expect(try read("out.csv") == "old,complete\n")
        #expect(try read("out.csv.partial").split(separator: "\n").count == 3)
        #expect(result.stderr.contains("the 2 rows written before the stop are in out.csv.partial; out.csv is left as it was"), "\(result.stderr)")
    }

    @Test func sigtermStopsABatchWithoutReplacingTheOutput() throws {
        try "old,complete\n".write(toFile: path("big.csv"), atomically: false, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: builtProduct("bargain"))
        process.currentDirectoryURL = directory
        process.arguments = ["batch", "--vary", "layoffs=0..600:1500", "--vary", "indirect_hours=2..10:1500",
                             "--outputs", "return_wait", "--output", "big.csv"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        // Wait until rows are being written (the temporary grows), then ask it to stop.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            if let temp = names.first(where: { $0.hasPrefix(".big.csv.tmp-") }),
               let size = try? FileManager.default.attributesOfItem(atPath: path(temp))[.size] as? Int, size > 0 { break }
            usleep(20_000)
        }
        process.terminate()
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus != 0)
        #expect(try read("big.csv") == "old,complete\n")
        #expect(stderr.contains("are in big.csv.partial; big.csv is left as it was"), "\(stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(!names.contains { $0.contains(".tmp-") }, "\(names)")
        #expect(names.contains("big.csv.partial"))
    }

    @Test func aKilledRunsTemporaryIsRemovedByTheNext() throws {
        // No process has this id (above the kernel's pid_max), so its temporary is stale.
        let stale = path(".out.csv.tmp-99999999-abc")
        try "half a file".write(toFile: stale, atomically: false, encoding: .utf8)
        let mine = path(".other.csv.tmp-99999999-abc")
        try "not ours to judge".write(toFile: mine, atomically: false, encoding: .utf8)
        let result = try run(["batch", "--vary", "layoffs=0..10:2", "--outputs", "return_wait", "--output", "out.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: mine))
    }
}

/// Two prompts on one session file: the second plain `:save` does not drop the first's cells.
@Suite struct ConcurrentSaveTests: ScratchFolder {
    let directory: URL

    init() throws {
        directory = try temporaryDirectory()
    }

    @Test func aPlainSaveRefusesAFileSavedByAnotherPromptSinceItOpenedIt() throws {
        let file = path("two.session")
        #expect(try run(["--no-model"], "x = 1\n:save \(file)\n").status == 0)
        // Prompt A, on a terminal, opens the session and adds a cell, but has not saved yet.
        let first = try PTYProcess(builtProduct("bargain"), arguments: ["--no-model"], environment: [
            "TERM": "xterm", "LANG": "C.UTF-8", "INPUTRC": "/dev/null", "HOME": directory.path,
            "XDG_STATE_HOME": directory.path, "NO_COLOR": "1",
        ])
        try first.expect("[1]> ")
        first.send(":open \(file)\r")
        try first.expect("[2]> ")
        first.send("y = 2\r")
        try first.expect("[3]> ")
        // Prompt B opens it too, adds another cell and saves.
        let second = try run(["--no-model"], ":open \(file)\nz = 3\n:save\n")
        #expect(second.stdout.contains("saved 2 cells to \(file)"), "\(second.stdout)")
        // A's plain save is refused, saying what the file holds now; `:save!` is the way to replace it.
        first.send(":save\r")
        let said = try first.expect("[3]> ")
        #expect(said.contains("has changed on disk since this session read or saved it: it now holds 2 cells"), "\(said)")
        let kept = try read("two.session")
        #expect(kept.contains("z = 3") && !kept.contains("y = 2"))
        first.send(":save!\r")
        try first.expect("saved 2 cells")
        #expect(try read("two.session").contains("y = 2"))
    }
}

/// Inputs outside what they can be, and arithmetic with no value, are errors that say so; no
/// number shown is NaN (issue 15, "silent nonsense"), through the binary.
@Suite struct SilentNonsenseTests {
    @Test func anInputOutsideItsDomainIsRefusedNamingIt() throws {
        for (line, message) in [("strike_days = -50 bd", "weeks and strike days are not negative"),
                                 ("outsourcing_share = 140%", "shares are between 0% and 100%"),
                                 ("referrals = -5 patients/wk", "referrals, capacities and waiting lists are not negative")] {
            let result = try bargain([], input: line + "\nreturn_wait\n")
            let all = result.stdout + result.stderr
            #expect(result.status != 0)
            #expect(all.contains(message) && all.contains("changed here: " + line), "\(line): \(all)")
            // Nothing was applied: the wait is today's.
            #expect(result.stdout.contains("return_wait = 15.2 bd"), "\(line): \(result.stdout)")
        }
        // A batch row outside the domain is an error row, not a negative wait.
        let batch = try bargain(["batch", "--vary", "strike_days=-10..10:3", "--outputs", "return_wait", "--keep-going"])
        let rows = batch.stdout.split(separator: "\n")
        #expect(rows[1].hasSuffix(",weeks and strike days are not negative"), "\(batch.stdout)")
    }

    /// One definition may expand to a million operations; the whole program is capped too, so
    /// a doubling function called again and again is refused before it takes the memory.
    @Test func theProgramAsAWholeHasAnExpansionLimit() throws {
        var script = "fn f1(x) = x + x\n"
        for i in 2...16 { script += "fn f\(i)(x) = f\(i - 1)(x) + f\(i - 1)(x)\n" }
        for i in 0..<80 { script += "y\(i) = f16(\(i))\n" }
        let result = try bargain(["--no-model"], input: script)
        #expect(result.stdout.contains("y75 = 4,915,200"), "\(result.stdout.suffix(300))")
        #expect(result.stderr.contains("the definitions would expand to more than 20 million operations in all"), "\(result.stderr.prefix(300))")
    }

    @Test func noValueIsNeverPrintedAsANumber() throws {
        let result = try bargain([], input: "layoffs = normal(0 staff, 1e308 staff)\nsimulate 1000: annual_cost\n0 ^ -1\nsolve layoffs so return_wait = 1e300 bd\n")
        let all = result.stdout + result.stderr
        #expect(!all.contains("NaN"), "\(all)")
        #expect(all.contains("no draw of 1,000 has a value"))
        #expect(all.contains("zero to a negative power divides by zero"))
        #expect(all.contains("over that range return_wait goes from 15.2 bd to"), "\(all)")
    }
}

/// The committed fuzz corpus (fuzz/corpus: programs, statements on the model, sessions, grids,
/// a journal) runs through the fuzz targets without a crash; `fuzz/run.sh` runs a campaign.
@Suite struct FuzzCorpusTests {
    @Test func theSeedCorpusRunsClean() throws {
        let corpus = repositoryRoot.appendingPathComponent("fuzz/corpus").path
        let count = try FileManager.default.contentsOfDirectory(atPath: corpus).count
        let process = Process()
        process.executableURL = URL(fileURLWithPath: builtProduct("BargainFuzz"))
        process.arguments = [corpus]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0 && process.terminationReason == .exit, "\(said)")
        #expect(count >= 30 && said.contains("\(count) inputs ran through the fuzz targets without a crash"), "\(said)")
    }
}
