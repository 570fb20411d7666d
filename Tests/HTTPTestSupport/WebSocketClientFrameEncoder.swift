import HTTPServer

/// Encodes masked frames, as a WebSocket *client* sends them (RFC 6455 §5.3) —
/// for tests and the benchmark client; the server never masks (§5.1), so this
/// lives outside the production targets, built on the server's encoder.
///
/// Same layout as ``WebSocketFrameEncoder`` (see its diagram) with the MASK bit
/// set and a 4-byte masking key before the payload; each payload byte `i` is
/// XORed with key byte `i MOD 4`. By default the key comes from the system's
/// random generator, as §5.3 requires ("unpredictable"); tests pass a fixed key
/// to compare with RFC fixtures.
///
/// ```swift
/// WebSocketClientFrameEncoder.text("Hello", maskingKey: 0x37fa213d)
/// // [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58] (§5.7)
/// ```
public enum WebSocketClientFrameEncoder {
    /// A fresh, unpredictable masking key (§5.3).
    public static func randomMaskingKey() -> UInt32 { UInt32.random(in: .min ... .max) }

    /// A masked single-frame text message.
    public static func text(_ text: String, maskingKey: UInt32 = randomMaskingKey()) -> [UInt8] {
        frame(opcode: .text, payload: Array(text.utf8), maskingKey: maskingKey)
    }

    /// A masked single-frame binary message.
    public static func binary(_ bytes: [UInt8], maskingKey: UInt32 = randomMaskingKey()) -> [UInt8] {
        frame(opcode: .binary, payload: bytes, maskingKey: maskingKey)
    }

    /// A masked ping (≤ 125 bytes).
    public static func ping(_ payload: [UInt8] = [], maskingKey: UInt32 = randomMaskingKey()) -> [UInt8] {
        frame(opcode: .ping, payload: payload, maskingKey: maskingKey)
    }

    /// A masked pong (≤ 125 bytes).
    public static func pong(_ payload: [UInt8] = [], maskingKey: UInt32 = randomMaskingKey()) -> [UInt8] {
        frame(opcode: .pong, payload: payload, maskingKey: maskingKey)
    }

    /// A masked Close frame, empty when `code` is nil (§5.5.1).
    public static func close(code: WebSocketCloseCode?, reason: String = "", maskingKey: UInt32 = randomMaskingKey()) -> [UInt8] {
        // The server's close frame has a 2-byte header (its payload is at most 125 bytes).
        frame(opcode: .close, payload: Array(WebSocketFrameEncoder.close(code: code, reason: reason).dropFirst(2)), maskingKey: maskingKey)
    }

    /// One masked frame with any opcode and FIN flag, for fragmented messages
    /// (control frames are final and cut at 125 bytes, as the server's encoder does).
    public static func frame(
        opcode: WebSocketOpcode, payload: [UInt8], fin: Bool = true, maskingKey: UInt32 = randomMaskingKey()
    ) -> [UInt8] {
        // The server's unmasked frame, with the MASK bit set and the key after the header.
        let unmasked = WebSocketFrameEncoder.frame(opcode: opcode, payload: payload, fin: fin)
        let payload = opcode.isControl ? Array(payload.prefix(125)) : payload
        var bytes = Array(unmasked.prefix(unmasked.count - payload.count))
        bytes[1] |= 0x80
        let key: [UInt8] = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: maskingKey >> UInt32($0)) }
        bytes.append(contentsOf: key)
        for (index, byte) in payload.enumerated() { bytes.append(byte ^ key[index & 3]) }
        return bytes
    }
}
