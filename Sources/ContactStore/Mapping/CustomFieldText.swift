import ByteText
import JSON

/// The text form of a custom field value in `X-CUSTOM` (SPEC §1.3): JSON when
/// the text parses as JSON, plain text otherwise, so `tier:gold` typed by hand
/// reads as `"gold"` and every JSON value round-trips exactly.
enum CustomFieldText {
    /// The value of a custom field's (unescaped) text.
    static func decode(_ text: String) -> JSONValue {
        (try? JSONParser.parse(text)) ?? .string(text)
    }

    /// The text to store for `value`: a string is written as plain text unless
    /// that text would read back as JSON (then as a JSON string); every other
    /// value is written as compact JSON.
    static func encode(_ value: JSONValue) -> String {
        if case .string(let text) = value, (try? JSONParser.parse(text)) == nil {
            return text
        }
        return value.jsonText
    }
}

/// `file://` URIs for `PHOTO` (RFC 8089): percent-encoded absolute paths.
enum FileURI {
    /// The absolute path of a `file:` URI, or nil if the value is not one.
    static func path(from uri: String) -> String? {
        let lower = uri.prefix(7).lowercased()
        guard lower == "file://" else { return nil }
        var rest = Substring(uri.dropFirst(7))
        if rest.lowercased().hasPrefix("localhost/") { rest = rest.dropFirst(9) }
        guard rest.hasPrefix("/") else { return nil }
        return percentDecode(rest)
    }

    /// `file://` plus the path with every byte outside the unreserved set and `/` percent-encoded.
    static func uri(forPath path: String) -> String {
        "file://" + PercentEncoding.encode(path, keeping: "/")
    }

    /// A `%` without two hex digits after it is kept as written (a hand-typed URI).
    static func percentDecode<S: StringProtocol>(_ text: S) -> String {
        String(decoding: PercentDecoding.decode(text, malformed: .keep) ?? Array(text.utf8), as: UTF8.self)
    }
}

/// Percent-encoding (RFC 3986 §2.1): every byte outside the unreserved set
/// (`A-Z a-z 0-9 - . _ ~`) becomes `%XX`.
public enum PercentEncoding {
    /// `text` encoded; bytes in `keeping` (ASCII) are left as they are too.
    public static func encode(_ text: String, keeping: String = "") -> String {
        let kept = Set(keeping.utf8)
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            case _ where kept.contains(byte):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output.unicodeScalars.append("%")
                output.unicodeScalars.append(hex[Int(byte >> 4)])
                output.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return output
    }
}
