import ByteText
import HTTPServer

/// The checks of SPEC §2.6 that run before routing: DNS-rebinding defence by
/// `Host`, the `Origin` allow-list (and CORS for allowed origins), and the
/// bearer token, compared in constant time.
public struct SecurityPolicy: Sendable {
    /// `Authorization: Bearer <token>` is required on every `/api` request when set.
    public var token: String?
    /// Browser origins allowed to call the API (`--allow-origin`), e.g. `http://localhost:3000`.
    public var allowedOrigins: Set<String>
    /// True while bound to a loopback address: only loopback `Host` names are accepted.
    public var loopbackOnly: Bool

    public init(token: String? = nil, allowedOrigins: Set<String> = [], loopbackOnly: Bool = true) {
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
        self.allowedOrigins = Set(allowedOrigins.map(Self.normalizedOrigin))
        self.loopbackOnly = loopbackOnly
    }

    /// 403 for a `Host` that is not `localhost`, `127.0.0.1` or `[::1]` (any port)
    /// while bound to loopback, and for a browser `Origin` not on the allow-list.
    /// An absolute-form target's authority counts as the `Host` (RFC 9112 §3.2.2).
    func checkHostAndOrigin(_ request: HTTPRequest) throws(APIError) {
        if loopbackOnly, let host = request.host, !Self.isLoopbackHost(host) {
            throw .forbidden("Host '\(host)' is not allowed (DNS-rebinding defence): use localhost, 127.0.0.1 or [::1]")
        }
        if let origin = request.headers["Origin"], !allowedOrigins.contains(Self.normalizedOrigin(origin)) {
            throw .forbidden("Origin '\(origin)' is not allowed (see --allow-origin)")
        }
    }

    /// The allowed origin of a request, for CORS headers.
    func allowedOrigin(of request: HTTPRequest) -> String? {
        guard let origin = request.headers["Origin"], allowedOrigins.contains(Self.normalizedOrigin(origin)) else { return nil }
        return origin
    }

    /// 401 unless the request carries the token (header, or `?token=` where `queryToken` is given).
    func checkToken(_ request: HTTPRequest, queryToken: String? = nil) throws(APIError) {
        guard let token else { return }
        var presented: String?
        if let authorization = request.headers["Authorization"] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { presented = String(parts[1].trimmingASCIIWhitespace()) }
        }
        if presented == nil { presented = queryToken }
        guard let presented, Self.constantTimeEquals(presented, token) else { throw .unauthorized() }
    }

    /// Compares without stopping at the first difference, so response time does
    /// not reveal how much of a guessed token was right.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0
    }

    static func isLoopbackHost(_ host: String) -> Bool {
        var name = Substring(host.lowercased())
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else { return false }
            let rest = name[name.index(after: close)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && rest.dropFirst().allSatisfy(\.isNumber)) else { return false }
            return name[...close] == "[::1]"
        }
        if let colon = name.firstIndex(of: ":") {
            guard name[name.index(after: colon)...].allSatisfy(\.isNumber) else { return false }
            name = name[..<colon]
        }
        if name.hasSuffix(".") { name = name.dropLast() }
        return name == "localhost" || name == "127.0.0.1"
    }

    /// Origins compare case-insensitively in scheme and host, without a trailing slash.
    static func normalizedOrigin(_ origin: String) -> String {
        var text = origin.lowercased()
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
