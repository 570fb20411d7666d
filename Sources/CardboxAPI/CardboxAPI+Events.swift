import ByteText
import ContactStore
import HTTPServer

/// `GET /api/v1/events`: the WebSocket upgrade of SPEC §3.
extension CardboxAPI {
    /// Validates the handshake and the `since`/`types` parameters, subscribes the
    /// new stream (so it misses nothing), then answers `101` and hands it the socket.
    func openEventStream(_ call: APICall) -> HTTPResponse {
        do {
            try call.query.rejectUnknown(["since", "types", "token"])
            var since: UInt64?
            if let text = try call.query.single("since") {
                guard let value = UInt64(text) else { throw APIError.badRequest("since must be a sequence number ≥ 0, not '\(text)'") }
                since = value
            }
            var types: Set<StoreChange.Kind>?
            if let text = try call.query.single("types") {
                var kinds = Set<StoreChange.Kind>()
                for name in text.split(separator: ",") {
                    guard let kind = StoreChange.Kind(rawValue: String(name.trimmingASCIIWhitespace())) else {
                        throw APIError.badRequest("unknown event type '\(name)' in types")
                    }
                    kinds.insert(kind)
                }
                types = kinds
            }
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
        } catch let error as APIError {
            return error.response
        } catch {
            return APIError.internalError("\(error)").response
        }
    }

    /// Open WebSocket event streams (for `/status` logs and tests).
    public var eventStreamCount: Int { streams.count }
}
