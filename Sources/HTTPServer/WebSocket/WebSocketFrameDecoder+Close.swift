extension WebSocketFrameDecoder {
    /// The event for a Close frame's payload (§5.5.1): empty, or a 2-byte status
    /// code that may appear on the wire (§7.4) followed by a UTF-8 reason.
    ///
    /// A one-byte payload is rejected earlier, from the header alone.
    static func closeEvent(payload: [UInt8], payloadOffset: Int) throws(WebSocketProtocolError) -> WebSocketEvent {
        guard payload.count >= 2 else { return .close(code: nil, reason: "") }
        let code = WebSocketCloseCode(rawValue: UInt16(payload[0]) << 8 | UInt16(payload[1]))
        guard code.isValidOnTheWire else {
            throw WebSocketProtocolError(.invalidCloseCode(code.rawValue), offset: payloadOffset + 1)
        }
        let reason = payload[2...]
        var validator = UTF8StreamValidator()
        for index in reason.indices {
            guard validator.consume(reason[index]) else {
                throw WebSocketProtocolError(.invalidCloseReasonUTF8, offset: payloadOffset + index)
            }
        }
        guard validator.isAtCharacterBoundary else {
            throw WebSocketProtocolError(.invalidCloseReasonUTF8, offset: payloadOffset + payload.count - 1)
        }
        return .close(code: code, reason: String(decoding: reason, as: UTF8.self))
    }
}
