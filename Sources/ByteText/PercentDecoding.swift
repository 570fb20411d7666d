/// Percent-decoding (RFC 3986 §2.1) of URI parts: query components, path
/// segments, `file:` URIs.
public enum PercentDecoding {
    /// What a `%` not followed by two hexadecimal digits means.
    public enum Malformed: Sendable {
        /// The input is refused (nil): request targets.
        case refuse
        /// The `%` is kept as a literal byte: URIs typed or written by other tools.
        case keep
    }

    /// The bytes `text` stands for: `%XX` decoded, `+` read as a space when
    /// `plusIsSpace` (HTML form encoding of query strings); nil only for a
    /// malformed escape with `malformed: .refuse`.
    public static func decode(_ text: some StringProtocol, plusIsSpace: Bool = false, malformed: Malformed) -> [UInt8]? {
        let input = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "%") {
                if index + 2 < input.count, let high = ASCII.hexValue(input[index + 1]), let low = ASCII.hexValue(input[index + 2]) {
                    bytes.append(high << 4 | low)
                    index += 3
                    continue
                }
                if malformed == .refuse { return nil }
            }
            bytes.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        return bytes
    }
}
