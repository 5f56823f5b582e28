import BargainDiagnostics
import BargainFiles

extension Notebook {
    /// The session as a session file would hold it, saved at `saved`.
    func sessionText(saved: String?) -> String {
        SessionWriter.render(SessionHeader(origin: origin, saved: saved), SessionWriter.items(of: self))
    }

    /// `:save [NAME]`: writes the session atomically. Without a name, to the file it came from
    /// (or a new one named by the time). Refuses to replace another file unless told to.
    mutating func save(_ name: String?, replace: Bool, files: SessionFolder) -> Result<String, Diagnostic> {
        let now = files.clock()
        let path = name.map(SessionFolder.path) ?? file ?? SessionFolder.path(for: "session-" + Timestamp.compact(now))
        if !replace, path != file, TextFile.exists(path) {
            return .failure(Diagnostic(.io, "`\(path)` already exists and is not this session's file",
                                       help: "`:save! \(name ?? path)` replaces it; or pick another name"))
        }
        if !replace, path == file, let changed = changedOnDisk(path) {
            return .failure(changed)
        }
        let text = sessionText(saved: Timestamp.iso8601(now))
        do {
            if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
                try TextFile.makeDirectory(String(path[..<slash]))
            }
            try TextFile.writeAtomically(text, to: path)
        } catch {
            return .failure(error)
        }
        markSaved(path, bytes: Array(text.utf8))
        let count = cells.count
        return .success("saved \(count) \(count == 1 ? "cell" : "cells") to \(path)")
    }

    /// Why a plain `:save` must not overwrite `path`: it changed since this notebook last read or
    /// wrote it (another prompt, an editor, a replay --update). Says what the file holds now.
    func changedOnDisk(_ path: String) -> Diagnostic? {
        guard let fileHash, let bytes = try? TextFile.readBytes(path), SHA256.hex(bytes) != fileHash else { return nil }
        var what = ""
        if let onDisk = try? SessionParser.parse(bytes, name: path) {
            let cells = onDisk.items.count { if case .entry = $0 { true } else { false } }
            what = ": it now holds \(cells) \(cells == 1 ? "cell" : "cells")" + (onDisk.header.saved.map { ", saved \($0)" } ?? "")
                + "; this session has \(self.cells.count)"
        }
        return Diagnostic(.io, "`\(path)` has changed on disk since this session read or saved it\(what)",
                          help: "`:save! \(path)` replaces it with this session; `:save OTHER` keeps both; `bargain replay \(path)` shows what it holds")
    }

    /// `:open FILE`: starts again from the model and scenario files the file's header names
    /// (found beside it, as a replay finds them) and runs its entries, so the session goes on
    /// where the file left it, on what it was made with. Unsaved cells are not dropped silently.
    mutating func open(_ name: String, discard: Bool, files: SessionFolder) -> Result<String, Diagnostic> {
        if hasUnsavedChanges, !discard {
            let count = cells.count
            return .failure(Diagnostic(.usage, "this session has changes that are not saved (\(count) \(count == 1 ? "cell" : "cells"))",
                                       help: "`:save NAME` keeps them; `:open! \(name)` drops them"))
        }
        var path = SessionFolder.path(for: name)
        if !TextFile.exists(path), TextFile.exists(name) { path = name }
        let session: SessionFile
        let bytes: [UInt8]
        do {
            bytes = try TextFile.readBytes(path)
            session = try SessionParser.parse(bytes, name: path)
        } catch {
            return .failure(error)
        }
        var next: Notebook
        do {
            next = try SessionModel.notebook(for: session.header, near: path)
        } catch {
            return .failure(error.noting("`:open` starts from the model and scenario files the session was saved with"))
        }
        next.edits = edits + [.opened(path)]
        next.cancellation = cancellation
        let before = origin
        let replayed = Replay.run(session, in: &next)
        next.markSaved(path, bytes: bytes)
        self = next
        var lines = ["opened \(path): \(cells.count) \(cells.count == 1 ? "cell" : "cells"); the next is [\(nextNumber)]"]
        if before.model != origin.model || before.scenarios != origin.scenarios {
            let files = ([origin.model?.name ?? "no model"] + origin.scenarios.map(\.name)).joined(separator: ", ")
            lines.append("note: it runs on what it was saved with: \(files)")
        }
        lines += Replay.originNotes(recorded: session.header, current: origin).map { "note: " + $0 }
        let drifted = replayed.drifted.count
        if drifted > 0 {
            lines.append("note: \(drifted) \(drifted == 1 ? "entry comes" : "entries come") out differently now; "
                         + "`bargain replay --check \(path)` shows how")
        }
        return .success(lines.joined(separator: "\n"))
    }
}
