import Glibc
import BargainDiagnostics
import BargainFiles

/// The crash journal: every note, cell and undo of a prompt session, appended and fsync'd
/// before the next prompt, so a crash or a killed terminal loses at most the entry in flight.
///
/// A journal is a text file, one record a line:
///
///     bargain journal 1
///     header 5d41c0f2 bargain session 1\nmodel: care-capacity.bargain sha256:…\n…
///     cell 0e1a9b44 strike_days = 20 bd
///     note 77c2e0d1 what a strike costs
///     undo 3f8a55b0
///     saved 1c2d3e4f Sessions/strike.session
///
/// Each record is `KIND CRC32 PAYLOAD`, the payload with `\` and newlines escaped and the CRC
/// taken over `KIND PAYLOAD`. A record is there when its line is whole and its checksum holds;
/// one that is not (a write cut short by the crash, a damaged byte) is skipped and reported,
/// and the records after it are kept. Records hold inputs, not outputs: recovery runs them again.
///
/// The file is locked (`flock`) while its session runs, so another bargain neither offers it
/// for recovery nor restores it twice.
package final class Journal {
    package let path: String
    let descriptor: Int32
    /// How many of the notebook's edits are in the file.
    private(set) var written: Int

    static let firstLine = "bargain journal 1"
    static let suffix = ".journal"

    init(path: String, descriptor: Int32, written: Int) {
        self.path = path
        self.descriptor = descriptor
        self.written = written
    }

    deinit {
        close(descriptor)
    }

    /// Starts a journal for a session in `directory` (created if need be).
    package static func create(in directory: String, header: SessionHeader, now: Int) throws(Diagnostic) -> Journal {
        try TextFile.makeDirectory(directory)
        let path = directory + "/" + Timestamp.compact(now) + "-\(getpid())" + suffix
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw TextFile.ioError("cannot create the journal `\(path)`") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw TextFile.ioError("cannot lock the journal `\(path)`")
        }
        let journal = Journal(path: path, descriptor: fd, written: 0)
        let headerText = SessionWriter.headerLines(header).joined(separator: "\n")
        try journal.append(firstLine + "\n" + record("header", headerText))
        TextFile.syncDirectory(of: path)
        return journal
    }

    /// Takes over an existing journal (to go on with a recovered session); nil if another
    /// bargain holds it. `afterTornRecord`: its last record was cut short (`JournalContents`).
    package static func resume(_ path: String, written: Int, afterTornRecord: Bool = false) throws(Diagnostic) -> Journal? {
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw TextFile.ioError("cannot open the journal `\(path)`") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        let journal = Journal(path: path, descriptor: fd, written: written)
        // A record cut short by the crash has no newline: start the next on a line of its own,
        // so it is not glued to the torn bytes (which stay, and are skipped as damaged).
        if afterTornRecord { try journal.append("\n") }
        return journal
    }

    /// Appends the edits the notebook made since the last call, then fsyncs.
    package func catchUp(with notebook: Notebook) throws(Diagnostic) {
        guard written < notebook.edits.count else { return }
        let text = notebook.edits[written...].map(Journal.record).joined()
        try append(text)
        written = notebook.edits.count
    }

    /// Deletes the journal: its session is saved, or was empty.
    package func remove() {
        Journal.remove(path)
    }

    package static func remove(_ path: String) {
        unlink(path)
    }

    func append(_ text: String) throws(Diagnostic) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw TextFile.ioError("cannot write the journal `\(path)`") }
            offset += n
        }
        guard fsync(descriptor) == 0 else { throw TextFile.ioError("cannot sync the journal `\(path)`") }
    }

    // MARK: Records

    static func record(_ edit: NotebookEdit) -> String {
        switch edit {
        case .note(let text): return record("note", text)
        case .cell(let input): return record("cell", input)
        case .undo: return record("undo", "")
        case .saved(let path): return record("saved", path)
        case .opened(let path): return record("opened", path)
        case .loaded(let path): return record("loaded", path)
        }
    }

    static func record(_ kind: String, _ payload: String) -> String {
        let escaped = escape(payload)
        return kind + " " + CRC32.hex(Array((kind + " " + escaped).utf8)) + (escaped.isEmpty ? "" : " " + escaped) + "\n"
    }

    static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\".unicodeScalars
            case "\n": out += "\\n".unicodeScalars
            case "\r": out += "\\r".unicodeScalars
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    static func unescape(_ text: Substring) -> String {
        var out = String.UnicodeScalarView()
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                out.append(scalar == "n" ? "\n" : scalar == "r" ? "\r" : scalar)
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}

/// CRC-32 (IEEE), for the journal's per-record checksums.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    static func hex(_ bytes: [UInt8]) -> String {
        BargainDiagnostics.hex(checksum(bytes), width: 8)
    }
}
