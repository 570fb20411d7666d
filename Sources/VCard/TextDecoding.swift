/// Turns value bytes into text according to a vCard `CHARSET` parameter (SPEC §1.2).
///
/// UTF-8, US-ASCII and ISO-8859-1 are decoded here; the legacy charsets phones
/// still export (Shift_JIS, EUC-JP, GB2312/GBK, Big5, KOI8-R, ISO-8859-x,
/// Windows-125x…) through ``Charset``. A value whose charset is unknown or whose
/// bytes do not fit it is read the way a value without charset is: UTF-8 when
/// valid, ISO-8859-1 otherwise, so reading never fails.
public enum TextDecoding {
    /// Decodes `bytes` as `charset`, falling back to UTF-8 or ISO-8859-1 (see above).
    public static func decode<C: Collection>(_ bytes: C, charset: String?) -> String where C.Element == UInt8 {
        let array = Array(bytes)
        if let charset, let text = Charset(name: charset)?.decode(array) { return text }
        return array.withUnsafeBufferPointer { UTF8Validation.decodeOrLatin1($0) }
    }

    /// Decodes `bytes` as `charset` (UTF-8 when nil) with no fallback: nil when the
    /// charset is unknown or the bytes are not text in it.
    public static func decodeExactly<C: Collection>(_ bytes: C, charset: String?) -> String? where C.Element == UInt8 {
        guard let charset else { return Charset.utf8.decode(Array(bytes)) }
        return Charset(name: charset)?.decode(Array(bytes))
    }

    /// Reads each byte as the Unicode scalar of the same number (ISO-8859-1).
    public static func latin1<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
        return String(scalars)
    }
}
