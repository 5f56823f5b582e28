import Glibc
import ArgumentParser
import BargainUnits
import BargainRendering
import BargainBench

/// `bargain bench`: the speed figures, measured on this machine. Build with `-c release` first.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure start-up, model loading, edits and analysis on this machine.",
        discussion: "Timings are medians of repeated runs. Use a release build: swift build -c release && .build/release/bargain bench"
    )

    @Flag(help: "Fewer repetitions, for a quick look.")
    var quick = false

    func run() throws {
        var results = [startup(arguments: [], runs: quick ? 5 : 21, name: "start, load the model, read piped input, exit"),
                       startup(arguments: ["--no-model"], runs: quick ? 5 : 21, name: "start and exit with no model")]
        results += LanguageBenchmarks.all(quick: quick)
        results += AnalysisBenchmarks.all(quick: quick)
        results += BatchBenchmarks.all(quick: quick)
        print(TableText.render(Benchmark.table(results)))
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print("peak memory (max RSS) of this process: \(QuantityFormat.number(Double(usage.ru_maxrss) / 1024)) MB")
    }

    /// Runs this same binary with empty standard input: start, load, (no prompt: piped), exit.
    func startup(arguments: [String], runs: Int, name: String) -> Measurement {
        let path = "/proc/self/exe"
        return Benchmark.measure(name, runs: runs) {
            var pid: pid_t = 0
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            let argv = ([path] + arguments).map { strdup($0) } + [nil]
            defer {
                argv.forEach { free($0) }
                posix_spawn_file_actions_destroy(&actions)
            }
            guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }
}
