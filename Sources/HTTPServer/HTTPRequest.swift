import ByteText

/// An HTTP request method (RFC 9110 §9). Methods are case-sensitive: `get` is
/// not `GET`.
public struct HTTPMethod: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let delete = HTTPMethod(rawValue: "DELETE")
    public static let options = HTTPMethod(rawValue: "OPTIONS")
    public static let connect = HTTPMethod(rawValue: "CONNECT")
    public static let trace = HTTPMethod(rawValue: "TRACE")

    public var description: String { rawValue }
}

/// The protocol versions this server speaks (RFC 9112 §2.3).
public enum HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    case http1_0
    case http1_1

    public var description: String {
        switch self {
        case .http1_0: "HTTP/1.0"
        case .http1_1: "HTTP/1.1"
        }
    }
}

/// A complete HTTP request: head and whole body, as ``HTTPRequestParser`` produces it.
///
/// `path` and `query` are split from the request target but not percent-decoded:
/// decoding is the router's business, since `%2F` inside an id is not a `/`.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The request target exactly as sent (origin-form `/a?b`, absolute-form
    /// `http://h/a?b`, `*` or an authority for CONNECT).
    public var target: String
    /// The path of the target, still percent-encoded; `/` for `*`-less absolute targets without one.
    public var path: String
    /// The part after the first `?`, without it; nil when there is no `?`.
    public var query: String?
    /// The authority (`host[:port]`) of an absolute-form target (`http://h:1/p`,
    /// RFC 9112 §3.2.2); nil for the other forms.
    public var authority: String?
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    /// The body with any chunked framing removed.
    public var body: [UInt8]
    /// Fields of a chunked body's trailer section (RFC 9112 §7.1.2); empty otherwise.
    public var trailers: HTTPHeaders

    public init(method: HTTPMethod, target: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = [:], body: [UInt8] = [], trailers: HTTPHeaders = [:]) {
        self.method = method
        self.target = target
        (path, query) = HTTPRequest.split(target: target)
        authority = HTTPRequest.authority(ofTarget: target)
        self.version = version
        self.headers = headers
        self.body = body
        self.trailers = trailers
    }

    /// The host the request is for: an absolute-form target's authority, which
    /// replaces any `Host` field (RFC 9112 §3.2.2: the server MUST ignore the
    /// received Host and use the target's), else the `Host` field.
    public var host: String? {
        authority ?? headers["Host"]
    }

    /// True if the connection may stay open after the response (RFC 9112 §9.3):
    /// HTTP/1.1 unless `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    public var keepAlive: Bool {
        switch version {
        case .http1_1: !headers.containsToken("close", for: "Connection")
        case .http1_0: headers.containsToken("keep-alive", for: "Connection") && !headers.containsToken("close", for: "Connection")
        }
    }

    /// True if the client asks to switch protocols (RFC 9110 §7.8): an `Upgrade`
    /// field and `upgrade` among the `Connection` options.
    public var isUpgradeRequest: Bool {
        headers.contains("Upgrade") && headers.containsToken("upgrade", for: "Connection")
    }

    /// Splits a request target into path and query. For absolute-form
    /// (`http://host/p?q`, RFC 9112 §3.2.2) the scheme and authority are dropped.
    static func split(target: String) -> (path: String, query: String?) {
        var rest = Substring(target)
        if !rest.hasPrefix("/"), let scheme = schemeLength(of: rest) {
            rest = rest.dropFirst(scheme + 3)
            rest = rest[(rest.firstIndex(where: isAuthorityEnd) ?? rest.endIndex)...]
            if !rest.hasPrefix("/") { rest = "/" + rest }
        }
        if let mark = rest.firstIndex(of: "?") {
            return (String(rest[..<mark]), String(rest[rest.index(after: mark)...]))
        }
        return (String(rest), nil)
    }

    /// The authority of an absolute-form target (`h:1` in `http://h:1/p`); nil for other forms.
    static func authority(ofTarget target: String) -> String? {
        let rest = Substring(target)
        guard !rest.hasPrefix("/"), let scheme = schemeLength(of: rest) else { return nil }
        let authority = rest.dropFirst(scheme + 3)
        return String(authority[..<(authority.firstIndex(where: isAuthorityEnd) ?? authority.endIndex)])
    }

    /// RFC 3986 §3.2: the authority ends at the next `/`, `?` or `#`.
    private static func isAuthorityEnd(_ character: Character) -> Bool {
        character == "/" || character == "?" || character == "#"
    }

    /// The length of `scheme` in `scheme://…` if `target` starts that way
    /// (RFC 3986 §3.1: a letter, then letters, digits, `+`, `-`, `.`).
    static func schemeLength(of target: Substring) -> Int? {
        let bytes = Array(target.utf8.prefix(32))
        guard let first = bytes.first, ASCII.lowercased(first) &- 0x61 < 26 else { return nil }
        var index = 1
        while index < bytes.count, ASCII.isToken(bytes[index]), bytes[index] != UInt8(ascii: ":") { index += 1 }
        guard index + 2 < bytes.count, bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "/"),
              bytes[index + 2] == UInt8(ascii: "/") else { return nil }
        return index
    }
}
