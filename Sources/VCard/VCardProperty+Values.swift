/// Typed views of a property's value. They decode on demand and never change
/// the stored raw value.
extension VCardProperty {
    /// The value with any transfer encoding removed: quoted-printable decoded and
    /// its `CHARSET` applied. Backslash escapes are still in place. Base64 values
    /// are returned as written (see ``base64Payload``).
    public var decodedValue: String {
        guard isQuotedPrintable else { return value }
        return TextDecoding.decode(QuotedPrintable.decode(value.utf8), charset: parameterValue("CHARSET"))
    }

    /// The value as one text (RFC 6350 TEXT): transfer encoding and escapes decoded.
    public var textValue: String {
        VCardEscaping.unescape(decodedValue)
    }

    /// The components of a compound value (`N`, `ADR`, `ORG`…), split at unescaped
    /// `;` and unescaped. Missing trailing components are simply absent.
    public var components: [String] {
        VCardEscaping.split(decodedValue, separator: ASCII.semicolon).map { VCardEscaping.unescape($0) }
    }

    /// The values of a text list (`CATEGORIES`, `NICKNAME`, `X-TAGS`), split at
    /// unescaped `,` and unescaped.
    public var listValues: [String] {
        VCardEscaping.split(decodedValue, separator: ASCII.comma).map { VCardEscaping.unescape($0) }
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
