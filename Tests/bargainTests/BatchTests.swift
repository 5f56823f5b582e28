import Foundation
import Testing

/// `bargain batch`: grids and --vary products, CSV and JSON Lines, threads, errors.
@Suite struct BatchTests {
    static let outputs = "headcount,fte,capacity,intake_wait,return_wait,return_compliance,return_weeks_to_clear,annual_cost,contract_cost,severance_cost,cost_per_visit"

    /// A grid of `rows` layoffs × indirect-hours pairs, some of them with units.
    func grid(_ rows: Int) throws -> String {
        var text = "layoffs,indirect_hours\n"
        for i in 0..<rows {
            let layoffs = (i * 37) % 600, hours = 2 + Double(i % 17) * 0.5
            text += i % 10 == 3 ? "\(layoffs) staff,\(hours) h/wk/FTE\n" : "\(layoffs),\(hours)\n"
        }
        return try temporaryFile("grid.csv", text)
    }

    @Test func aGridAgreesWithTheIndependentPythonModel() throws {
        let path = try grid(300)
        let output = (path as NSString).deletingLastPathComponent + "/out.csv"
        let result = try bargain(["batch", "--grid", path, "--outputs", "all", "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let check = try python([repositoryRoot.appendingPathComponent("bench/agree_v2.py").path, output])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("300 rows, 16500 values compared"))
        #expect(check.stdout.contains("all agree"))
    }

    /// By-year lists expand to a column per contract year (`name.1` …), each checked against the
    /// independent numpy model on a grid that moves many levers.
    @Test func byYearOutputsAgreeWithThePythonModelYearByYear() throws {
        let folder = (try temporaryFile("keep", "") as NSString).deletingLastPathComponent
        let grid = folder + "/random.csv", output = folder + "/by-year.csv"
        let made = try python([repositoryRoot.appendingPathComponent("bench/agree_v2.py").path, "--random-grid", "120", grid])
        #expect(made.status == 0, "\(made.stderr)")
        let result = try bargain(["batch", "--grid", grid, "--output", output,
                                  "--outputs", "return_wait_by_year,staff_by_year,annual_cost_by_year,return_compliance_by_year,abandoned_by_year"])
        #expect(result.status == 0, "\(result.stderr)")
        let header = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")[0]
        #expect(header.hasSuffix("return_wait_by_year.1[bd],return_wait_by_year.2[bd],return_wait_by_year.3[bd],return_wait_by_year.4[bd],staff_by_year.1[staff],staff_by_year.2[staff],staff_by_year.3[staff],staff_by_year.4[staff],annual_cost_by_year.1[$/yr],annual_cost_by_year.2[$/yr],annual_cost_by_year.3[$/yr],annual_cost_by_year.4[$/yr],return_compliance_by_year.1[%],return_compliance_by_year.2[%],return_compliance_by_year.3[%],return_compliance_by_year.4[%],abandoned_by_year.1[visits/yr],abandoned_by_year.2[visits/yr],abandoned_by_year.3[visits/yr],abandoned_by_year.4[visits/yr]"))
        let check = try python([repositoryRoot.appendingPathComponent("bench/agree_v2.py").path, output])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("120 rows, 2400 values compared"))
        #expect(check.stdout.contains("all agree"))
    }

    /// A series expands to a column per week, each the value the prompt gives for that week.
    @Test func aSeriesIsAColumnPerWeekMatchingThePrompt() throws {
        let batch = try bargain(["batch", "--vary", "layoffs=150..150:1", "--outputs", "staff_by_week"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let lines = batch.stdout.split(separator: "\n")
        let header = lines[0].split(separator: ","), row = lines[1].split(separator: ",").map { Double($0)! }
        #expect(header.count == 209 && header[1] == "staff_by_week.1[staff]" && header[208] == "staff_by_week.208[staff]")
        let script = try temporaryFile("weeks.bargain", "layoffs = 150 staff\nstaff_by_week\n")
        let run = try bargain(["run", "--json", script])
        let last = try #require(run.stdout.split(separator: "\n").last)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        let weeks = try #require(json["value"] as? [Double])
        #expect(json["unit"] as? String == "staff")
        // Both print the shortest text that reads back exactly; Foundation's JSON reader may be
        // off in the last bit, so compare to 1e-14.
        #expect(weeks.count == 208)
        #expect(zip(row.dropFirst(), weeks).allSatisfy { abs($0 - $1) <= 1e-14 * abs($1) })
    }

    /// A row of one byte once crashed the grid reader and lost every row before it.
    @Test func aOneByteRowIsARow() throws {
        let grid = try temporaryFile("one-byte.csv", "layoffs\n5\n7\n")
        let result = try bargain(["batch", "--grid", grid, "--outputs", "return_wait"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("5,"))
        #expect(lines[2].hasPrefix("7,"))
    }

    /// Excel writes UTF-8 CSV with a byte-order mark before the header; it once made the grid refused.
    @Test func aByteOrderMarkBeforeTheHeaderIsSkipped() throws {
        let grid = try temporaryFile("bom.csv", "\u{FEFF}layoffs\n5\n")
        let result = try bargain(["batch", "--grid", grid, "--outputs", "return_wait"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("layoffs[staff],return_wait[bd]\n5,"))
    }

    @Test func theSameBytesForAnyNumberOfThreads() throws {
        let path = try grid(5_000)
        let one = try bargain(["batch", "--grid", path, "--outputs", Self.outputs, "--threads", "1"])
        let two = try bargain(["batch", "--grid", path, "--outputs", Self.outputs, "--threads", "2"])
        let four = try bargain(["batch", "--grid", path, "--outputs", Self.outputs, "--threads", "4"])
        #expect(one.status == 0 && !one.stdout.isEmpty)
        #expect(one.stdout == two.stdout)
        #expect(one.stdout == four.stdout)
        #expect(one.stdout.split(separator: "\n").count == 5_001)
        let sampled = ["batch", "--vary", "layoffs=0..300:7", "--samples", "50", "--seed", "4", "--outputs", "return_wait",
                       "--scenario", "unsure", "--load", try temporaryFile("unsure.bargain", "referrals = 9000 patients/wk to 10000 patients/wk\n")]
        let a = try bargain(sampled + ["--threads", "1"]), b = try bargain(sampled + ["--threads", "2"])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.hasPrefix("layoffs[staff],draw,return_wait[bd]\n"))
        #expect(a.stdout.split(separator: "\n").count == 1 + 7 * 50)
    }

    @Test func varyIsTheProductInOrderWithTheLastInputFastest() throws {
        let result = try bargain(["batch", "--vary", "layoffs=0..100:2", "--vary", "strike_days=0..10:3", "--outputs", "headcount"])
        #expect(result.stdout == """
            layoffs[staff],strike_days[bd],headcount[staff]
            0,0,2400
            0,5,2400
            0,10,2400
            100,0,2300
            100,5,2300
            100,10,2300

            """)
    }

    @Test func jsonLinesParseLineByLine() throws {
        let result = try bargain(["batch", "--vary", "layoffs=0..600:4", "--outputs", "return_wait,return_weeks_to_clear", "--format", "jsonl"])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["layoffs[staff]"] != nil && object["return_wait[bd]"] is Double)
            #expect(object["return_weeks_to_clear[wk]"] as? String == "inf")
        }
    }

    @Test func aBadRowStopsWithItsRowAndColumn() throws {
        let path = try temporaryFile("bad.csv", "layoffs,indirect_hours\n0,7.5\n10,3 wk\n20,5\n")
        let result = try bargain(["batch", "--grid", path, "--outputs", "return_wait"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("bad.csv:3:4"))
        #expect(result.stderr.contains("`indirect_hours` is in h/wk/FTE"))
        #expect(result.stdout == "layoffs[staff],indirect_hours[h/wk/FTE],return_wait[bd]\n0,7.5,15.197492514275076\n",
                "the rows before it are written, whole")
    }

    @Test func keepGoingWritesErrorRowsAndCountsThem() throws {
        let path = try temporaryFile("mixed.csv", "layoffs,indirect_hours\n0,7.5\n10,zz\n3000,5\n20,5\n")
        let result = try bargain(["batch", "--grid", path, "--outputs", "return_wait", "--keep-going"])
        #expect(result.status == 65)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 5)
        #expect(lines[0] == "layoffs[staff],indirect_hours[h/wk/FTE],return_wait[bd],error")
        #expect(lines[2].hasPrefix("10,zz,,"))
        #expect(lines[3].hasPrefix("3000,5,,layoffs must be fewer than therapists"))
        #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 4 })
        #expect(result.stderr.contains("2 of 4 rows have no value"))
    }

    @Test func gridErrorsHaveCodesOfTheirOwn() throws {
        let cases = [("empty.csv", "", "E701"), ("short.csv", "layoffs,indirect_hours\n10\n", "E702"),
                     ("blank.csv", "layoffs,indirect_hours\n10,\n", "E703")]
        for (name, text, code) in cases {
            let path = try temporaryFile(name, text)
            let result = try bargain(["batch", "--grid", path, "--outputs", "return_wait"])
            #expect(result.status == 65, "\(name): \(result.status)")
            #expect(result.stderr.contains("error[\(code)]"), "\(name): \(result.stderr)")
        }
    }

    @Test func badOptionValuesAreRefusedWithTheChoicesOrTheReason() throws {
        let format = try bargain(["batch", "--vary", "layoffs=0..1:2", "--outputs", "fte", "--format", "xml"])
        #expect(format.status == 64)
        #expect(format.stderr.contains("'xml' is invalid for '--format <format>'"), "\(format.stderr)")
        #expect(format.stderr.contains("'csv' and 'jsonl'"), "\(format.stderr)")
        let reasons = [("layoffs=0..1", "no `:COUNT`"), ("layoffs=0..1:0", "the count `0`"), ("layoffs=a..b:3", "the range `a..b`")]
        for (value, reason) in reasons {
            let vary = try bargain(["batch", "--vary", value, "--outputs", "fte"])
            #expect(vary.status == 64)
            #expect(vary.stderr.contains("'\(value)' is invalid for '--vary <name=from..to:count>'"), "\(vary.stderr)")
            #expect(vary.stderr.contains(reason) && vary.stderr.contains("such as layoffs=0..600:601"), "\(vary.stderr)")
        }
    }

    @Test func headerAndUsageErrors() throws {
        let typo = try temporaryFile("typo.csv", "layofs\n1\n")
        let result = try bargain(["batch", "--grid", typo, "--outputs", "fte"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("did you mean `layoffs`?"))
        #expect(try bargain(["batch", "--outputs", "fte"]).status == 64)
        #expect(try bargain(["batch", "--vary", "layoffs=0..1", "--outputs", "fte"]).status == 64)
        #expect(try bargain(["batch", "--vary", "layoffs=0..1:2", "--outputs", "nope"]).stderr.contains("unknown output"))
        #expect(try bargain(["batch", "--grid", "/no/such.csv", "--outputs", "fte"]).status == 74)
    }

    @Test func outputGoesToAFileWholeOrNotAtAll() throws {
        let directory = try temporaryDirectory()
        let out = directory.appendingPathComponent("o.csv").path
        let result = try bargain(["batch", "--vary", "layoffs=0..10:11", "--outputs", "headcount", "--output", out])
        #expect(result.status == 0 && result.stdout.isEmpty)
        #expect(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count == 12)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["o.csv"], "no temporary file left")
    }

    @Test func runWritesTablesAsData() throws {
        let script = try temporaryFile("s.bargain", "sweep strike_days from 0 bd to 20 bd step 10 bd: return_wait\ncompare baseline, union_2025: annual_cost\n")
        let csv = try bargain(["run", "--format", "csv", script])
        #expect(csv.stdout.hasPrefix("strike_days[bd],return_wait[bd]\n0,15.197492514275076\n"))
        #expect(csv.stdout.contains("\n\noutput,unit,baseline,union_2025,change,%\nannual_cost,$/yr,"))
        let directory = try temporaryDirectory()
        let out = directory.appendingPathComponent("t.csv").path
        #expect(try bargain(["run", "--format", "jsonl", "--output", out, script]).status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("{\"strike_days[bd]\":0,\"return_wait[bd]\":15.197492514275076}"))
        #expect(try String(contentsOfFile: directory.appendingPathComponent("t-2.csv").path, encoding: .utf8).contains("\"output\":\"annual_cost\""))
    }
}

/// Runs python3 with arguments.
func python(_ arguments: [String]) throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return RunResult(stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
                     status: process.terminationStatus)
}

extension BatchTests {
    /// README's batch example prints what README says it prints.
    @Test func readmeExample() throws {
        let path = try temporaryFile("grid.csv", "layoffs,indirect_hours\n0,7.5\n150,3.5\n300 staff,5 h/wk/FTE\n")
        let result = try bargain(["batch", "--grid", path, "--outputs", "return_wait,annual_cost"])
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("printf 'layoffs,indirect_hours\\n0,7.5\\n150,3.5\\n300 staff,5 h/wk/FTE\\n' > grid.csv"))
        let indented = result.stdout.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        #expect(readme.contains(indented))
    }
}

/// Many draws a row stream in bounded chunks (a row of more draws than a chunk holds is split),
/// and a draw is the same whichever chunk holds it (issue 15: 10,000,000 samples once allocated 37 GB).
@Suite struct ManyDrawsTests {
    @Test func aRowOfManyDrawsIsSplitAndKeepsItsDraws() throws {
        let scenario = try temporaryFile("unc.bargain", "outsourcing_share = 10% to 25%\n")
        let few = try bargain(["batch", "--load", scenario, "--scenario", "unc", "--outputs", "return_wait", "--samples", "3", "--vary", "layoffs=0..1:2"])
        let many = try bargain(["batch", "--load", scenario, "--scenario", "unc", "--outputs", "return_wait", "--samples", "70000", "--vary", "layoffs=0..1:2"])
        #expect(many.status == 0, "\(many.stderr)")
        let lines = many.stdout.split(separator: "\n")
        #expect(lines.count == 140_001)
        // Row 0's first draws are global draws 0, 1, 2 in both runs.
        #expect(Array(lines[1...3]) == Array(few.stdout.split(separator: "\n")[1...3]))
        // The split falls after draw 65,535 of row 0; the draws go on, in order, without a repeat.
        #expect(lines[65536].hasPrefix("0,65535,") && lines[65537].hasPrefix("0,65536,") && lines[70001].hasPrefix("1,0,"))
        #expect(lines[65536].split(separator: ",")[2] != lines[65537].split(separator: ",")[2])
    }
}

/// Reproducers of issue 15 that once crashed or ran away, through the binary.
@Suite struct BatchLimitTests {
    @Test func aVaryProductTooLargeToCountIsAnError() throws {
        let result = try bargain(["batch", "--vary", "layoffs=0..600:4294967296", "--vary", "indirect_hours=2..10:4294967296",
                                  "--outputs", "return_wait"])
        #expect(result.status == 70, "\(result.stderr)")
        #expect(result.stderr.contains("the --vary grid has too many rows to count"))
    }

    @Test func aHugeGridLineIsRefusedWithoutReadingItIntoMemory() throws {
        var text = "layoffs\n5\n"
        text += String(repeating: "1", count: 3 << 20) + "\n"
        let grid = try temporaryFile("long-line.csv", text)
        let result = try bargain(["batch", "--grid", grid, "--outputs", "return_wait"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("line 3 of `\(grid)` is longer than 1 MiB"), "\(result.stderr)")
    }
}

@Suite struct GridEchoTests {
    /// A quantity in the column's unit is echoed as written, not after a unit's round trip.
    @Test func aQuantityCellIsEchoedAsWritten() throws {
        let grid = try temporaryFile("echo.csv", "indirect_hours\n7.5 h/wk/FTE\n3.3 h/wk/FTE\n")
        let result = try bargain(["batch", "--grid", grid, "--outputs", "return_wait"])
        let rows = result.stdout.split(separator: "\n")
        #expect(rows[1].hasPrefix("7.5,") && rows[2].hasPrefix("3.3,"), "\(result.stdout)")
    }
}

/// A share's bare number is the plain value, in grids and --vary (issue 14: `0.40..0.46` once ran 0.4%).
@Suite struct ShareCellTests {
    @Test func aBareShareIsThePlainValueAndAHeaderUnitSaysOtherwise() throws {
        let vary = try bargain(["batch", "--vary", "outsourcing_share=0.40..0.46:3", "--outputs", "return_wait"])
        #expect(vary.stdout.hasPrefix("outsourcing_share,return_wait[bd]\n0.4,15.19749"), "\(vary.stdout)")
        #expect(vary.stdout.contains("\n0.43,"), "the step's float dust is not echoed: \(vary.stdout)")
        let grid = try temporaryFile("shares.csv", "outsourcing_share\n0.45\n45%\n")
        let rows = try bargain(["batch", "--grid", grid, "--outputs", "return_wait"]).stdout.split(separator: "\n")
        #expect(rows[1].split(separator: ",")[1] == rows[2].split(separator: ",")[1], "0.45 and 45% are the same share")
        let percent = try temporaryFile("percent.csv", "outsourcing_share[%]\n45\n")
        let inPercent = try bargain(["batch", "--grid", percent, "--outputs", "return_wait"]).stdout.split(separator: "\n")
        #expect(inPercent[1].split(separator: ",")[1] == rows[1].split(separator: ",")[1])
    }
}
