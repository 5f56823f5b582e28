/// Names in the order they were first defined, kept in chunks so that appending to a copy
/// copies one chunk and the list of chunks, not every name: a program is copied at every edit,
/// and 40,000 definitions must not cost 40,000 × 40,000 copies.
struct NameOrder: Sendable, Sequence {
    static let chunkSize = 1024
    private var chunks: [[String]] = []
    private(set) var count = 0

    init() {}

    mutating func append(_ name: String) {
        if chunks.isEmpty || chunks[chunks.count - 1].count == NameOrder.chunkSize {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(NameOrder.chunkSize)
        }
        chunks[chunks.count - 1].append(name)
        count += 1
    }

    func makeIterator() -> FlattenSequence<[[String]]>.Iterator {
        chunks.joined().makeIterator()
    }
}
