import Dispatch
import Synchronization

/// `count` independent pieces of work on every core, results in order. For searches whose parts
/// share nothing (a frontier's levels); each part must be deterministic on its own, so the
/// answer does not depend on the number of cores.
enum ParallelMap {
    static func run<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.set(index, body(index))
        }
        return slots.values()
    }

    /// How many pieces are done, for a progress line.
    final class Counter: Sendable {
        private let count = Atomic<Int>(0)

        init() {}

        /// Counts one more; returns the count.
        func increment() -> Int { count.add(1, ordering: .relaxed).newValue }
    }

    /// One slot per piece, each written by exactly one piece of work, read after all finish.
    final class Slots<T>: @unchecked Sendable {
        private let buffer: UnsafeMutablePointer<T?>
        private let count: Int

        init(_ count: Int) {
            self.count = count
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil, count: count)
        }

        deinit {
            buffer.deinitialize(count: count)
            buffer.deallocate()
        }

        func set(_ index: Int, _ value: T) { buffer[index] = value }

        func values() -> [T] { (0..<count).map { buffer[$0]! } }
    }
}
