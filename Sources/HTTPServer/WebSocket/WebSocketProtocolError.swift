/// A peer broke RFC 6455, so the connection must be failed (§7.1.7) with the
/// close code this error maps to: 1002, 1007 or 1009 (§7.4.1).
///
/// `offset` is the position in the byte stream fed to the decoder (counting
/// from 0 at the first byte after the handshake) of the byte that revealed the
/// problem, for logs and tests.
public struct WebSocketProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Kind: Equatable, Sendable {
        /// A client frame without the MASK bit (§5.1: the server MUST close, 1002).
        case unmaskedFrame
        /// RSV1–3 set with no extension negotiated (§5.2, 1002).
        case reservedBitsSet
        /// An opcode from the reserved ranges 0x3–0x7 or 0xB–0xF (§5.2, 1002).
        case unknownOpcode(UInt8)
        /// A continuation frame with no fragmented message in progress (§5.4, 1002).
        case unexpectedContinuation
        /// A new text or binary frame while a fragmented message is still open (§5.4, 1002).
        case expectedContinuation
        /// A control frame without FIN (§5.5: control frames MUST NOT be fragmented, 1002).
        case fragmentedControlFrame
        /// A control frame with more than 125 bytes of payload (§5.5, 1002).
        case controlFrameTooLong
        /// A length not written in the fewest bytes (§5.2: "the minimal number of
        /// bytes MUST be used to encode the length", 1002).
        case nonMinimalLength
        /// A 64-bit length with its most significant bit set (§5.2, 1002).
        case lengthHighBitSet
        /// A Close payload of exactly one byte: half a status code (§5.5.1, 1002).
        case closePayloadTooShort
        /// A Close status code that may not appear on the wire (§7.4.1–§7.4.2, 1002).
        case invalidCloseCode(UInt16)
        /// A text message that is not UTF-8 (§8.1, 1007).
        case invalidUTF8
        /// A Close reason that is not UTF-8 (§5.5.1, 1007).
        case invalidCloseReasonUTF8
        /// A frame or reassembled message over the size limit (§7.4.1, 1009).
        case messageTooBig
    }

    /// What was wrong.
    public let kind: Kind
    /// Stream offset of the byte that revealed the problem.
    public let offset: Int

    /// Creates an error; the decoder is the only producer.
    public init(_ kind: Kind, offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// The status code of the Close frame to send before closing (§7.4.1).
    public var closeCode: WebSocketCloseCode {
        switch kind {
        case .invalidUTF8, .invalidCloseReasonUTF8: .invalidPayloadData
        case .messageTooBig: .messageTooBig
        case .unmaskedFrame, .reservedBitsSet, .unknownOpcode, .unexpectedContinuation, .expectedContinuation,
             .fragmentedControlFrame, .controlFrameTooLong, .nonMinimalLength, .lengthHighBitSet,
             .closePayloadTooShort, .invalidCloseCode:
            .protocolError
        }
    }

    /// `kind at byte offset`, for logs.
    public var description: String { "WebSocket protocol error \(kind) at byte \(offset) (close \(closeCode))" }
}
