import Glibc
import BargainDiagnostics

/// Reading and writing the text files bargain deals in (models, scripts, sessions).
/// Writes are atomic: a temporary file in the same folder, fsync, then rename over the target,
/// so whoever looks finds either the old file or the new one, never half of one.
package enum TextFile {
    package static func read(_ path: String) throws(Diagnostic) -> String {
        String(decoding: try readBytes(path), as: UTF8.self)
    }

    /// The largest file read whole (models, scenarios, scripts, sessions): far above any real
    /// one, low enough that a wrong path (a disk image, a log) is refused instead of swallowing memory.
    static let sizeLimit = 64 << 20

    package static func readBytes(_ path: String) throws(Diagnostic) -> [UInt8] {
        let fd = try openRegularFile(path, sizeLimit: sizeLimit)
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw ioError("cannot read `\(path)`") }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
            // The file may grow while it is read; the limit holds for what is read, not just for fstat.
            if bytes.count > sizeLimit { throw tooLarge(path, limit: sizeLimit) }
        }
        return bytes
    }

    /// Opens `path` for reading, refusing anything but a regular file: a pipe would block
    /// forever, a device (`/dev/zero`) never ends, a folder has no text. The open itself does not
    /// block (O_NONBLOCK), so a FIFO with no writer is refused rather than waited on.
    /// With `sizeLimit`, a larger file is refused before a byte is read.
    package static func openRegularFile(_ path: String, sizeLimit: Int?) throws(Diagnostic) -> Int32 {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw ioError("cannot read `\(path)`") }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            let error = ioError("cannot read `\(path)`")
            close(fd)
            throw error
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw Diagnostic(.io, "cannot read `\(path)`: not a regular file (\(kind(status.st_mode))); give the path of a text file")
        }
        if let sizeLimit, Int(status.st_size) > sizeLimit {
            close(fd)
            throw tooLarge(path, limit: sizeLimit)
        }
        // Regular files never block, but later reads should not see EAGAIN either.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    static func tooLarge(_ path: String, limit: Int) -> Diagnostic {
        Diagnostic(.io, "cannot read `\(path)`: larger than \(limit >> 20) MiB, the most bargain reads of one file")
    }

    /// What a non-regular file is, in the words of `ls -l`'s first column.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a pipe"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFSOCK: "a socket"
        default: "not plain data"
        }
    }

    package static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Replaces `path` with `text`, atomically (through `AtomicFileWriter`, the one temp-file path).
    package static func writeAtomically(_ text: String, to path: String) throws(Diagnostic) {
        let writer = try AtomicFileWriter(path: path)
        try writer.write(Array(text.utf8))
        try writer.commit()
    }

    /// Replaces several files, each atomically, with one fsync of each folder at the end rather
    /// than one per file (a Markdown export's hundreds of charts): each file is whole or absent.
    package static func writeAtomically(_ files: [(text: String, path: String)]) throws(Diagnostic) {
        // One file of each folder, to sync that folder by.
        var folders: [Substring: String] = [:]
        for file in files {
            let writer = try AtomicFileWriter(path: file.path)
            try writer.write(Array(file.text.utf8))
            try writer.commit(syncingFolder: false)
            folders[file.path[..<(file.path.lastIndex(of: "/") ?? file.path.startIndex)]] = file.path
        }
        for path in folders.values { syncDirectory(of: path) }
    }

    /// Makes a rename durable: fsync the folder that holds the file.
    package static func syncDirectory(of path: String) {
        let folder = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
        let fd = open(folder.isEmpty ? "/" : folder, O_RDONLY)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    /// Creates a folder and its parents, like `mkdir -p`.
    package static func makeDirectory(_ path: String) throws(Diagnostic) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part + "/"
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw ioError("cannot create folder `\(prefix)`") }
        }
    }

    package static func ioError(_ message: String) -> Diagnostic {
        let reason = String(cString: strerror(errno))
        return Diagnostic(.io, message + ": " + reason)
    }
}

/// A file written in pieces that appears whole or not at all: bytes go to a temporary file
/// beside the target, and `commit` fsyncs it and renames it into place.
/// The temporary name is unpredictable and created exclusively without following links, and a
/// target that is a symbolic link is refused, so a link planted in the folder cannot redirect the write.
package final class AtomicFileWriter {
    package let path: String
    let temporary: String
    private var fd: Int32
    private var committed = false

    package init(path: String) throws(Diagnostic) {
        self.path = path
        var mode: mode_t = 0o644
        var status = stat()
        if lstat(path, &status) == 0 {
            if (status.st_mode & S_IFMT) == S_IFLNK {
                throw Diagnostic(.io, "cannot write `\(path)`: it is a symbolic link; refusing to follow it (write to the file it points at instead)")
            }
            if (status.st_mode & S_IFMT) != S_IFREG {
                throw Diagnostic(.io, "cannot write `\(path)`: not a regular file")
            }
            mode = status.st_mode & 0o777
        }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        AtomicFileWriter.removeStaleTemporaries(in: folder, of: name)
        var attempt = 0
        var candidate = ""
        var descriptor: Int32 = -1
        repeat {
            candidate = folder + "." + name + ".tmp-\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            attempt += 1
        } while descriptor < 0 && errno == EEXIST && attempt < 16
        guard descriptor >= 0 else { throw TextFile.ioError("cannot write `\(path)`") }
        // The umask may have narrowed the mode; keep the target's own permissions.
        fchmod(descriptor, mode)
        temporary = candidate
        fd = descriptor
    }

    deinit {
        if !committed {
            if fd >= 0 { close(fd) }
            unlink(temporary)
        }
    }

    package func write(_ bytes: [UInt8]) throws(Diagnostic) {
        guard FileDescriptor.writeAll(fd, bytes) else { throw TextFile.ioError("cannot write `\(path)`") }
    }

    /// Where an unfinished write goes: beside the target, never over it.
    package var partialPath: String { path + ".partial" }

    /// Keeps what was written so far as `PATH.partial`, leaving the target as it was: a batch
    /// stopped half way must not replace a complete file with half of one.
    package func commitPartial() throws(Diagnostic) {
        try finish(as: partialPath)
    }

    /// Deletes temporaries of this target left by a bargain that was killed (SIGKILL, power
    /// loss): `.NAME.tmp-PID-…` whose process no longer runs. Only our own pattern, only
    /// regular files, only for this name.
    static func removeStaleTemporaries(in folder: String, of name: String) {
        guard let directory = opendir(folder.isEmpty ? "." : folder) else { return }
        defer { closedir(directory) }
        let prefix = "." + name + ".tmp-"
        while let entry = readdir(directory) {
            let file = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard file.hasPrefix(prefix) else { continue }
            let rest = file.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0 else { continue }
            // kill(pid, 0) fails with ESRCH when no such process exists.
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }
            var status = stat()
            let path = folder + file
            guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { continue }
            unlink(path)
        }
    }

    package func commit() throws(Diagnostic) {
        try finish(as: path)
    }

    /// Commits, leaving the folder's fsync to the caller (`TextFile.syncDirectory`), which syncs once for many files.
    package func commit(syncingFolder: Bool) throws(Diagnostic) {
        try finish(as: path, syncingFolder: syncingFolder)
    }

    /// fsyncs the temporary and renames it to `target`, refusing a target that has become a
    /// symbolic link (or anything but a regular file) since the write began.
    private func finish(as target: String, syncingFolder: Bool = true) throws(Diagnostic) {
        guard fsync(fd) == 0 else { throw TextFile.ioError("cannot write `\(target)`") }
        let closed = close(fd)
        fd = -1
        guard closed == 0 else { throw TextFile.ioError("cannot write `\(target)`") }
        var status = stat()
        if lstat(target, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
            let what = (status.st_mode & S_IFMT) == S_IFLNK
                ? "it is a symbolic link; refusing to follow it (write to the file it points at instead)" : "not a regular file"
            throw Diagnostic(.io, "cannot write `\(target)`: \(what)")
        }
        guard rename(temporary, target) == 0 else { throw TextFile.ioError("cannot replace `\(target)`") }
        committed = true
        if syncingFolder { TextFile.syncDirectory(of: target) }
    }
}

/// Writing all of a buffer to a file descriptor, retrying short writes and interruptions.
package enum FileDescriptor {
    package static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
}
