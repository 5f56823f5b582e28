/// Names in the order they were first defined, kept in chunks so that appending to a copy
/// copies one chunk and the list of chunks, not every name: a program is copied at every edit,
/// and 40,000 definitions must not cost 40,000 × 40,000 copies.
package struct NameOrder: Sendable, Sequence {
    static let chunkSize = 1024
    private var chunks: [[String]] = []
    package private(set) var count = 0

    package init() {}

    mutating func append(_ name: String) {
        if chunks.isEmpty || chunks[chunks.count - 1].count == NameOrder.chunkSize {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(NameOrder.chunkSize)
        }
        chunks[chunks.count - 1].append(name)
        count += 1
    }

    package func makeIterator() -> FlattenSequence<[[String]]>.Iterator {
        chunks.joined().makeIterator()
    }
}
