/// What a write expects of the contact's current ETag: the `If-Match` header
/// (RFC 9110 §13.1.1) as the API parsed it. A write whose expectation the file
/// does not meet changes nothing (412).
public enum ExpectedETag: Sendable, Equatable {
    /// `*`: whatever the current version.
    case any
    /// One of these strong ETags, quotes included (`"1a2b…"`).
    case oneOf([String])

    /// True when a file whose ETag is `etag` meets the expectation.
    public func admits(_ etag: String) -> Bool {
        switch self {
        case .any: return true
        case .oneOf(let tags): return tags.contains(etag)
        }
    }
}
