import Foundation
import Testing

/// `bargain batch --shard K/N`, `--rows A..B` and `--describe` (issue 12), through the binary:
/// the parts of a batch, concatenated with the header once, are the single run's bytes, for
/// grids, --vary products and --samples, for any --threads.
@Suite struct ShardTests {
    /// Joins parts as a driver does: the first whole, the others without their header line.
    func concatenate(_ parts: [String], header: Bool = true) -> String {
        parts.enumerated().map { index, part in
            guard header, index > 0, let newline = part.firstIndex(of: "\n") else { return part }
            return String(part[part.index(after: newline)...])
        }.joined()
    }

    /// Every part of `arguments` split `count` ways, each with `threads` threads; `failing`: the
    /// exit status and message of a part holding a row with no value (--keep-going).
    func parts(_ arguments: [String], count: Int, threads: Int, failing: (Int32, String)? = nil) throws -> [String] {
        var failed = 0
        let parts = try (1...count).map { k in
            let part = try bargain(["batch"] + arguments + ["--shard", "\(k)/\(count)", "--threads", "\(threads)"])
            if let failing, part.status == failing.0 {
                #expect(part.stderr.contains(failing.1), "\(part.stderr)")
                failed += 1
            } else {
                #expect(part.status == 0, "\(part.stderr)")
            }
            return part.stdout
        }
        #expect(failed == (failing == nil ? 0 : 1))
        return parts
    }

    /// A grid with blank lines, a quoted cell, cells with units and a row that fails (kept with
    /// --keep-going, its line number in the message): every part must say the same line.
    func awkwardGrid() throws -> String {
        var text = "layoffs,indirect_hours\n"
        for i in 0..<45 {
            if i % 11 == 4 { text += "\n" }
            if i == 30 {
                text += "lots,3\n"
            } else {
                text += i % 7 == 2 ? "\"\(i * 13) staff\",\(2 + Double(i % 9) * 0.5) h/wk/FTE\n" : "\(i * 13),\(2 + Double(i % 9) * 0.5)\n"
            }
        }
        return try temporaryFile("awkward.csv", text)
    }

    @Test func gridPartsConcatenateToTheSingleRun() throws {
        let arguments = ["--grid", try awkwardGrid(), "--outputs", "return_wait,annual_cost", "--keep-going"]
        let whole = try bargain(["batch"] + arguments)
        #expect(whole.status == 65 && whole.stderr.contains("unknown name `lots`"), "\(whole.stderr)")
        #expect(whole.stdout.split(separator: "\n").count == 46)
        for (count, threads) in [(1, 2), (3, 1), (4, 3), (7, 2), (48, 1)] {
            let parts = try parts(arguments, count: count, threads: threads, failing: (65, "unknown name `lots`"))
            #expect(concatenate(parts) == whole.stdout, "\(count) parts")
        }
        // The stop names the row's own line (blank lines before it counted) in any part.
        let stopping = Array(arguments.dropLast())
        let single = try bargain(["batch"] + stopping)
        let part = try bargain(["batch"] + stopping + ["--shard", "5/7"])
        for result in [single, part] {
            #expect(result.status == 65 && result.stderr.contains("awkward.csv:35:1") && result.stderr.contains("row 31 of the grid"), "\(result.stderr)")
        }
    }

    /// A quote never closed runs to the end of the file: that last record is one row with too
    /// few cells, reported and (with --keep-going) written as an error row, never dropped.
    @Test func aQuoteNeverClosedIsTheLastRowNotALostOne() throws {
        let grid = try temporaryFile("open-quote.csv", "layoffs,indirect_hours\n10,3\n\"20,4\n30,5\n")
        let arguments = ["--grid", grid, "--outputs", "return_wait", "--keep-going"]
        let whole = try bargain(["batch"] + arguments)
        #expect(whole.status == 65 && whole.stderr.contains("this row has 1 cell; the header names 2"), "\(whole.stderr)")
        let lines = whole.stdout.split(separator: "\n")
        #expect(lines.count == 3 && lines[2].hasSuffix(",,,this row has 1 cell; the header names 2"), "\(whole.stdout)")
        let parts = try parts(arguments, count: 2, threads: 1, failing: (65, "this row has 1 cell"))
        #expect(concatenate(parts) == whole.stdout)
        let stopped = try bargain(["batch", "--grid", grid, "--outputs", "return_wait", "--shard", "2/2"])
        #expect(stopped.status == 65 && stopped.stderr.contains("open-quote.csv:3:1"), "\(stopped.stderr)")
    }

    @Test func varyPartsConcatenateToTheSingleRun() throws {
        let arguments = ["--vary", "layoffs=0..600:13", "--vary", "indirect_hours=2..10:5", "--outputs", "return_wait,headcount"]
        let whole = try bargain(["batch"] + arguments)
        #expect(whole.status == 0, "\(whole.stderr)")
        for (count, threads) in [(2, 1), (5, 3), (64, 2)] {
            #expect(concatenate(try parts(arguments, count: count, threads: threads)) == whole.stdout, "\(count) parts")
        }
        let jsonl = arguments + ["--format", "jsonl"]
        let wholeJSON = try bargain(["batch"] + jsonl)
        #expect(concatenate(try parts(jsonl, count: 4, threads: 2), header: false) == wholeJSON.stdout)
    }

    /// Sampled rows: a part that starts or ends inside an input row's draws still draws what the
    /// single run draws for those rows (draws depend on the global row, never on the part).
    @Test func sampledPartsDrawWhatTheSingleRunDraws() throws {
        let scenario = try temporaryFile("unc.bargain", "outsourcing_share = 10% to 25%\nindirect_hours = 2 h/wk/FTE to 6 h/wk/FTE\n")
        let arguments = ["--load", scenario, "--scenario", "unc", "--vary", "layoffs=0..300:7", "--samples", "9", "--seed", "5",
                         "--outputs", "return_wait,annual_cost"]
        let whole = try bargain(["batch"] + arguments)
        #expect(whole.status == 0, "\(whole.stderr)")
        let rows = whole.stdout.split(separator: "\n").dropFirst()
        #expect(Set(rows.map { $0.split(separator: ",")[2] }).count > 50, "the draws differ")
        for (count, threads) in [(2, 2), (4, 1), (10, 3), (63, 1)] {
            #expect(concatenate(try parts(arguments, count: count, threads: threads)) == whole.stdout, "\(count) parts")
        }
        // Explicit ranges that cut rows' draws anywhere.
        let cuts = [0, 4, 5, 22, 40, 63]
        let ranges = try zip(cuts, cuts.dropFirst()).map { from, to in
            try bargain(["batch"] + arguments + ["--rows", "\(from)..\(to)"]).stdout
        }
        #expect(concatenate(ranges) == whole.stdout)
    }

    /// A row of more draws than a chunk holds is split by draws; parts cut inside it agree.
    @Test func partsOfARowOfManyDrawsAgree() throws {
        let scenario = try temporaryFile("unc.bargain", "outsourcing_share = 10% to 25%\n")
        let arguments = ["--load", scenario, "--scenario", "unc", "--outputs", "return_wait", "--samples", "70000", "--vary", "layoffs=0..1:2"]
        let whole = try bargain(["batch"] + arguments)
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(concatenate(try parts(arguments, count: 3, threads: 2)) == whole.stdout)
    }

    @Test func describeCountsRowsAndNamesColumnsWithoutRunning() throws {
        let scenario = try temporaryFile("unc.bargain", "outsourcing_share = 10% to 25%\n")
        let result = try bargain(["batch", "--load", scenario, "--scenario", "unc", "--grid", try awkwardGrid(), "--samples", "3",
                                  "--outputs", "return_wait,return_wait_by_year", "--keep-going", "--describe"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["rows"] as? Int == 135 && json["input_rows"] as? Int == 45 && json["samples"] as? Int == 3)
        #expect(json["bargain_version"] as? String == "0.1.0")
        #expect((json["model_hash"] as? String)?.count == 64)
        let columns = try #require(json["columns"] as? [[String: String]])
        #expect(columns.map { $0["header"]! } == ["layoffs[staff]", "indirect_hours[h/wk/FTE]", "draw", "return_wait[bd]", "return_wait_by_year.1[bd]",
                                                   "return_wait_by_year.2[bd]", "return_wait_by_year.3[bd]", "return_wait_by_year.4[bd]", "error"])
        #expect(columns[3]["unit"] == "bd" && columns[3]["role"] == "output" && columns[2]["type"] == "int64" && columns[8]["type"] == "string")
        // A changed model has another hash.
        let other = try temporaryFile("unc.bargain", "outsourcing_share = 10% to 26%\n")
        let changed = try bargain(["batch", "--load", other, "--scenario", "unc", "--vary", "layoffs=0..1:2", "--outputs", "return_wait", "--describe"])
        let changedJSON = try #require(try JSONSerialization.jsonObject(with: Data(changed.stdout.utf8)) as? [String: Any])
        #expect(changedJSON["model_hash"] as? String != json["model_hash"] as? String)
    }

    /// Hostile ranges: a usage error (exit 64) that says why, and nothing written.
    @Test func hostileRangesAreUsageErrorsAndWriteNothing() throws {
        let folder = (try temporaryFile("keep", "") as NSString).deletingLastPathComponent
        let output = folder + "/out.csv"
        let cases: [([String], String)] = [
            (["--shard", "0/3"], "there is no part 0 of 3"),
            (["--shard", "4/3"], "there is no part 4 of 3"),
            (["--shard", "1/0"], "cannot be split into 0 parts"),
            (["--shard", "a/b"], "is not K/N"),
            (["--shard", "1/2", "--rows", "0..2"], "not both"),
            (["--rows", "5..2"], "ends before it starts"),
            (["--rows", "0..8"], "the batch has 7 rows"),
            (["--rows", "x..3"], "is not A..B"),
            (["--rows", "3"], "is not A..B"),
        ]
        for (extra, message) in cases {
            let result = try bargain(["batch", "--vary", "layoffs=0..600:7", "--outputs", "return_wait", "--output", output] + extra)
            #expect(result.status == 64, "\(extra): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(extra): \(result.stderr)")
            #expect(result.stdout.isEmpty && !FileManager.default.fileExists(atPath: output), "\(extra)")
            let piped = try bargain(["batch", "--vary", "layoffs=0..600:7", "--outputs", "return_wait"] + extra)
            #expect(piped.status == 64 && piped.stdout.isEmpty, "\(extra)")
        }
        // A grid's range is checked against its rows before the header is written.
        let grid = try bargain(["batch", "--grid", try awkwardGrid(), "--outputs", "return_wait", "--rows", "40..46"])
        #expect(grid.status == 64 && grid.stdout.isEmpty && grid.stderr.contains("the batch has 45 rows"), "\(grid.stderr)")
    }
}
