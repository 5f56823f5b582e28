/// `value` in hexadecimal, zero-padded to `width` digits: `U+00A0` in messages, `\u001B` in JSON,
/// checksums and digests in sessions and journals.
package func hex<T: BinaryInteger>(_ value: T, width: Int, uppercase: Bool = false) -> String {
    let digits = String(value, radix: 16, uppercase: uppercase)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
