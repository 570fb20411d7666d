import HTTPServer

/// Maps method and path to an endpoint, and answers 404 or 405 (with `Allow`)
/// for everything else. The table reads like the API (SPEC §2.3); path
/// parameters are written `:name` and arrive percent-decoded.
struct Router<Endpoint: Sendable>: Sendable {
    struct Route: Sendable {
        let method: HTTPMethod
        let pattern: [String]
        let endpoint: Endpoint
        /// The pattern as OpenAPI writes it, e.g. `/api/v1/contacts/{id}`.
        var openAPIPath: String {
            "/" + pattern.map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : $0 }.joined(separator: "/")
        }
    }

    private(set) var routes: [Route] = []

    mutating func add(_ method: HTTPMethod, _ path: String, _ endpoint: Endpoint) {
        routes.append(Route(method: method, pattern: path.split(separator: "/").map(String.init), endpoint: endpoint))
    }

    /// The endpoint for a request and its path parameters. `HEAD` is served by
    /// the `GET` route (RFC 9110 §9.3.2).
    func match(_ method: HTTPMethod, path: String) -> Result<(Endpoint, [String: String]), APIError> {
        let segments = Self.segments(of: path)
        for route in routes {
            guard route.method == method || (method == .head && route.method == .get),
                  let parameters = Self.bind(route.pattern, to: segments) else { continue }
            return .success((route.endpoint, parameters))
        }
        let allowed = allowedMethods(segments)
        if allowed.isEmpty { return .failure(.notFound("no route for \(method.rawValue) \(path)")) }
        return .failure(.methodNotAllowed(allowed))
    }

    /// The methods `path` answers, as `Allow` lists them (RFC 9110 §10.2.1):
    /// its routes' methods, `HEAD` after `GET`, and `OPTIONS`; empty for a path
    /// no route matches.
    func allowedMethods(path: String) -> [String] {
        allowedMethods(Self.segments(of: path))
    }

    private func allowedMethods(_ segments: ArraySlice<Substring>) -> [String] {
        var allowed: [String] = []
        for route in routes where Self.bind(route.pattern, to: segments) != nil {
            allowed.append(route.method.rawValue)
            if route.method == .get { allowed.append("HEAD") }
        }
        return allowed.isEmpty ? [] : allowed + ["OPTIONS"]
    }

    /// Every method some route answers, for `OPTIONS *` (RFC 9110 §9.3.7: the server as a whole).
    var allMethods: [String] {
        var allowed: [String] = []
        for route in routes where !allowed.contains(route.method.rawValue) {
            allowed.append(route.method.rawValue)
            if route.method == .get, !allowed.contains("HEAD") { allowed.append("HEAD") }
        }
        return allowed + ["OPTIONS"]
    }

    private static func segments(of path: String) -> ArraySlice<Substring> {
        path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
    }

    private static func bind(_ pattern: [String], to segments: ArraySlice<Substring>) -> [String: String]? {
        guard pattern.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (part, segment) in zip(pattern, segments) {
            if part.hasPrefix(":") {
                guard !segment.isEmpty, let value = PathSegment.decode(segment) else { return nil }
                parameters[String(part.dropFirst())] = value
            } else if part != segment {
                return nil
            }
        }
        return parameters
    }
}
