import Glibc
import Synchronization

/// Ctrl-C as a polled flag, so a long computation can stop and the REPL goes on.
///
/// How this fits with readline (see `LineEditor`):
/// - `install()` sets one process-wide SIGINT handler (`sigaction`, `SA_RESTART`). The handler
///   only stores `true` into a lock-free atomic and writes one byte to `SignalWakeup`'s pipe;
///   both are async-signal-safe. It never prints, allocates or longjmps.
/// - `LineEditor` turns readline's own signal handling off (`rl_catch_signals = 0`), so readline
///   never installs a SIGINT handler that could replace or chain with this one. While a line is
///   being edited the editor's poll loop wakes on the pipe byte, abandons the line and returns
///   `.interrupted`; it clears the flag when it starts and when it returns.
/// - Between reads the terminal is in cooked mode with ISIG on, so Ctrl-C still raises SIGINT
///   (the kernel echoes `^C`); a computation calls `Interrupt.requested` now and then, stops,
///   and the caller calls `clear()` before going on.
package enum Interrupt {
    private static let flag = Atomic<Bool>(false)
    private static let installed = Atomic<Bool>(false)

    /// Installs the SIGINT handler and unblocks SIGINT in the calling thread (a program can be
    /// started with it blocked). Idempotent; call it from the main thread before the first read
    /// or long computation.
    package static func install() {
        // Touch every global the handler reads, so no lazy initialisation runs inside it.
        _ = flag.load(ordering: .relaxed)
        SignalWakeup.setUp()
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        guard !installed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        installSignalHandler(SIGINT, flags: SA_RESTART) { _ in
            Interrupt.flag.store(true, ordering: .releasing)
            SignalWakeup.notify()
        }
    }

    /// For a batch: SIGTERM and SIGHUP (a closed terminal, a cluster's scheduler) stop it as
    /// Ctrl-C does, so it keeps what it wrote as a partial file and removes its temporary.
    package static func installStopSignals() {
        install()
        // A parent may start us with them blocked; a batch must hear them.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGHUP)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for signal in [SIGTERM, SIGHUP] {
            installSignalHandler(signal, flags: SA_RESTART) { _ in
                Interrupt.flag.store(true, ordering: .releasing)
                SignalWakeup.notify()
            }
        }
    }

    /// Whether Ctrl-C was pressed since the last `clear()`. Cheap enough to poll in a loop.
    package static var requested: Bool {
        flag.load(ordering: .acquiring)
    }

    /// Forgets a pending Ctrl-C.
    package static func clear() {
        flag.store(false, ordering: .releasing)
    }
}

/// A self-pipe: signal handlers write a byte, the line editor's `poll` loop wakes on it.
///
/// Checking a flag and then calling `poll` would race with a signal arriving in between; a byte
/// in a pipe does not get lost that way.
enum SignalWakeup {
    private static let readEnd = Atomic<Int32>(-1)
    private static let writeEnd = Atomic<Int32>(-1)

    /// Creates the pipe once (main thread). Both ends are non-blocking and close-on-exec.
    static func setUp() {
        guard readEnd.load(ordering: .acquiring) < 0 else { return }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        writeEnd.store(fds[1], ordering: .releasing)
        readEnd.store(fds[0], ordering: .releasing)
    }

    /// The end to poll for `POLLIN`, or -1 if the pipe could not be created.
    static var descriptor: Int32 {
        readEnd.load(ordering: .acquiring)
    }

    /// Async-signal-safe: one `write`, errno preserved. A full pipe already means "wake up".
    static func notify() {
        let fd = writeEnd.load(ordering: .acquiring)
        guard fd >= 0 else { return }
        let savedErrno = errno
        var byte: UInt8 = 1
        _ = write(fd, &byte, 1)
        errno = savedErrno
    }

    /// Empties the pipe (it is non-blocking, so this stops when there is nothing left).
    static func drain() {
        let fd = descriptor
        guard fd >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(fd, &buffer, buffer.count) > 0 {}
    }
}

/// A C signal handler: `@convention(c)`, so it cannot capture anything.
typealias SignalHandler = @convention(c) (Int32) -> Void

/// Installs `handler` for `signal` and returns the previous action.
@discardableResult
func installSignalHandler(_ signal: Int32, flags: Int32, _ handler: SignalHandler) -> sigaction {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = handler
    sigemptyset(&action.sa_mask)
    action.sa_flags = flags
    var previous = sigaction()
    sigaction(signal, &action, &previous)
    return previous
}
