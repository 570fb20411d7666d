import ByteText

/// Quoted-printable decoding (RFC 2045 §6.7) for vCard 2.1 values; ``TextDecoding``
/// turns the bytes into text.
public enum QuotedPrintable {
    /// Decodes `=XX` sequences into bytes. Soft line breaks were already joined
    /// by the reader; a stray `=` not followed by two hex digits is kept as is.
    public static func decode<S: Sequence>(_ encoded: S) -> [UInt8] where S.Element == UInt8 {
        let input = Array(encoded)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == ASCII.equals, index + 2 < input.count,
               let high = ASCII.hexValue(input[index + 1]), let low = ASCII.hexValue(input[index + 2]) {
                output.append(high << 4 | low)
                index += 3
                continue
            }
            if byte == ASCII.equals, index + 1 < input.count, input[index + 1] == ASCII.cr || input[index + 1] == ASCII.lf {
                // A soft line break that survived (unusual): drop it and its line end.
                index += 1
                if index < input.count, input[index] == ASCII.cr { index += 1 }
                if index < input.count, input[index] == ASCII.lf { index += 1 }
                continue
            }
            output.append(byte)
            index += 1
        }
        return output
    }
}
