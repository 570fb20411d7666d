import ByteText

/// Typed views of a property's value. They decode on demand and never change
/// the stored raw value.
extension VCardProperty {
    /// The value with any transfer encoding removed: quoted-printable or base64
    /// decoded and its `CHARSET` applied (SPEC §1.2: `FN;ENCODING=b:…` is the decoded
    /// text). Backslash escapes are still in place. The base64 of binary properties
    /// (`PHOTO`, `LOGO`, `SOUND`, `KEY`) is returned as written (see ``base64Payload``).
    /// A value that cannot be decoded as its parameters say reads as UTF-8 or
    /// ISO-8859-1, like a value without charset.
    public var decodedValue: String {
        if isQuotedPrintable {
            return TextDecoding.decode(QuotedPrintable.decode(value.utf8), charset: parameterValue("CHARSET"))
        }
        if isBase64, !isBinary, let bytes = Base64Text.decode(value.utf8) {
            return TextDecoding.decode(bytes, charset: parameterValue("CHARSET"))
        }
        return value
    }

    /// Like ``decodedValue``, but nil when the value's transfer encoding or charset
    /// cannot be decoded faithfully: an unknown charset, bytes that are not text in
    /// the declared charset, base64 text that is not UTF-8 (or not base64), and
    /// binary media. A converter keeps such a value as written.
    public var exactlyDecodedValue: String? {
        if isQuotedPrintable {
            let bytes = QuotedPrintable.decode(value.utf8)
            guard let charset = parameterValue("CHARSET"), Charset(name: charset) != .utf8 else {
                // Without a charset (or with UTF-8), bytes that are not UTF-8 are ISO-8859-1 (SPEC §1.2).
                return TextDecoding.decode(bytes, charset: nil)
            }
            return TextDecoding.decodeExactly(bytes, charset: charset)
        }
        if isBase64 {
            guard !isBinary, let bytes = Base64Text.decode(value.utf8) else { return nil }
            return TextDecoding.decodeExactly(bytes, charset: parameterValue("CHARSET"))
        }
        return value
    }

    /// The bytes of a quoted-printable or base64 value; nil for other values and
    /// for base64 that is not base64.
    var transferDecodedBytes: [UInt8]? {
        if isQuotedPrintable { return QuotedPrintable.decode(value.utf8) }
        return isBase64 ? Base64Text.decode(value.utf8) : nil
    }

    /// True for the properties whose base64 value is binary data, not text.
    var isBinary: Bool {
        VCard.mediaProperties.contains(upperName)
    }

    /// The value as one text (RFC 6350 TEXT): transfer encoding and escapes decoded.
    public var textValue: String {
        VCardEscaping.unescape(decodedValue)
    }

    /// The components of a compound value (`N`, `ADR`, `ORG`…), split at unescaped
    /// `;` and unescaped. Missing trailing components are simply absent.
    public var components: [String] {
        VCardEscaping.splitUnescaped(decodedValue, separator: ASCII.semicolon)
    }

    /// The values of a text list (`CATEGORIES`, `NICKNAME`, `X-TAGS`), split at
    /// unescaped `,` and unescaped.
    public var listValues: [String] {
        VCardEscaping.splitUnescaped(decodedValue, separator: ASCII.comma)
    }

    /// For a base64-encoded value (`ENCODING=b`/`BASE64` or a `data:…;base64,` URI),
    /// the base64 text without whitespace; nil for other values.
    public var base64Payload: Substring? {
        if isBase64 {
            return Substring(value.filter { !$0.isWhitespace })
        }
        if value.utf8.starts(with: "data:".utf8) || value.utf8.starts(with: "DATA:".utf8),
           let comma = value.firstIndex(of: ",") {
            let header = value[..<comma].lowercased()
            if header.hasSuffix(";base64") { return value[value.index(after: comma)...] }
        }
        return nil
    }
}
