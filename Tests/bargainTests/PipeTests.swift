import Foundation
import Testing

/// `bargain` with standard input from a pipe: no prompt, results on stdout, errors on stderr,
/// and an exit status that says whether everything worked.
@Suite struct PipeTests {
    @Test func printsResultsWithoutPrompts() throws {
        let result = try bargain(["--no-model"], input: "x = 2400 staff\nx * 0.85 FTE/staff\n")
        #expect(result.stdout == "x = 2,400 staff\n2,040 FTE\n")
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test func loadsTheDefaultModel() throws {
        let result = try bargain([], input: "fte\nreturn_wait\nannual_cost\n")
        #expect(result.stdout == "fte = 1,964 FTE\nreturn_wait = 15.2 bd\nannual_cost = $687.8M/yr\n")
        #expect(result.status == 0)
    }

    @Test func goesOnAfterAnErrorAndExitsWithItsCode() throws {
        let result = try bargain(["--no-model"], input: "x = 1 staff\nx + 1 h\ny = x * 2\n")
        #expect(result.stdout == "x = 1 staff\ny = 2 staff\n")
        #expect(result.stderr.contains("error[E301]: cannot add staff and h"))
        #expect(result.stderr.contains("<input:2>:1:1"))
        #expect(result.status == 65)
    }

    @Test func evaluationErrorsExitWith70() throws {
        let result = try bargain(["--no-model"], input: "x = 0\n1 / x\n")
        #expect(result.status == 70)
        #expect(result.stderr.contains("division by zero"))
    }

    @Test func multiLineEntries() throws {
        let result = try bargain(["--no-model"], input: "raises = [5%,\n  4%,\n  4%]\nfn f(x) =\n  if x > 0 then x\n  else -x\nf(-2)\n")
        #expect(result.stdout == "raises = [5%, 4%, 4%]\nfn f(x)\n2\n")
        #expect(result.status == 0)
    }

    @Test func commandsWork() throws {
        let result = try bargain([], input: ":names wait\n:help units\n:quit\nfte\n")
        #expect(result.stdout.contains("return_wait = 15.2 bd"))
        #expect(result.stdout.contains("business day"))
        #expect(!result.stdout.contains("fte = "), ":quit stops reading")
        #expect(result.status == 0)
    }

    @Test func noColourInPipes() throws {
        let result = try bargain(["--no-model"], input: "1 +\n", environment: ["NO_COLOR": ""])
        #expect(!result.stderr.contains("\u{1B}["))
    }

    /// None of these may crash: each gets a diagnostic and the session goes on.
    @Test func hostileInput() throws {
        let deep = String(repeating: "[", count: 100_000) + "\nafter = 1\n"
        var result = try bargain(["--no-model"], input: deep)
        #expect(result.status == 65)
        #expect(result.stderr.contains("nested too deeply"))
        #expect(result.stdout.contains("after = 1"))

        let megabyte = "x = " + String(repeating: "1 + ", count: 250_000) + "1\nafter = 2\n"
        result = try bargain(["--no-model"], input: megabyte)
        #expect(result.status == 65)
        #expect(result.stdout.contains("after = 2"))
        #expect(result.stderr.count < 10_000, "the error shows a window of the line, not all of it")

        var garbage = Data((0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })
        garbage.append(Data("\nafter = 3\n".utf8))
        result = try bargain(["--no-model"], inputData: garbage)
        #expect(result.status == 65)
        #expect(result.stdout.contains("after = 3"))

        result = try bargain(["--no-model"], input: "fn fact(n) = if n <= 1 then 1 else n * fact(n - 1)\nfact(5)\nafter = 4\n")
        #expect(result.stderr.contains("calls itself"))
        #expect(result.stdout.contains("after = 4"))
        #expect(result.status == 65)
    }
}
