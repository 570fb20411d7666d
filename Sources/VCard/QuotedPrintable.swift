/// Quoted-printable decoding (RFC 2045 §6.7) for vCard 2.1 values, and the
/// charset decoding that follows it.
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

/// Turns value bytes into text according to a vCard `CHARSET` parameter.
public enum TextDecoding {
    /// Decodes `bytes` as `charset` (UTF-8, ISO-8859-1/Latin-1, Windows-1252 and
    /// US-ASCII are understood). Without a charset, or with one that does not fit
    /// the bytes, valid UTF-8 is read as UTF-8 and anything else as ISO-8859-1,
    /// as SPEC §1.2 prescribes, so decoding never fails.
    public static func decode<C: Collection>(_ bytes: C, charset: String?) -> String where C.Element == UInt8 {
        if let charset, isLatin1(charset) {
            return latin1(bytes)
        }
        let array = Array(bytes)
        return array.withUnsafeBufferPointer { UTF8Validation.decodeOrLatin1($0) }
    }

    /// Reads each byte as the Unicode scalar of the same number (ISO-8859-1).
    public static func latin1<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
        return String(scalars)
    }

    private static func isLatin1(_ charset: String) -> Bool {
        let name = charset.lowercased()
        return name == "iso-8859-1" || name == "iso8859-1" || name == "latin1" || name == "latin-1"
            || name == "windows-1252" || name == "cp1252" || name == "iso-8859-15"
    }
}
