import ByteText
import ContactStore

extension ExpectedETag {
    /// Parses an `If-Match` or `If-None-Match` field value (RFC 9110 §13.1.1,
    /// §13.1.2): `*`, or entity tags separated by commas and optional blanks.
    /// A `*` anywhere in the list stands for any version.
    init(fieldValue: String) {
        let tags = fieldValue.split(separator: ",").map { String($0.trimmingASCIIWhitespace()) }
        self = tags.contains("*") ? .any : .oneOf(tags)
    }
}
