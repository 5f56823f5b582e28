import CReadline
import Glibc
import Synchronization

/// What one call to `LineEditor.read(prompt:)` produced.
package enum LineEditorEvent: Equatable, Sendable {
    /// The user pressed Enter. The text has no trailing newline, but a bracketed paste can put
    /// newlines inside it: treat it as one or more lines.
    case line(String)
    /// Ctrl-C: the line was abandoned; read again with a fresh prompt.
    case interrupted
    /// Ctrl-D on an empty line, or the input closed.
    case endOfInput
}

/// A failure to save the history file.
package struct LineEditorError: Error, CustomStringConvertible, Sendable {
    package let description: String
}

/// Interactive line editing over GNU readline: history, completion, and Ctrl-C that abandons
/// the line instead of killing the process.
///
/// Use it only when standard input is a terminal (`LineEditor.isInteractive`); for piped input
/// read plain lines instead. readline is one global state machine, so create one editor per
/// process and use it from one thread.
///
/// Signals. readline runs through its callback interface (`rl_callback_handler_install` and
/// `rl_callback_read_char` driven by `poll`), with readline's own handlers off
/// (`rl_catch_signals = 0`, `rl_catch_sigwinch = 0`). In callback mode readline would install
/// them only inside `rl_callback_read_char`, so a signal arriving while `poll` waits would miss
/// them anyway. Instead every signal that matters while editing wakes `poll` through
/// `SignalWakeup`'s pipe and is handled in the loop, outside signal context:
/// - SIGINT (`Interrupt`'s process-wide handler): abandon the line, return `.interrupted`.
/// - SIGWINCH: `rl_resize_terminal()`.
/// - SIGTSTP, SIGTERM, SIGHUP, SIGQUIT: restore the terminal, re-raise the signal with the
///   disposition it had before `read`, and if the process is still running (after `fg`, or
///   when the program's own handler returned) take the terminal back and redraw the line.
/// All but SIGINT's handler exist only during `read`, so at other times those signals act as the
/// program set them. After any event the cursor is at the start of a fresh line.
package final class LineEditor {
    /// Returns completion candidates for `word`, the text being completed (identifier
    /// characters, or `:command` at the start of the line), given the line before it. Only
    /// candidates that start with `word` are offered. It is called synchronously on the thread
    /// that is inside `read(prompt:)`, so it may use that thread's state and need not be
    /// `@Sendable`.
    package typealias Completer = (_ word: String, _ lineBeforeWord: String) -> [String]

    package var completer: Completer?
    let historyFile: String?
    let historyLimit: Int
    /// Entries added since the history file was read or last saved.
    private var unsavedEntries = 0

    /// Whether standard input is a terminal, i.e. whether to use a `LineEditor` at all.
    static var isInteractive: Bool { isatty(STDIN_FILENO) != 0 }

    /// Reads `historyFile` if it exists; keeps at most `historyLimit` entries in memory and
    /// in the file.
    package init(historyFile: String?, historyLimit: Int = 1000) {
        self.historyFile = historyFile
        self.historyLimit = max(0, historyLimit)
        using_history()
        stifle_history(Int32(clamping: self.historyLimit))
        if let historyFile {
            _ = read_history(historyFile)  // a missing or unreadable file means no history yet
        }
    }

    // MARK: Reading

    /// Shows `prompt` and edits one line. `prompt` is plain text: wrap any escape sequences in
    /// `\u{1}` … `\u{2}` so readline can measure it.
    package func read(prompt: String) -> LineEditorEvent {
        Readline.configureOnce()
        Interrupt.install()
        Interrupt.clear()
        SignalWakeup.drain()
        _ = pendingSignals.exchange(0, ordering: .acquiringAndReleasing)
        pendingEvent = nil
        activeCompleter = completer
        JobSignals.install()
        defer {
            JobSignals.restore()
            activeCompleter = nil
            Interrupt.clear()
            fflush(nil)
        }

        fflush(nil)
        if Readline.hasRun { rl_reset_screen_size() }  // the window may have changed since
        Readline.hasRun = true
        rl_callback_handler_install(prompt) { line in
            // Remove first: otherwise readline prints the prompt again when this returns.
            rl_callback_handler_remove()
            if let line {
                pendingEvent = .line(LineEditor.decode(line))
                free(line)
            } else {
                pendingEvent = .endOfInput
            }
        }
        return runLoop()
    }

    private func runLoop() -> LineEditorEvent {
        var fds = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: SignalWakeup.descriptor, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            if let event = pendingEvent {
                pendingEvent = nil
                if event == .endOfInput { print() }  // readline leaves the cursor after the prompt
                return event
            }
            if Interrupt.requested {
                abandonLine(echoing: SIGINT)
                return .interrupted
            }
            JobSignals.handle(pendingSignals.exchange(0, ordering: .acquiringAndReleasing))

            fds[0].revents = 0
            fds[1].revents = 0
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                abandonLine(echoing: nil)
                return .endOfInput
            }
            if fds[1].revents != 0 {
                SignalWakeup.drain()  // then the top of the loop looks at the flags
                continue
            }
            let input = Int32(fds[0].revents)
            if input & Int32(POLLIN) != 0 {
                rl_callback_read_char()
            } else if input & Int32(POLLHUP | POLLERR | POLLNVAL) != 0 {
                abandonLine(echoing: nil)
                return .endOfInput
            }
        }
    }

    /// Drops the line being edited and leaves the cursor at the start of the next line.
    private func abandonLine(echoing signal: Int32?) {
        bargain_rl_set_point(bargain_rl_end())  // so `^C` lands after the text, not inside it
        rl_redisplay()
        if let signal { rl_echo_signal_char(signal) }
        rl_free_line_state()
        rl_callback_sigcleanup()    // leave any half-read key sequence, search or argument
        rl_cleanup_after_signal()   // cursor below the line, terminal back to cooked mode
        rl_callback_handler_remove()
        print()
    }

    // MARK: History

    /// Appends `line` to the history, unless it is blank or repeats the newest entry.
    package func addHistory(_ line: String) {
        let count = bargain_history_length()
        guard line.contains(where: { !$0.isWhitespace }),
              count == 0 || line != LineEditor.historyEntry(count - 1) else { return }
        add_history(line)
        unsavedEntries += 1
    }

    /// The history, oldest first.
    var history: [String] {
        (0..<bargain_history_length()).compactMap(LineEditor.historyEntry)
    }

    private static func historyEntry(_ index: Int32) -> String? {
        guard let entry = history_get(bargain_history_base() + index), let text = entry.pointee.line else {
            return nil
        }
        return decode(text)
    }

    /// Writes the history file (creating its directory), keeping its newest `historyLimit`
    /// lines. When the file exists only this session's new entries are appended, so two
    /// sessions that end in turn both keep their lines.
    package func saveHistory() throws(LineEditorError) {
        guard let path = historyFile else { return }
        try LineEditor.createParentDirectory(of: path)
        let result: Int32
        if access(path, F_OK) == 0 {
            let count = min(unsavedEntries, Int(bargain_history_length()))
            result = count > 0 ? append_history(Int32(count), path) : 0
        } else {
            result = write_history(path)
        }
        guard result == 0 else {
            throw LineEditorError(description: "cannot write \(path): \(String(cString: strerror(result)))")
        }
        _ = history_truncate_file(path, Int32(clamping: historyLimit))
        unsavedEntries = 0
    }

    static func createParentDirectory(of path: String) throws(LineEditorError) {
        var directory = ""
        let components = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        for (index, component) in components.enumerated() {
            directory += index == 0 ? String(component) : "/" + component
            guard !component.isEmpty, component != "." else { continue }
            if mkdir(directory, 0o700) != 0 && errno != EEXIST {  // private: history is personal
                throw LineEditorError(description: "cannot create \(directory): \(String(cString: strerror(errno)))")
            }
        }
    }

    // MARK: Helpers shared with the C callbacks

    /// Decodes bytes from the terminal, replacing invalid UTF-8 with U+FFFD.
    static func decode(_ text: UnsafePointer<CChar>) -> String {
        decode(text, count: strlen(text))
    }

    static func decode(_ text: UnsafePointer<CChar>, count: Int) -> String {
        text.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }

    /// The candidates readline may offer for `word`: those that start with it, byte for byte
    /// (readline replaces the word with their common prefix), without duplicates, sorted.
    static func matches(_ candidates: [String], for word: String) -> [String] {
        Set(candidates.filter { !$0.isEmpty && $0.utf8.starts(with: word.utf8) }).sorted()
    }

    /// Whether the word ending at the cursor is a `:command` at the start of the line, where
    /// `:` belongs to the word instead of breaking it.
    static func isCommandWord(_ lineUpToCursor: some Collection<UInt8>) -> Bool {
        let blank: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\t")]
        let rest = lineUpToCursor.drop(while: { blank.contains($0) })
        return rest.first == UInt8(ascii: ":") && !rest.contains(where: { blank.contains($0) })
    }
}

/// Process-wide readline settings, applied once before the first read.
private enum Readline {
    /// Everything but letters, digits and `_` ends a word, `.` included so that `scenario.na`
    /// completes `na`. `wordBreaksForCommand` lacks `:` and is used for a `:command` at the start
    /// of the line. Static strings: readline keeps these pointers.
    static let wordBreaks: StaticString = " \t\n\"\\'`@$><=;|&{([,+-*/%^!~#?.:)]}"
    static let wordBreaksForCommand: StaticString = " \t\n\"\\'`@$><=;|&{([,+-*/%^!~#?.)]}"
    static let name: StaticString = "bargain"

    nonisolated(unsafe) static var configured = false
    nonisolated(unsafe) static var hasRun = false

    static func configureOnce() {
        guard !configured else { return }
        configured = true
        useUTF8Locale()
        bargain_rl_set_readline_name(cString(name))  // for `$if bargain` in ~/.inputrc
        bargain_rl_set_catch_signals(0)
        bargain_rl_set_catch_sigwinch(0)
        bargain_rl_set_change_environment(0)  // do not setenv LINES/COLUMNS behind our back
        bargain_rl_set_basic_word_break_characters(cString(wordBreaks))
        bargain_rl_set_completer_word_break_characters(cString(wordBreaks))
        bargain_rl_set_completion_word_break_hook {
            let point = Int(max(0, bargain_rl_point()))
            guard let buffer = bargain_rl_line_buffer() else { return nil }
            let bytes = UnsafeRawBufferPointer(start: buffer, count: point)
            let chars = LineEditor.isCommandWord(bytes) ? Readline.wordBreaksForCommand : Readline.wordBreaks
            return UnsafeMutablePointer(mutating: Readline.cString(chars))
        }
        bargain_rl_set_attempted_completion_function { text, start, _ in
            // Never fall back to file names, whether or not there are matches.
            bargain_rl_set_attempted_completion_over(1)
            guard let text, let completer = activeCompleter else { return nil }
            let word = LineEditor.decode(text)
            let before = bargain_rl_line_buffer().map { LineEditor.decode($0, count: Int(max(0, start))) } ?? ""
            completionCandidates = LineEditor.matches(completer(word, before), for: word)
            guard !completionCandidates.isEmpty else { return nil }
            // readline computes the common prefix and frees every string it gets.
            return rl_completion_matches(text) { _, state in
                if state == 0 { completionIndex = 0 }
                guard completionIndex < completionCandidates.count else { return nil }
                defer { completionIndex += 1 }
                return strdup(completionCandidates[completionIndex])
            }
        }
    }

    /// readline needs a multibyte LC_CTYPE to edit UTF-8 by character. Use the environment's;
    /// if that is plain C/POSIX (nothing set), use C.UTF-8.
    private static func useUTF8Locale() {
        let current = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? "C"
        if current == "C" || current == "POSIX" {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    static func cString(_ string: StaticString) -> UnsafePointer<CChar> {
        UnsafeRawPointer(string.utf8Start).assumingMemoryBound(to: CChar.self)
    }
}

// State the C callbacks reach. Only touched by the thread inside `read(prompt:)`.
nonisolated(unsafe) private var pendingEvent: LineEditorEvent?
nonisolated(unsafe) private var activeCompleter: LineEditor.Completer?
nonisolated(unsafe) private var completionCandidates: [String] = []
nonisolated(unsafe) private var completionIndex = 0

/// Job-control and terminating signals that arrived while editing, one bit per signal number.
private let pendingSignals = Atomic<UInt64>(0)

/// Signals whose default action would leave the terminal in raw mode if they struck mid-edit.
private enum JobSignals {
    static let forwarded: [Int32] = [SIGTSTP, SIGTERM, SIGHUP, SIGQUIT]
    static let all: [Int32] = [SIGWINCH] + forwarded
    /// The actions `install()` replaced, by signal number.
    nonisolated(unsafe) static var saved: [Int32: sigaction] = [:]

    static func bit(_ signal: Int32) -> UInt64 { 1 << UInt64(signal) }

    /// Installs the handlers for the duration of a read.
    static func install() {
        _ = pendingSignals.load(ordering: .relaxed)  // initialise before any handler can run
        saved = [:]
        for signal in all {
            var current = sigaction()
            sigaction(signal, nil, &current)
            if isIgnored(current) { continue }  // e.g. SIGTSTP without job control
            saved[signal] = installSignalHandler(signal, flags: SA_RESTART) { signal in
                pendingSignals.bitwiseOr(1 << UInt64(signal), ordering: .acquiringAndReleasing)
                SignalWakeup.notify()
            }
        }
    }

    static func restore() {
        for (signal, action) in saved {
            var action = action
            sigaction(signal, &action, nil)
        }
        saved = [:]
    }

    static func handle(_ bits: UInt64) {
        guard bits != 0 else { return }
        if bits & bit(SIGWINCH) != 0 { rl_resize_terminal() }
        for signal in forwarded where bits & bit(signal) != 0 {
            guard var previous = saved[signal] else { continue }
            rl_cleanup_after_signal()  // cursor on the line's last row, terminal cooked
            // The shell starts its own line for "Stopped"; for anything else leave the line.
            if signal != SIGTSTP { print() }
            fflush(nil)
            // Let the signal act as it would without us: stop, die, or run the program's handler.
            var ours = sigaction()
            sigaction(signal, &previous, &ours)
            raise(signal)
            sigaction(signal, &ours, nil)
            // Still here (after `fg`, or the program's handler returned): redraw on a new line.
            rl_reset_after_signal()
            rl_forced_update_display()
        }
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        let handler = action.__sigaction_handler.sa_handler
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }
}
