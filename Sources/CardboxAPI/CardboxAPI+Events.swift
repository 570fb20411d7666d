import ByteText
import ContactStore
import HTTPServer

/// `GET /api/v1/events`: the WebSocket upgrade of SPEC §3.
extension CardboxAPI {
    /// Validates the handshake and the `since`/`types` parameters, subscribes the
    /// new stream (so it misses nothing), then answers `101` and hands it the socket.
    func openEventStream(_ call: APICall) -> HTTPResponse {
        do throws(APIError) {
            let (since, types) = try Self.eventStreamParameters(call.query)
            let request = call.request
            let version = request.version == .http1_1 ? (major: 1, minor: 1) : (major: 1, minor: 0)
            let fields = request.headers.map { (name: $0.name, value: $0.value) }
            switch WebSocketHandshake.accept(method: request.method.rawValue, version: version, headers: fields) {
            case .failure(let error):
                var failure = APIError(status: error.status, code: APIError.code(forStatus: error.status),
                                       message: "not a WebSocket upgrade: \(error.reason)")
                for header in error.headers { failure.headers.add(name: header.name, value: header.value) }
                return failure.response
            case .success(let headers):
                let stream = streams.open(since: since, types: types)
                var responseHeaders = HTTPHeaders()
                for header in headers { responseHeaders.add(name: header.name, value: header.value) }
                return HTTPResponse.switchingProtocols(headers: responseHeaders) { connection in
                    stream.attach(connection)
                    return stream
                }
            }
        } catch {
            return error.response
        }
    }

    /// `since` (a sequence number, 0…2⁶³−1) and `types` (a comma-separated list of
    /// event types); 400 for anything else.
    static func eventStreamParameters(_ query: QueryString) throws(APIError) -> (since: UInt64?, types: Set<StoreChange.Kind>?) {
        try query.rejectUnknown(["since", "types", "token"])
        let since = try query.integer("since", in: 0...Int.max).map(UInt64.init)
        guard let text = try query.single("types") else { return (since, nil) }
        var kinds = Set<StoreChange.Kind>()
        for name in text.split(separator: ",") {
            guard let kind = StoreChange.Kind(rawValue: String(name.trimmingASCIIWhitespace())) else {
                throw .badRequest("unknown event type '\(name)' in types")
            }
            kinds.insert(kind)
        }
        return (since, kinds)
    }

    /// Open WebSocket event streams (for `/status` logs and tests).
    public var eventStreamCount: Int { streams.count }
}
