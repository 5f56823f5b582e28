import Glibc
import Testing
@testable import BargainDiagnostics
@testable import BargainUnits
@testable import BargainFiles
@testable import BargainSyntax
@testable import BargainSemantics
@testable import BargainEngine
@testable import BargainAnalysis
@testable import BargainRendering
@testable import BargainNotebook
@testable import BargainBatch
@testable import BargainBench

/// The crash journal: what is appended can be read back and redone; a torn or damaged record
/// ends the journal without losing what came before.
@Suite struct JournalTests {
    let directory: String

    init() throws {
        directory = "/tmp/bargain-journal-test-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        try TextFile.makeDirectory(directory)
    }

    func session() -> Notebook {
        var notebook = Notebook()
        notebook.origin.seed = 7
        _ = notebook.enter("# start", context: .replay(SessionHeader(model: .none)))
        _ = notebook.enter("x = 2 staff", context: .replay(SessionHeader(model: .none)))
        _ = notebook.enter("y = x * 2\nz = y", context: .replay(SessionHeader(model: .none)))
        _ = notebook.enter(":undo", context: .replay(SessionHeader(model: .none)))
        _ = notebook.enter("w = _1 + 1 staff", context: .replay(SessionHeader(model: .none)))
        return notebook
    }

    @Test func whatIsJournaledIsRedoneExactly() throws {
        let notebook = session()
        let journal = try Journal.create(in: directory, header: SessionHeader(origin: notebook.origin, saved: "T"), now: 0)
        try journal.catchUp(with: notebook)
        let contents = try JournalReader.read(journal.path)
        #expect(contents.edits == notebook.edits)
        #expect(contents.header.seed == 7)
        #expect(contents.hasUnsavedChanges)
        #expect(contents.cellCount == 2)
        var redone = Notebook(origin: notebook.origin)
        redone.redo(contents.edits)
        #expect(redone.sessionText(saved: nil) == notebook.sessionText(saved: nil))
        #expect(redone.edits == notebook.edits)
    }

    @Test func aTornLastRecordIsDroppedAndTheRestKept() throws {
        let notebook = session()
        let journal = try Journal.create(in: directory, header: SessionHeader(origin: notebook.origin, saved: "T"), now: 1)
        try journal.catchUp(with: notebook)
        let whole = try TextFile.readBytes(journal.path)
        // Every cut of the last record leaves the records before it.
        let lastStart = whole.dropLast().lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        for cut in lastStart..<(whole.count - 1) {
            try TextFile.writeAtomically(String(decoding: whole[..<cut], as: UTF8.self), to: journal.path)
            #expect(try JournalReader.read(journal.path).edits == Array(notebook.edits.dropLast()))
        }
    }

    @Test func aDamagedRecordIsSkippedAndTheRestKept() throws {
        let notebook = session()
        let journal = try Journal.create(in: directory, header: SessionHeader(origin: notebook.origin, saved: "T"), now: 2)
        try journal.catchUp(with: notebook)
        let text = try TextFile.read(journal.path).replacingOccurrences("x = 2 staff", with: "x = 3 staff")
        try TextFile.writeAtomically(text, to: journal.path)
        let contents = try JournalReader.read(journal.path)
        // Only the damaged cell is lost; the records after it are intact and kept.
        #expect(contents.edits == notebook.edits.filter { $0 != .cell("x = 2 staff") })
        #expect(contents.damagedLines == [4])
    }

    @Test func appendsAfterATornRecordStartOnALineOfTheirOwn() throws {
        var notebook = session()
        let journal = try Journal.create(in: directory, header: SessionHeader(origin: notebook.origin, saved: "T"), now: 4)
        try journal.catchUp(with: notebook)
        // A crash cut the last record short: no newline at the end.
        var bytes = try TextFile.readBytes(journal.path)
        bytes.removeLast(3)
        try TextFile.writeAtomically(String(decoding: bytes, as: UTF8.self), to: journal.path)
        let torn = try JournalReader.read(journal.path)
        #expect(torn.endsInTornRecord)
        let resumed = try #require(try Journal.resume(journal.path, written: notebook.edits.count, afterTornRecord: torn.endsInTornRecord))
        _ = notebook.submit("v = 7")
        try resumed.catchUp(with: notebook)
        let contents = try JournalReader.read(journal.path)
        #expect(contents.edits.last == .cell("v = 7"))
        #expect(contents.damagedLines.count == 1)
    }

    @Test func payloadsWithNewlinesAndBackslashesRoundTrip() throws {
        var notebook = Notebook()
        _ = notebook.enter("fn f(x) =\n  x \\\n  + 1", context: .replay(SessionHeader(model: .none)))
        notebook.markSaved("Sessions/a b\\c.session")
        let journal = try Journal.create(in: directory, header: SessionHeader(origin: notebook.origin, saved: nil), now: 3)
        try journal.catchUp(with: notebook)
        let contents = try JournalReader.read(journal.path)
        #expect(contents.edits == notebook.edits)
        #expect(!contents.hasUnsavedChanges)
        #expect(contents.file == "Sessions/a b\\c.session")
    }

    @Test func aJournalInUseIsNotListed() throws {
        let journal = try Journal.create(in: directory, header: SessionHeader(model: .none), now: 4)
        #expect(JournalReader.isInUse(journal.path))
        #expect(!JournalReader.list(directory).contains(journal.path))
    }

    @Test func crcMatchesTheStandardCheckValue() {
        #expect(CRC32.hex(Array("123456789".utf8)) == "cbf43926")
    }
}
