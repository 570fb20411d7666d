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
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var allowed: [String] = []
        for route in routes {
            guard let parameters = Self.bind(route.pattern, to: segments) else { continue }
            if route.method == method || (method == .head && route.method == .get) {
                return .success((route.endpoint, parameters))
            }
            allowed.append(route.method.rawValue)
            if route.method == .get { allowed.append("HEAD") }
        }
        if allowed.isEmpty { return .failure(.notFound("no route for \(method.rawValue) \(path)")) }
        return .failure(.methodNotAllowed(allowed + ["OPTIONS"]))
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
