import Glibc
import BargainDiagnostics
import BargainFiles

/// Reads a CSV file a chunk of lines at a time, so a grid of any size streams through in
/// constant memory. Quoted fields may hold commas, quotes (doubled) and newlines.
final class GridReader {
    let path: String
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    /// 1-based number of the next line to hand out.
    private(set) var nextLine = 1

    init(path: String) throws(Diagnostic) {
        self.path = path
        // Any size streams through, so no size limit; but only a regular file (a pipe or
        // `/dev/zero` would hang or never end).
        let fd = try TextFile.openRegularFile(path, sizeLimit: nil)
        guard let file = fdopen(fd, "rb") else {
            close(fd)
            throw TextFile.ioError("cannot read `\(path)`")
        }
        self.file = file
    }

    deinit { fclose(file) }

    /// Up to `count` records (lines), with the line number of each: blank lines are skipped, so a
    /// record's line is its own, whichever chunk it falls in. Empty at the end.
    func nextRecords(_ count: Int) throws(Diagnostic) -> (lines: [Int], bytes: [UInt8], records: Int) {
        var lines: [Int] = []
        var out: [UInt8] = []
        var records = 0
        while records < count {
            let line = nextLine
            guard let record = try nextRecord() else { break }
            if record.isEmpty || (record.count == 1 && record.first == 13) { continue }  // blank line
            out.append(contentsOf: record)
            out.append(10)
            lines.append(line)
            records += 1
        }
        return (lines, out, records)
    }

    /// Reads past `count` records (a part of the grid that starts further on); the records left.
    func skipRecords(_ count: Int) throws(Diagnostic) -> Int {
        var skipped = 0
        while skipped < count {
            guard let record = try nextRecord() else { break }
            if record.isEmpty || (record.count == 1 && record.first == 13) { continue }
            skipped += 1
        }
        return skipped
    }

    /// How many rows a grid file holds (records after the header, blank lines aside): one pass.
    static func countRecords(path: String) throws(Diagnostic) -> Int {
        let reader = try GridReader(path: path)
        guard try reader.nextRecord() != nil else { return 0 }
        return try reader.skipRecords(Int.max)
    }

    /// The longest record read: a row of a few hundred inputs is kilobytes; a line of hundreds of
    /// megabytes (a mistake, or a file made to hurt) would take gigabytes to split into fields.
    static let maxRecordBytes = 1 << 20

    /// One record without its line end, or nil at the end of the file.
    func nextRecord() throws(Diagnostic) -> ArraySlice<UInt8>? {
        var inQuotes = false
        var offset = 0  // bytes scanned past `position`
        while true {
            if offset > GridReader.maxRecordBytes {
                throw Diagnostic(.limit, "line \(nextLine) of `\(path)` is longer than 1 MiB: not a row of a grid",
                                 help: inQuotes ? "a quote opened on that line is never closed" : "a grid has one row of inputs a line")
            }
            let i = position + offset
            if i >= buffer.count {
                if atEnd {
                    guard position < buffer.count else { return nil }
                    let record = buffer[position..<buffer.count]
                    position = buffer.count
                    nextLine += 1
                    return record
                }
                try refill()
                continue
            }
            let b = buffer[i]
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            if b == 10 && !inQuotes {
                var end = i
                if end > position, buffer[end - 1] == 13 { end -= 1 }
                let record = buffer[position..<end]
                nextLine += 1 + record.reduce(0) { $1 == 10 ? $0 + 1 : $0 }
                position = i + 1
                return record
            }
            offset += 1
        }
    }

    /// Drops what has been read and appends the next block of the file.
    private func refill() throws(Diagnostic) {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        let chunk = 1 << 20
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        let n = buffer.withUnsafeMutableBufferPointer { fread($0.baseAddress! + old, 1, chunk, file) }
        buffer.removeLast(chunk - n)
        if n < chunk {
            if ferror(file) != 0 { throw TextFile.ioError("cannot read `\(path)`") }
            atEnd = true
        }
    }

    /// The fields of a record: commas split them; quotes protect commas, newlines and `""`.
    static func fields(_ record: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var fields: [ArraySlice<UInt8>] = []
        var start = record.startIndex
        var inQuotes = false
        var i = record.startIndex
        while i < record.endIndex {
            let b = record[i]
            if b == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if b == UInt8(ascii: ","), !inQuotes {
                fields.append(record[start..<i])
                start = i + 1
            }
            i += 1
        }
        fields.append(record[start..<record.endIndex])
        return fields
    }

    /// A field's text: surrounding blanks and quotes taken off, doubled quotes made single.
    static func text(_ field: ArraySlice<UInt8>) -> String {
        var bytes = Array(field)
        while let f = bytes.first, f == 32 || f == 9 { bytes.removeFirst() }
        while let l = bytes.last, l == 32 || l == 9 || l == 13 { bytes.removeLast() }
        if bytes.count >= 2, bytes.first == 34, bytes.last == 34 {
            bytes = Array(bytes[1..<(bytes.count - 1)])
            var out: [UInt8] = []
            var i = 0
            while i < bytes.count {
                out.append(bytes[i])
                i += (bytes[i] == 34 && i + 1 < bytes.count && bytes[i + 1] == 34) ? 2 : 1
            }
            bytes = out
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
