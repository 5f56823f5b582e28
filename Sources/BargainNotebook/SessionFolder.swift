/// Where sessions live and what `:save` and `:open` need from the world: the clock, for the
/// header's `saved` time.
/// Paths are taken relative to the current folder; `NAME` means `Sessions/NAME.session`.
package struct SessionFolder: Sendable {
    /// Seconds since 1970.
    var clock: @Sendable () -> Int

    package init(clock: @escaping @Sendable () -> Int = { Timestamp.now() }) {
        self.clock = clock
    }

    static let folder = "Sessions"

    /// `strike` → `Sessions/strike.session`; anything with a `/` or ending in `.session` is a path.
    package static func path(for name: String) -> String {
        if name.contains("/") || name.hasSuffix(".session") { return name }
        return folder + "/" + name + ".session"
    }
}
