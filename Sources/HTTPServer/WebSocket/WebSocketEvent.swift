/// What a WebSocket peer said: one complete message or one control frame, as
/// produced by ``WebSocketFrameDecoder`` (RFC 6455 §5.4–§5.6).
public enum WebSocketEvent: Equatable, Sendable {
    /// A complete text message, reassembled from its fragments and validated as UTF-8 (§5.6, §8.1).
    case text(String)
    /// A complete binary message, reassembled from its fragments (§5.6).
    case binary([UInt8])
    /// A ping and its application data, to be echoed in a pong (§5.5.2).
    case ping([UInt8])
    /// A pong and its application data (§5.5.3).
    case pong([UInt8])
    /// A Close frame: its status code, absent when the payload was empty, and
    /// its UTF-8 reason (§5.5.1, §7.1.5).
    case close(code: WebSocketCloseCode?, reason: String)
}

/// A complete data message, the part of ``WebSocketEvent`` the application sees.
public enum WebSocketMessage: Equatable, Sendable {
    /// A text message (§5.6).
    case text(String)
    /// A binary message (§5.6).
    case binary([UInt8])
}
