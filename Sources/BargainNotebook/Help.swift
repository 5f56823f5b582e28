import BargainUnits
import BargainSemantics

/// The text of `:help` and its topics. Kept in the library so tests can check every example in it runs.
enum Help {
    static let topics: [(name: String, summary: String)] = [
        ("language", "numbers, units, definitions, functions, lists, conditions"),
        ("units", "the built-in units and how they convert"),
        ("functions", "built-in functions"),
        ("time", "the contract week by week: series, previous(), reductions, by-year lists"),
        ("scenarios", "scenario, use, and reading another scenario's values"),
        ("analysis", "compare, explain, watch, sweep, solve, optimize, frontier, diff, sensitivity, simulate"),
        ("commands", "the :commands of the prompt"),
        ("sessions", "cells, _ and _N, notes, undo, saving, replaying, recovery"),
    ]

    static func text(topic: String?) -> String? {
        switch topic?.lowercased() {
        case nil, "": return overview
        case "language": return language
        case "units": return units
        case "functions": return functions
        case "time": return time
        case "scenarios": return scenarios
        case "analysis": return analysis
        case "commands": return commands
        case "sessions": return sessions
        default: return nil
        }
    }

    static let overview = """
        bargain: a calculator with units for the bargaining table.

          therapists = 2400 staff          define a name (or redefine it: what depends on it follows)
          fte                              show a value
          return_wait in wk                show it in another unit
          scenario cut from baseline { layoffs = 150 staff }
          use cut                          later definitions go to `cut`
          cut.return_wait                  a value from another scenario

        Help on a topic: :help TOPIC
        """ + "\n" + topics.map { "  \($0.name.padding(to: 11))\($0.summary)" }.joined(separator: "\n")

    static let language = """
        Numbers: 2400, 1_000, 2.5, 1e6, 12% (= 0.12), money $150k $1.5M $67B.
        Units follow a number: 150 staff, 7.5 h/wk/FTE, $150k/yr/FTE. Units combine with * / ^.
        Adding or comparing unlike units is an error; `x in UNIT` converts.
        A value whose units cancel is a plain number: 6 wk/yr is 0.1154.

          name = expr                 define; formulas follow their inputs
          fn name(a, b) = expr        a function; it accepts any units its body accepts
          if cond then a else b       comparisons < <= > >= == !=, and, or, not
          [5%, 4%, 4%, 4%]            a list; arithmetic works entry by entry; list[1] is the first
          require cond else "why"     an error, naming the inputs behind it, whenever cond is false
          a to b                      an uncertain value: a 90% interval (also normal, uniform, triangular)
          inf                         infinity, shown as ∞
          # comment                   to the end of the line

        An entry continues on the next line while a bracket is open or a line ends in an
        operator, `=`, `then` or `else`.
        """

    static let time = """
        The model projects the contract week by week: week 1 … T, T = 52 × the length of `raises`.

          week = timeline(52 * len(raises))      the weeks, 1 wk … T wk: a series
          contract_year = ceil(week / 52 wk)     1 … n, week by week
          raises[contract_year]                  a by-year list read at each week's year
          x = previous(x, start) * 0.99          a recurrence: last week's x, `start` before week 1
          if week >= strike_start then … else …  element by element, like + - * / min max
          mean(x) sum(x) min(x) max(x) first(x) last(x) x[52]
          mean_by_year(x) sum_by_year(x)         one entry per contract year
          first_week(backlog_by_week <= 0 visits)   the first week it holds; inf if never
          by_year(hires)                         one value (year 1) or one per contract year
          chart return_backlog_by_week           drawn over the weeks, years marked, from zero
          chart staff_by_week from 2000 staff    the value axis from where you say

        Names ending `_by_week` are series, `_by_year` lists. A series shows as one line: its
        first and last week, its range and a sparkline. The checker knows every shape: a series
        and a by-year list cannot be added (read the list at `contract_year`), and a recurrence may
        read only its own previous week, never a total or a later week of itself. Two series may
        read each other's last week (defined in one cell, or anywhere in a model file): they are
        computed together, week by week; reading each other's current week is a cycle.
        """

    static var units: String {
        "Built-in units (a bare number is a plain number):\n"
            + Units.all.map { unit in
                let spelling = unit.plural == unit.symbol ? unit.symbol : "\(unit.symbol), \(unit.plural)"
                return "  \(spelling.padding(to: 18))\(unit.meaning)"
            }.joined(separator: "\n")
            + "\n\n$ takes k, M, B: $150k, $1.5M. 1 yr = 52 wk, 1 month = 1/12 yr, 1 bd = 1/5 wk, 1 day = 1/7 wk."
            + "\nAfter a number, and after `in`, the long spellings are read too: 3 weeks, 2 years, 8 hours, in months."
            + "\nA model adds its own: `unit shift = 8 h` (then 2 shifts/wk), or `unit bed`, a dimension of its own ($120/bed/day)."
    }

    static var functions: String {
        "Built-in functions:\n" + Builtin.allCases.map { "  " + $0.summary }.joined(separator: "\n")
            + "\n  lookup(x, xs, ys): a table by bands: the ys entry of the last xs at or below x (xs rising)"
            + "\n  interpolate(x, xs, ys): a table read along straight lines between the points (xs rising)"
    }

    static let scenarios = """
        A scenario is a named set of changes on top of another scenario; `baseline` is the model as loaded.

          scenario cut from baseline {
            layoffs = 150 staff
            indirect_hours = 3.5 h/wk/FTE
          }
          use cut                   later definitions change `cut`, not baseline
          use baseline              back to the model itself
          cut.return_wait           read a value of any scenario
          reset union_2025          a scenario from a file back to what the file says
          reset baseline            every input edited since back to the model's value

        Changing baseline changes every scenario built on it, except where a scenario sets that name itself.
        """

    static let analysis = """
        compare A, B, C: out1, out2     one row per output, one column per scenario, with changes
        explain name [in S] [depth N]   the formula tree with every value; [bracketed] values are the base scenario's
        watch a, b / unwatch            show these again, with their change, after every edit
        sweep x from A to B step S: outputs      (or `sweep x in [a, b]`; two inputs make a grid)
        solve x so output = target [in A..B]     (`<=`, `>=`: where it starts or stops holding)
        optimize minimize out over x in A..B [step S], y in C..D such that c <= X, d >= Y
                                        the best package of levers that meets every constraint:
                                        slack, what loosening each would gain; `scenario best = _`
                                        makes it a scenario, `_N.hires` reads one lever cell N found
        frontier out1 vs out2 over x in A..B, y in C..D [such that …] [points N]
                                        the packages no other beats on both, every scenario against them
        diff A B: outputs               which inputs make the difference, as Shapley values that add up
        sensitivity output [over a, b] [by 10%]  how far the output swings as each input moves
        x = 10% to 25%                  an uncertain input (also normal, uniform, triangular)
        simulate N [seed S]: outputs, P(output > X)   Monte Carlo: mean, sd, percentiles
        sensitivity output global samples N [seed S] [in S]   Sobol' indices of every uncertain input:
                                        first order (alone) and total (with interactions), 95% intervals

        precision 6                     numbers show 6 significant digits from here on (4 by default, 1 to 15);
                                        a statement, so a saved session replays with it (`:precision 6` too)

        On a terminal, tables come with charts. Ctrl-C stops a long sweep, simulation or search.
        """

    static let commands = """
        :help [TOPIC]       this help, or help on a topic
        :names [TEXT]       what is defined in the current scenario, with values (names containing TEXT)
        :inputs [TEXT]      every input with its value and basis (S sourced, D derived, A assumption)
        :outputs [TEXT]     every computed value
        :scenarios          the scenarios and what each one changes
        :load FILE          load scenarios from a file
        :history            the cells and notes so far
        :undo               take back the last cell: what it changed is as it was before
        :save [NAME]        save the session to Sessions/NAME.session (or a path); :save! replaces a file
        :open FILE          go on with a saved session (Sessions/FILE.session, or a path)
        :export FILE.html   the session so far as one HTML file (tables, SVG charts, notes); FILE.md
                            for Markdown with its charts as SVG files beside it
        :chart FILE.svg     the last chart drawn (chart, sweep, diff, sensitivity, simulate) as SVG
        :precision N        significant digits from here on: the cell `precision N`, which sessions keep
        :quit               leave (Ctrl-D too); Ctrl-C abandons the line being typed
        """

    static let sessions = """
        Each entry is a numbered cell: [3]> is the prompt for cell 3.
          _                   the value the last cell showed;  _3  the value cell 3 showed
          x = _3 * 2          keeps cell 3's value as a constant: x does not follow later edits
          # a note            kept in the session as a note (no number, changes nothing)

        :save strike writes Sessions/strike.session: the model's name and hash, then every note,
        input and output as shown. `bargain replay FILE` runs it again and prints what comes out
        now; `--check` shows a diff of what changed and exits 1; `--update` records the new outputs.

        Every cell is written to a journal before the next prompt. After a crash, `bargain
        --recover` lists the sessions that were not saved and `bargain --recover N` goes on with one.
        """
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
