/// Decodes the frames a WebSocket client sends (RFC 6455 §5) into messages and
/// control frames: an incremental state machine fed byte chunks of any size,
/// with no I/O.
///
/// It reassembles fragmented messages (§5.4), passes control frames that arrive
/// between fragments straight through, unmasks (§5.3), validates text as UTF-8
/// across fragment boundaries (§8.1) and enforces the size limit. Every
/// violation is a ``WebSocketProtocolError`` whose `closeCode` is the 1002, 1007
/// or 1009 to fail the connection with (§7.1.7, §7.4.1). Errors are sticky: once
/// one is thrown, every later call throws it again.
///
/// Server side only: a frame without the MASK bit is an error (§5.1). Extensions
/// are never negotiated, so RSV1–3 must be 0 (§5.2).
///
/// ```swift
/// var decoder = WebSocketFrameDecoder()
/// decoder.append(bytesReadFromSocket)
/// while let event = try decoder.next() {
///     handle(event)
/// }
/// ```
///
/// Payload bytes move from the input buffer into the message as they arrive,
/// so the decoder holds at most one message (≤ ``maximumMessageSize``), one
/// control payload (≤ 125 bytes) and the bytes appended but not yet parsed.
/// Call ``next()`` until it returns `nil` after each ``append(_:)``.
///
/// - Complexity: O(n) in the bytes appended.
public struct WebSocketFrameDecoder: Sendable {
    /// 64 KiB: the largest frame or reassembled message Cardbox accepts (SPEC §3).
    /// Clients only send pings, pongs, closes and ignored messages, so anything
    /// bigger is abuse; 1009 tells them (§7.4.1).
    public static let defaultMaximumMessageSize = 64 * 1024

    /// Largest control frame payload (§5.5: "125 bytes or less").
    public static let maximumControlPayloadSize = 125

    /// The size limit in bytes for one frame and for one reassembled message.
    public let maximumMessageSize: Int

    /// True on the server side (client frames MUST be masked, §5.1); false in a
    /// client reading a server's frames, which MUST NOT be masked (§5.1).
    public let expectsMaskedFrames: Bool

    /// A frame whose header has been read and whose payload is still arriving.
    struct Frame: Sendable {
        var opcode: WebSocketOpcode
        var fin: Bool
        /// Payload bytes not yet consumed.
        var remaining: Int
        /// The 4-byte masking key, first key byte in the high bits (§5.3).
        var maskingKey: UInt32
        /// Payload bytes consumed so far, which selects the key byte (`j = i MOD 4`).
        var consumed: Int
        /// Stream offset of the first payload byte.
        var payloadOffset: Int
    }

    /// Bytes appended and not yet consumed start at `readIndex`.
    private var buffer: [UInt8] = []
    private var readIndex = 0
    /// Stream offset of `buffer[0]`.
    private var bufferOffset = 0
    /// The frame whose payload is being read, if its header is complete.
    private var frame: Frame?
    /// `.text` or `.binary` while a message is open (between its first frame and the FIN frame).
    private var messageOpcode: WebSocketOpcode?
    private var message: [UInt8] = []
    private var utf8 = UTF8StreamValidator()
    /// Payload of the control frame being read.
    private var control: [UInt8] = []
    private var failure: WebSocketProtocolError?

    /// A decoder at the start of a stream, just after the handshake.
    ///
    /// - Parameter maximumMessageSize: the limit for one frame and one reassembled
    ///   message; exactly this many bytes are allowed, one more is a 1009.
    /// - Parameter expectsMaskedFrames: true for a server (the default), false for a client.
    public init(maximumMessageSize: Int = Self.defaultMaximumMessageSize, expectsMaskedFrames: Bool = true) {
        self.maximumMessageSize = max(0, maximumMessageSize)
        self.expectsMaskedFrames = expectsMaskedFrames
    }

    /// Bytes appended but not yet consumed — at most a partial frame header and
    /// whatever arrived after it, once ``next()`` has returned `nil`.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    /// True while a fragmented message has started and its FIN frame has not arrived.
    public var isInsideMessage: Bool { messageOpcode != nil }

    /// Adds bytes read from the connection; call ``next()`` to decode them.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next complete event, or `nil` when more bytes are needed.
    ///
    /// - Throws: the first protocol violation in the stream; the connection must
    ///   then be failed with its `closeCode` and no more input read (§7.1.7).
    public mutating func next() throws(WebSocketProtocolError) -> WebSocketEvent? {
        if let failure { throw failure }
        do throws(WebSocketProtocolError) {
            let event = try step()
            compact()
            return event
        } catch {
            failure = error
            throw error
        }
    }

    /// Parses headers and payloads until an event is complete or the input runs out.
    private mutating func step() throws(WebSocketProtocolError) -> WebSocketEvent? {
        while true {
            if frame == nil {
                guard let header = try readHeader() else { return nil }
                frame = header
            }
            try readPayload()
            guard let finished = frame, finished.remaining == 0 else { return nil }
            frame = nil
            if let event = try complete(finished) { return event }
        }
    }

    /// Reads one frame header (§5.2) once all of its 2–14 bytes are buffered,
    /// reporting each violation as soon as the byte that shows it is there.
    ///
    /// Checks, in order: RSV bits, opcode, MASK bit, control-frame rules (FIN,
    /// ≤ 125 bytes, no 1-byte close), fragmentation order, then the length: its
    /// top bit, its minimal encoding and the size limit.
    private mutating func readHeader() throws(WebSocketProtocolError) -> Frame? {
        let available = buffer.count - readIndex
        guard available >= 2 else { return nil }
        let start = bufferOffset + readIndex
        let first = buffer[readIndex]
        let second = buffer[readIndex + 1]
        let fin = first & 0x80 != 0
        // §5.2: "MUST be 0 unless an extension is negotiated".
        guard first & 0x70 == 0 else { throw WebSocketProtocolError(.reservedBitsSet, offset: start) }
        guard let opcode = WebSocketOpcode(rawValue: first & 0x0F) else {
            throw WebSocketProtocolError(.unknownOpcode(first & 0x0F), offset: start)
        }
        // §5.1: "The server MUST close the connection upon receiving a frame that is not masked"
        // (and a client one that is masked).
        guard (second & 0x80 != 0) == expectsMaskedFrames else { throw WebSocketProtocolError(.unmaskedFrame, offset: start + 1) }
        let shortLength = Int(second & 0x7F)
        if opcode.isControl {
            // §5.5: control frames MUST NOT be fragmented and carry at most 125 bytes.
            guard fin else { throw WebSocketProtocolError(.fragmentedControlFrame, offset: start) }
            guard shortLength <= Self.maximumControlPayloadSize else {
                throw WebSocketProtocolError(.controlFrameTooLong, offset: start + 1)
            }
            // §5.5.1: a close body, if any, starts with a 2-byte code.
            guard !(opcode == .close && shortLength == 1) else {
                throw WebSocketProtocolError(.closePayloadTooShort, offset: start + 1)
            }
        } else if opcode == .continuation {
            // §5.4: continuation frames only follow a non-FIN text or binary frame.
            guard messageOpcode != nil else { throw WebSocketProtocolError(.unexpectedContinuation, offset: start) }
        } else {
            // §5.4: fragments of one message MUST NOT be interleaved with another message.
            guard messageOpcode == nil else { throw WebSocketProtocolError(.expectedContinuation, offset: start) }
        }

        let lengthBytes = shortLength == 126 ? 2 : shortLength == 127 ? 8 : 0
        guard available >= 2 + lengthBytes else { return nil }
        var length = UInt64(shortLength)
        if lengthBytes > 0 {
            length = 0
            for index in 0..<lengthBytes { length = length << 8 | UInt64(buffer[readIndex + 2 + index]) }
            let lastLengthByte = start + 1 + lengthBytes
            // §5.2: for 127, "the most significant bit MUST be 0".
            guard length >> 63 == 0 else { throw WebSocketProtocolError(.lengthHighBitSet, offset: start + 2) }
            // §5.2: "the minimal number of bytes MUST be used to encode the length".
            // A peer that breaks a MUST of the framing is not one to trust further,
            // so this is a 1002 like every other framing violation.
            let minimum: UInt64 = lengthBytes == 2 ? 126 : 0x1_0000
            guard length >= minimum else { throw WebSocketProtocolError(.nonMinimalLength, offset: lastLengthByte) }
        }
        if !opcode.isControl {
            let alreadyReceived = opcode == .continuation ? message.count : 0
            guard length <= UInt64(maximumMessageSize - alreadyReceived) else {
                throw WebSocketProtocolError(.messageTooBig, offset: start + 1 + lengthBytes)
            }
        }

        let maskBytes = expectsMaskedFrames ? 4 : 0
        guard available >= 2 + lengthBytes + maskBytes else { return nil }
        var maskingKey: UInt32 = 0
        for index in 0..<maskBytes { maskingKey = maskingKey << 8 | UInt32(buffer[readIndex + 2 + lengthBytes + index]) }
        readIndex += 2 + lengthBytes + maskBytes

        switch opcode {
        case .text, .binary:
            messageOpcode = opcode
            message = []
            utf8 = UTF8StreamValidator()
        case .close, .ping, .pong:
            control.removeAll(keepingCapacity: true)
        case .continuation:
            break
        }
        return Frame(
            opcode: opcode, fin: fin, remaining: Int(length), maskingKey: maskingKey,
            consumed: 0, payloadOffset: bufferOffset + readIndex
        )
    }

    /// Unmasks the buffered payload bytes of the current frame (§5.3) into the
    /// message or control payload, validating text as it goes (§8.1).
    private mutating func readPayload() throws(WebSocketProtocolError) {
        guard var current = frame else { return }
        let count = min(buffer.count - readIndex, current.remaining)
        guard count > 0 else { return }
        let isText = !current.opcode.isControl && messageOpcode == .text
        for index in 0..<count {
            let keyShift = UInt32(24 - ((current.consumed + index) & 3) * 8)
            let byte = buffer[readIndex + index] ^ UInt8(truncatingIfNeeded: current.maskingKey >> keyShift)
            if current.opcode.isControl {
                control.append(byte)
            } else {
                if isText && !utf8.consume(byte) {
                    throw WebSocketProtocolError(.invalidUTF8, offset: bufferOffset + readIndex + index)
                }
                message.append(byte)
            }
        }
        readIndex += count
        current.consumed += count
        current.remaining -= count
        frame = current
    }

    /// The event a fully read frame produces: a control event, a message when
    /// it was the FIN frame of one, or `nil` for a non-final fragment.
    private mutating func complete(_ finished: Frame) throws(WebSocketProtocolError) -> WebSocketEvent? {
        switch finished.opcode {
        case .ping:
            return .ping(control)
        case .pong:
            return .pong(control)
        case .close:
            return try Self.closeEvent(payload: control, payloadOffset: finished.payloadOffset)
        case .text, .binary, .continuation:
            guard finished.fin else { return nil }
            let opcode = messageOpcode
            let body = message
            messageOpcode = nil
            message = []
            if opcode == .text {
                // §8.1: a message that ends inside a character is not UTF-8.
                guard utf8.isAtCharacterBoundary else {
                    throw WebSocketProtocolError(.invalidUTF8, offset: bufferOffset + readIndex - 1)
                }
                return .text(String(decoding: body, as: UTF8.self))
            }
            return .binary(body)
        }
    }

    /// Drops consumed bytes from the input buffer so it stays small.
    private mutating func compact() {
        if readIndex == buffer.count {
            bufferOffset += readIndex
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        } else if readIndex >= 4096 {
            bufferOffset += readIndex
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
    }
}
