import CPTY
import Foundation
import Glibc

struct PTYError: Error, CustomStringConvertible {
    let description: String
}

/// A program running on its own pseudo-terminal, driven the way a user drives it.
final class PTYProcess {
    let pid: pid_t
    let master: Int32
    /// Everything the program has written so far.
    private(set) var output: [UInt8] = []
    /// `expect` searches from here, so each call waits for new output.
    private var searchStart = 0
    private var exitStatus: Int32?

    init(_ path: String, arguments: [String] = [], environment: [String: String]) throws {
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var fd: Int32 = -1
        pid = cpty_spawn(path, argv, envp, 24, 80, &fd)
        guard pid > 0 else { throw PTYError(description: "forkpty: \(String(cString: strerror(errno)))") }
        master = fd
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Sends keystrokes. Control keys: "\u{3}" Ctrl-C, "\u{4}" Ctrl-D, "\u{1B}[A" up arrow.
    func send(_ text: String) {
        send(bytes: Array(text.utf8))
    }

    func send(bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }

    /// The output so far as text (invalid UTF-8 repaired).
    var text: String { String(decoding: output, as: UTF8.self) }

    /// Waits until `expected` appears in output not yet matched; returns the text up to its end.
    @discardableResult
    func expect(_ expected: String, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        let needle = Array(expected.utf8)
        while true {
            if let range = find(needle, from: searchStart) {
                let matched = String(decoding: output[searchStart..<range.upperBound], as: UTF8.self)
                searchStart = range.upperBound
                return matched
            }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0, readMore(timeout: remaining) else {
                throw PTYError(description: "timed out waiting for \(expected.debugDescription); got \(String(decoding: output[searchStart...], as: UTF8.self).debugDescription)")
            }
        }
    }

    /// Waits for the program to end; returns its exit code, or 128 + signal number.
    func waitForExit(timeout: Double = 10) throws -> Int32 {
        if let exitStatus { return exitStatus }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            _ = readMore(timeout: 0.05)  // keep draining so the program never blocks on output
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                let signal = status & 0x7f
                let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
                exitStatus = code
                while readMore(timeout: 0.05) {}
                return code
            }
        }
        throw PTYError(description: "process \(pid) did not exit")
    }

    /// The terminal's current local modes (the program's view of them).
    var localModes: tcflag_t {
        var modes = termios()
        tcgetattr(master, &modes)
        return modes.c_lflag
    }

    private func find(_ needle: [UInt8], from start: Int) -> Range<Int>? {
        guard !needle.isEmpty, output.count - start >= needle.count else { return nil }
        for index in start...(output.count - needle.count)
        where output[index..<(index + needle.count)].elementsEqual(needle) {
            return index..<(index + needle.count)
        }
        return nil
    }

    /// Reads what is available within `timeout`; false at end of output or on timeout.
    private func readMore(timeout: Double) -> Bool {
        var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, Int32(max(1, timeout * 1000))) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        guard count > 0 else { return false }  // EIO once the program has closed the terminal
        output += buffer[0..<count]
        return true
    }
}

/// Where `swift build` put the executables: next to the test binary.
func builtProduct(_ name: String) -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    let executable = length > 0 ? String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
    var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
    // The test binary may sit inside a bundle directory (`….xctest/…`).
    while directory.path != "/" && !FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path) {
        directory = directory.deletingLastPathComponent()
    }
    return directory.appendingPathComponent(name).path
}

/// A fresh temporary directory for one test.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("bargain-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
