/// Encodes the frames a WebSocket server sends (RFC 6455 §5.2): unmasked, FIN
/// set, no extensions, the payload length in its minimal form.
///
/// ```text
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-------+-+-------------+-------------------------------+
/// |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
/// |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
/// |N|V|V|V|       |S|             |   (if payload len==126/127)   |
/// | |1|2|3|       |K|             |                               |
/// +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
/// |     Extended payload length continued, if payload len == 127  |
/// + - - - - - - - - - - - - - - - +-------------------------------+
/// |                               |Masking-key, if MASK set to 1  |
/// +-------------------------------+-------------------------------+
/// | Masking-key (continued)       |          Payload Data         |
/// +-------------------------------- - - - - - - - - - - - - - - - +
/// :                     Payload Data continued ...                :
/// + - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - +
/// |                     Payload Data continued ...                |
/// +---------------------------------------------------------------+
/// ```
///
/// Payload len is 0–125 for the length itself, 126 for a 16-bit length and
/// 127 for a 64-bit one, both big-endian. A server MUST NOT mask (§5.1), so the
/// MASK bit is 0 and there is no masking key.
///
/// ```swift
/// WebSocketFrameEncoder.text("Hello") // [0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]
/// ```
///
/// - Complexity: O(n) in the payload; one allocation per frame.
public enum WebSocketFrameEncoder {
    /// A single-frame text message (§5.6).
    public static func text(_ text: String) -> [UInt8] {
        frame(opcode: .text, payload: Array(text.utf8))
    }

    /// A single-frame binary message (§5.6).
    public static func binary(_ bytes: [UInt8]) -> [UInt8] {
        frame(opcode: .binary, payload: bytes)
    }

    /// A ping carrying `payload` (≤ 125 bytes), which the peer echoes in its pong (§5.5.2).
    public static func ping(_ payload: [UInt8] = []) -> [UInt8] {
        frame(opcode: .ping, payload: payload)
    }

    /// A pong echoing a ping's `payload` (≤ 125 bytes) (§5.5.3).
    public static func pong(_ payload: [UInt8] = []) -> [UInt8] {
        frame(opcode: .pong, payload: payload)
    }

    /// A Close frame (§5.5.1): empty when `code` is nil, else the big-endian code
    /// and `reason`, cut at a character boundary to fit the 125-byte limit.
    public static func close(code: WebSocketCloseCode?, reason: String = "") -> [UInt8] {
        frame(opcode: .close, payload: closePayload(code: code, reason: reason))
    }

    /// One frame with any opcode and FIN flag, for fragmented messages.
    ///
    /// Control frames are always final and carry at most 125 bytes (§5.5): a
    /// longer payload is cut there rather than trapping, since a pong echoes
    /// what a peer sent.
    public static func frame(opcode: WebSocketOpcode, payload: [UInt8], fin: Bool = true) -> [UInt8] {
        let payload = opcode.isControl ? Array(payload.prefix(WebSocketFrameDecoder.maximumControlPayloadSize)) : payload
        var bytes = header(opcode: opcode, fin: fin || opcode.isControl, length: payload.count)
        bytes.append(contentsOf: payload)
        return bytes
    }

    /// The 2–10 header bytes of an unmasked frame (§5.2), length minimal.
    static func header(opcode: WebSocketOpcode, fin: Bool, length: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10 + length)
        bytes.append((fin ? 0x80 : 0) | opcode.rawValue)
        switch length {
        case 0...125:
            bytes.append(UInt8(length))
        case 126...0xFFFF:
            bytes.append(126)
            bytes.append(UInt8(truncatingIfNeeded: length >> 8))
            bytes.append(UInt8(truncatingIfNeeded: length))
        default:
            bytes.append(127)
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: UInt64(length) >> UInt64(shift)))
            }
        }
        return bytes
    }

    /// The payload of a Close frame: nothing, or the code and as much of the
    /// reason as fits in 123 bytes without splitting a character (§5.5, §5.5.1).
    static func closePayload(code: WebSocketCloseCode?, reason: String) -> [UInt8] {
        guard let code else { return [] }
        var payload: [UInt8] = [UInt8(code.rawValue >> 8), UInt8(code.rawValue & 0xFF)]
        for character in reason {
            let utf8 = Array(String(character).utf8)
            guard payload.count + utf8.count <= WebSocketFrameDecoder.maximumControlPayloadSize else { break }
            payload.append(contentsOf: utf8)
        }
        return payload
    }
}
