/// The one place text is trimmed (bargain does not link Foundation).
extension StringProtocol {
    /// The text without the given characters at either end.
    package func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s.removeFirst() }
        while let l = s.last, chars.contains(l) { s.removeLast() }
        return String(s)
    }

    /// The text without the given characters at its end (a table line without its padding).
    package func trimmingTrailing(_ set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let l = s.last, chars.contains(l) { s.removeLast() }
        return String(s)
    }
}
