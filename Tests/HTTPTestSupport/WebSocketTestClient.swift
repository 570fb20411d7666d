import HTTPServer

/// A blocking WebSocket client for end-to-end tests: the RFC 6455 handshake over
/// ``HTTPTestClient``, masked client frames, and server frames decoded with
/// ``WebSocketFrameDecoder`` in client mode.
public final class WebSocketTestClient {
    public let http: HTTPTestClient
    /// The handshake's answer (101 on success).
    public let handshake: WireResponse
    private var decoder = WebSocketFrameDecoder(maximumMessageSize: 64 << 20, expectsMaskedFrames: false)

    /// Connects and upgrades `target` (e.g. `/api/v1/events?since=3`); check ``handshake``.
    public init(port: UInt16, target: String, headers: [String: String] = [:]) throws {
        http = try HTTPTestClient(port: port)
        var key: [UInt8] = []
        for _ in 0..<16 { key.append(UInt8.random(in: 0...255)) }
        var head = "GET \(target) HTTP/1.1\r\nHost: localhost:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        head += "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: \(Base64.encode(key))\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        try http.send(head + "\r\n")
        handshake = try http.readResponse()
    }

    /// The next event from the server, reading as needed; nil when the stream ends.
    public func next() throws -> WebSocketEvent? {
        while true {
            if let event = try decoder.next() { return event }
            let bytes = try http.readSome()
            if bytes.isEmpty { return nil }
            decoder.append(bytes)
        }
    }

    /// The next text message, answering pings on the way; nil if the stream ends or closes first.
    public func nextText() throws -> String? {
        while let event = try next() {
            switch event {
            case .text(let text): return text
            case .ping(let payload): try send(WebSocketClientFrameEncoder.pong(payload))
            case .close: return nil
            default: continue
            }
        }
        return nil
    }

    public func send(_ frame: [UInt8]) throws {
        try http.send(frame)
    }
}
