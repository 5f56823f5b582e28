import Glibc

/// Times as sessions and journals write them: UTC, to the second.
package enum Timestamp {
    /// Seconds since 1970, from `SOURCE_DATE_EPOCH` when it is set (for reproducible files and
    /// tests, as reproducible builds use it), else the clock.
    package static func now() -> Int {
        if let fixed = getenv("SOURCE_DATE_EPOCH").flatMap({ Int(String(cString: $0)) }) { return fixed }
        return time(nil)
    }

    /// `2025-06-02T14:05:09Z`
    package static func iso8601(_ seconds: Int) -> String {
        let p = parts(seconds)
        return "\(p[0])-\(two(p[1]))-\(two(p[2]))T\(two(p[3])):\(two(p[4])):\(two(p[5]))Z"
    }

    /// `20250602-140509`, for file names.
    static func compact(_ seconds: Int) -> String {
        let p = parts(seconds)
        return "\(p[0])\(two(p[1]))\(two(p[2]))-\(two(p[3]))\(two(p[4]))\(two(p[5]))"
    }

    static func parts(_ seconds: Int) -> [Int] {
        var t = time_t(seconds)
        var fields = tm()
        gmtime_r(&t, &fields)
        return [Int(fields.tm_year) + 1900, Int(fields.tm_mon) + 1, Int(fields.tm_mday),
                Int(fields.tm_hour), Int(fields.tm_min), Int(fields.tm_sec)]
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
