import Glibc
import BargainDiagnostics
import BargainFiles

/// A journal as read back: the session's header and its edits, up to the first record that a
/// crash cut short.
package struct JournalContents: Sendable {
    package let path: String
    package let header: SessionHeader
    package let edits: [NotebookEdit]
    /// The lines of damaged records, skipped (a record cut short by a crash, a damaged byte).
    package let damagedLines: [Int]
    package var damagedLine: Int? { damagedLines.first }
    /// Whether the file ends in a record cut short (no newline after it).
    package let endsInTornRecord: Bool

    /// When the session started (the header's `saved` field holds it in a journal).
    package var started: String? { header.saved }

    /// Cells the session holds at the end of the journal.
    package var cellCount: Int {
        var count = 0
        for edit in edits {
            switch edit {
            case .cell: count += 1
            case .undo: count = max(0, count - 1)
            case .opened: count = 0
            case .loaded: break
            case .note, .saved: break
            }
        }
        return count
    }

    /// Whether anything happened after the last save: then the journal is all that holds it.
    package var hasUnsavedChanges: Bool {
        for edit in edits.reversed() {
            switch edit {
            case .saved, .opened: return false
            case .note, .cell, .undo, .loaded: return true
            }
        }
        return false
    }

    /// The session file it was last saved to or opened from.
    package var file: String? {
        for edit in edits.reversed() {
            if case .saved(let path) = edit { return path }
            if case .opened(let path) = edit { return path }
        }
        return nil
    }

    package var lastInput: String? {
        for edit in edits.reversed() { if case .cell(let input) = edit { return input } }
        return nil
    }
}

package enum JournalReader {
    /// Reads a journal. A torn last line, or a record whose checksum fails, ends it: what came
    /// before is intact. A journal whose header is unreadable is an error.
    package static func read(_ path: String) throws(Diagnostic) -> JournalContents {
        let bytes = try TextFile.readBytes(path)
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        lines.removeLast()  // the bytes after the last newline: empty, or a record cut short
        guard let first = lines.first, first.elementsEqual(Journal.firstLine.utf8) else {
            throw Diagnostic(.badSession, "`\(path)` is not a bargain journal")
        }
        var header: SessionHeader?
        var edits: [NotebookEdit] = []
        var damagedLines: [Int] = []
        for (index, line) in lines.enumerated().dropFirst() {
            guard let (kind, payload) = record(line) else {
                if !line.isEmpty { damagedLines.append(index + 1) }
                continue
            }
            switch kind {
            case "header":
                let text = payload + "\n\n" + SessionWriter.trailer + "\n"
                header = try SessionParser.parse(text, name: path).header
            case "note": edits.append(.note(payload))
            case "cell": edits.append(.cell(payload))
            case "undo": edits.append(.undo)
            case "saved": edits.append(.saved(payload))
            case "opened": edits.append(.opened(payload))
            case "loaded": edits.append(.loaded(payload))
            default: damagedLines.append(index + 1)
            }
        }
        guard let header else { throw Diagnostic(.badSession, "`\(path)` has no readable session header (it was cut short as it began, or is damaged there)") }
        return JournalContents(path: path, header: header, edits: edits, damagedLines: damagedLines,
                               endsInTornRecord: bytes.last.map { $0 != UInt8(ascii: "\n") } ?? false)
    }

    /// `KIND CRC PAYLOAD` with a checksum that holds, or nil.
    static func record(_ line: ArraySlice<UInt8>) -> (String, String)? {
        let parts = line.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[1].count == 8 else { return nil }
        let kind = String(decoding: parts[0], as: UTF8.self)
        let escaped = parts.count > 2 ? Array(parts[2]) : []
        guard String(decoding: parts[1], as: UTF8.self) == CRC32.hex(Array(kind.utf8) + [UInt8(ascii: " ")] + escaped) else { return nil }
        return (kind, Journal.unescape(Substring(String(decoding: escaped, as: UTF8.self))))
    }

    // MARK: The journal folder

    /// The journals in `directory` that no running bargain holds, newest first.
    package static func list(_ directory: String) -> [String] {
        guard let folder = opendir(directory) else { return [] }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(Journal.suffix), !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted(by: >).map { directory + "/" + $0 }.filter { !isInUse($0) }
    }

    /// Whether another process (or another open file in this one) holds the journal's lock.
    static func isInUse(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return true }
        defer { close(fd) }
        guard flock(fd, LOCK_SH | LOCK_NB) == 0 else { return true }
        flock(fd, LOCK_UN)
        return false
    }
}

extension Notebook {
    /// Redoes a journal's edits: the notebook ends as the journaled session did, with the same
    /// edits, so the journal can go on from there.
    package mutating func redo(_ edits: [NotebookEdit]) {
        for edit in edits {
            switch edit {
            case .note(let text): addNote(text)
            case .cell(let input): _ = submit(input)
            case .undo: _ = undo()
            case .saved(let path): markSaved(path)
            case .opened(let path):
                restart()
                self.edits.append(.opened(path))
            case .loaded(let path):
                // The user's own `:load`; if the file is gone or changed, the cells after it say so.
                _ = try? loadScenarios(from: path)
                self.edits.append(.loaded(path))
            }
        }
    }
}
