/// Why an upgrade request was refused, and the HTTP answer that says so
/// (RFC 6455 §4.2.1: "return an HTTP response with an appropriate error code").
///
/// The HTTP layer sends `status` with `headers` and a short body made of
/// `reason`, then treats the connection as ordinary HTTP again.
public enum WebSocketHandshakeError: Error, Equatable, Sendable {
    /// The method was not `GET` (RFC 6455 §4.2.1 item 1).
    case methodNotGET
    /// The request was HTTP/1.0 or older (RFC 6455 §4.2.1 item 1).
    case httpVersionTooOld
    /// No `Host` field (RFC 6455 §4.2.1 item 2).
    case missingHost
    /// No `Upgrade` field listing `websocket` (RFC 6455 §4.2.1 item 3).
    case missingUpgrade
    /// No `Connection` field listing `upgrade` (RFC 6455 §4.2.1 item 4).
    case missingConnectionUpgrade
    /// `Sec-WebSocket-Version` missing, repeated or not 13 (RFC 6455 §4.2.1 item 6, §4.4).
    case unsupportedVersion
    /// `Sec-WebSocket-Key` missing, repeated, or not base64 of 16 bytes (RFC 6455 §4.2.1 item 5).
    case invalidKey

    /// The HTTP status to answer with.
    ///
    /// 426 Upgrade Required when the request is not asking for WebSocket at all
    /// (RFC 9110 §15.5.22 — a plain `GET` on the events URL) or asks for a
    /// version this server does not speak (RFC 6455 §4.4); 400 Bad Request for a
    /// malformed upgrade (RFC 6455 §4.2.1).
    public var status: Int {
        switch self {
        case .missingUpgrade, .unsupportedVersion: 426
        case .methodNotGET, .httpVersionTooOld, .missingHost, .missingConnectionUpgrade, .invalidKey: 400
        }
    }

    /// Header fields the answer must carry: with 426, the protocol to upgrade to
    /// (RFC 9110 §15.5.22 requires `Upgrade`) and the supported version
    /// (RFC 6455 §4.4 requires `Sec-WebSocket-Version`). RFC 9110 §7.8 makes a
    /// sender of `Upgrade` also list it in `Connection`; the HTTP layer merges
    /// its own options (`close`, `keep-alive`) into that one field.
    public var headers: [WebSocketHandshake.HeaderField] {
        switch self {
        case .missingUpgrade, .unsupportedVersion:
            [
                (name: "Upgrade", value: "websocket"),
                (name: "Connection", value: "Upgrade"),
                (name: "Sec-WebSocket-Version", value: WebSocketHandshake.supportedVersion),
            ]
        case .methodNotGET, .httpVersionTooOld, .missingHost, .missingConnectionUpgrade, .invalidKey:
            []
        }
    }

    /// A one-line explanation for the response body and the log.
    public var reason: String {
        switch self {
        case .methodNotGET: "A WebSocket upgrade must use GET."
        case .httpVersionTooOld: "A WebSocket upgrade needs HTTP/1.1 or later."
        case .missingHost: "A WebSocket upgrade needs a Host header."
        case .missingUpgrade: "This endpoint only speaks WebSocket: send Upgrade: websocket."
        case .missingConnectionUpgrade: "A WebSocket upgrade needs Connection: Upgrade."
        case .unsupportedVersion: "Only WebSocket version 13 is supported."
        case .invalidKey: "Sec-WebSocket-Key must be one base64-encoded 16-byte value."
        }
    }
}
