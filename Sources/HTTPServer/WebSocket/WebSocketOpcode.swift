/// The 4-bit opcode of a WebSocket frame (RFC 6455 §5.2, §11.8).
///
/// Only the six defined opcodes have cases: a frame with a reserved opcode
/// (0x3–0x7, 0xB–0xF) is a protocol error that the decoder reports before any
/// value of this type exists.
public enum WebSocketOpcode: UInt8, Sendable, CaseIterable {
    /// Continues the fragmented message a text or binary frame started (§5.4).
    case continuation = 0x0
    /// Starts a text message: UTF-8 payload (§5.6).
    case text = 0x1
    /// Starts a binary message (§5.6).
    case binary = 0x2
    /// Closing handshake: optional 2-byte status code and UTF-8 reason (§5.5.1).
    case close = 0x8
    /// Keep-alive probe the peer must answer with a pong (§5.5.2).
    case ping = 0x9
    /// Answer to a ping, or an unsolicited heartbeat (§5.5.3).
    case pong = 0xA

    /// Control frames have the high bit of the opcode set (§5.5): at most 125
    /// bytes of payload, never fragmented, and allowed between fragments.
    public var isControl: Bool { rawValue & 0x8 != 0 }
}
