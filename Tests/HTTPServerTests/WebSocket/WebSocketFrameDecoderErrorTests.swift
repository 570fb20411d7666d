import Testing
@testable import HTTPServer

/// Every way a client can break RFC 6455, the error the decoder reports and
/// the close code it maps to — each fed whole, byte by byte and split everywhere.
@Suite("WebSocket frame decoder: protocol errors map to close codes")
struct WebSocketFrameDecoderErrorTests {
    typealias Kind = WebSocketProtocolError.Kind

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var input: [UInt8]
        var kind: Kind
        var offset: Int
        var closeCode: WebSocketCloseCode
        /// Events decoded before the error.
        var events: [WebSocketEvent] = []
        var testDescription: String { name }
    }

    static let closeCases: [Case] = [0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65_535].map { (code: UInt16) in
        Case(name: "close code \(code)", input: rawMaskedFrame(first: 0x88, lengthBytes: [2], payload: [UInt8(code >> 8), UInt8(code & 0xFF)]),
             kind: .invalidCloseCode(code), offset: 7, closeCode: .protocolError)
    }

    static let opcodeCases: [Case] = [0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF].map { (opcode: UInt8) in
        Case(name: "opcode \(opcode)", input: rawMaskedFrame(first: 0x80 | opcode, lengthBytes: [0]),
             kind: .unknownOpcode(opcode), offset: 0, closeCode: .protocolError)
    }

    static let cases: [Case] = [
        Case(name: "unmasked text", input: [0x81, 0x00], kind: .unmaskedFrame, offset: 1, closeCode: .protocolError),
        Case(name: "unmasked close", input: [0x88, 0x02, 0x03, 0xE8], kind: .unmaskedFrame, offset: 1, closeCode: .protocolError),
        Case(name: "RSV1", input: rawMaskedFrame(first: 0xC1, lengthBytes: [0]), kind: .reservedBitsSet, offset: 0, closeCode: .protocolError),
        Case(name: "RSV2", input: rawMaskedFrame(first: 0xA2, lengthBytes: [0]), kind: .reservedBitsSet, offset: 0, closeCode: .protocolError),
        Case(name: "RSV3", input: rawMaskedFrame(first: 0x99, lengthBytes: [0]), kind: .reservedBitsSet, offset: 0, closeCode: .protocolError),
        Case(name: "continuation first", input: rawMaskedFrame(first: 0x80, lengthBytes: [0]),
             kind: .unexpectedContinuation, offset: 0, closeCode: .protocolError),
        Case(name: "non-final continuation first", input: rawMaskedFrame(first: 0x00, lengthBytes: [1], payload: [0x41]),
             kind: .unexpectedContinuation, offset: 0, closeCode: .protocolError),
        Case(name: "continuation after a complete message", input: maskedFrame(.text, [0x41]) + maskedFrame(.continuation, [0x42]),
             kind: .unexpectedContinuation, offset: 7, closeCode: .protocolError, events: [.text("A")]),
        Case(name: "text inside a fragmented text", input: maskedFrame(.text, [0x41], fin: false) + maskedFrame(.text, [0x42]),
             kind: .expectedContinuation, offset: 7, closeCode: .protocolError),
        Case(name: "binary inside a fragmented text", input: maskedFrame(.text, [], fin: false) + maskedFrame(.binary, []),
             kind: .expectedContinuation, offset: 6, closeCode: .protocolError),
        Case(name: "fragmented ping", input: rawMaskedFrame(first: 0x09, lengthBytes: [0]), kind: .fragmentedControlFrame, offset: 0, closeCode: .protocolError),
        Case(name: "fragmented pong", input: rawMaskedFrame(first: 0x0A, lengthBytes: [0]), kind: .fragmentedControlFrame, offset: 0, closeCode: .protocolError),
        Case(name: "fragmented close", input: rawMaskedFrame(first: 0x08, lengthBytes: [0]), kind: .fragmentedControlFrame, offset: 0, closeCode: .protocolError),
        Case(name: "ping of 126 bytes", input: rawMaskedFrame(first: 0x89, lengthBytes: [126, 0, 126], payload: [UInt8](repeating: 0, count: 126)),
             kind: .controlFrameTooLong, offset: 1, closeCode: .protocolError),
        Case(name: "close with 64-bit length", input: rawMaskedFrame(first: 0x88, lengthBytes: [127, 0, 0, 0, 0, 0, 0, 0, 2], payload: [3, 0xE8]),
             kind: .controlFrameTooLong, offset: 1, closeCode: .protocolError),
        Case(name: "close of 1 byte", input: rawMaskedFrame(first: 0x88, lengthBytes: [1], payload: [3]),
             kind: .closePayloadTooShort, offset: 1, closeCode: .protocolError),
        Case(name: "16-bit length 125", input: rawMaskedFrame(first: 0x82, lengthBytes: [126, 0, 125], payload: [UInt8](repeating: 1, count: 125)),
             kind: .nonMinimalLength, offset: 3, closeCode: .protocolError),
        Case(name: "16-bit length 0", input: rawMaskedFrame(first: 0x82, lengthBytes: [126, 0, 0]), kind: .nonMinimalLength, offset: 3, closeCode: .protocolError),
        Case(name: "64-bit length 65535", input: rawMaskedFrame(first: 0x82, lengthBytes: [127, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]),
             kind: .nonMinimalLength, offset: 9, closeCode: .protocolError),
        Case(name: "64-bit length 5", input: rawMaskedFrame(first: 0x81, lengthBytes: [127, 0, 0, 0, 0, 0, 0, 0, 5], payload: Array("Hello".utf8)),
             kind: .nonMinimalLength, offset: 9, closeCode: .protocolError),
        Case(name: "64-bit length with top bit", input: rawMaskedFrame(first: 0x82, lengthBytes: [127, 0x80, 0, 0, 0, 0, 0, 0, 1]),
             kind: .lengthHighBitSet, offset: 2, closeCode: .protocolError),
        Case(name: "4 GiB frame", input: rawMaskedFrame(first: 0x82, lengthBytes: [127, 0, 0, 0, 1, 0, 0, 0, 0]),
             kind: .messageTooBig, offset: 9, closeCode: .messageTooBig),
        Case(name: "65537-byte continuation", input: maskedFrame(.text, [], fin: false) + rawMaskedFrame(first: 0x80, lengthBytes: [127, 0, 0, 0, 0, 0, 1, 0, 1]),
             kind: .messageTooBig, offset: 15, closeCode: .messageTooBig),
        Case(name: "text not UTF-8", input: maskedFrame(.text, [0x48, 0xFF, 0x49]), kind: .invalidUTF8, offset: 7, closeCode: .invalidPayloadData),
        Case(name: "text ends mid-character", input: maskedFrame(.text, [0x48, 0xE2, 0x82]), kind: .invalidUTF8, offset: 8, closeCode: .invalidPayloadData),
        Case(name: "close reason not UTF-8", input: maskedFrame(.close, [0x03, 0xE8, 0x61, 0xC0, 0x80]),
             kind: .invalidCloseReasonUTF8, offset: 9, closeCode: .invalidPayloadData),
        Case(name: "close reason ends mid-character", input: maskedFrame(.close, [0x03, 0xE8, 0xF0, 0x9F, 0x98]),
             kind: .invalidCloseReasonUTF8, offset: 10, closeCode: .invalidPayloadData),
    ]

    @Test(arguments: cases + opcodeCases + closeCases)
    func reportsErrorWithCloseCode(_ testCase: Case) {
        let expected = WebSocketProtocolError(testCase.kind, offset: testCase.offset)
        #expect(expected.closeCode == testCase.closeCode)
        expectFramesDecode(testCase.input, to: WebSocketDecodeResult(events: testCase.events, error: expected))
    }

    /// A well-formed frame of each kind right before the broken one is still delivered.
    @Test(arguments: cases)
    func deliversWhatCameBefore(_ testCase: Case) {
        let prefix = maskedFrame(.ping, [7])
        let result = decodeFrames([prefix + testCase.input])
        #expect(result.events == [.ping([7])] + testCase.events)
        #expect(result.error == WebSocketProtocolError(testCase.kind, offset: testCase.offset + prefix.count))
    }

    @Test func everyErrorKindHasItsCloseCode() {
        let codes = (Self.cases + Self.opcodeCases + Self.closeCases).map(\.closeCode.rawValue)
        #expect(Set(codes) == [1002, 1007, 1009])
        #expect(WebSocketProtocolError(.invalidUTF8, offset: 3).description.contains("1007"))
    }
}

/// Frame lengths at the extremes of their 64-bit field: a close code, never an overflow.
@Suite("WebSocket frame lengths at their extremes")
struct WebSocketFrameLengthExtremeTests {
    @Test func theLargestLegalLengthIsTooBig() {
        let frame = rawMaskedFrame(first: 0x82, lengthBytes: [127, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(decodeFrames([frame]).error?.closeCode == .messageTooBig)
    }

    @Test func aLengthWithTheTopBitIsAProtocolError() {
        let frame = rawMaskedFrame(first: 0x82, lengthBytes: [127, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(decodeFrames([frame]).error?.closeCode == .protocolError)
    }

    @Test func aContinuationThatWouldPassTheLimitByTheLargestLengthIsTooBig() {
        let first = maskedFrame(.binary, [UInt8](repeating: 1, count: 1000), fin: false)
        let next = rawMaskedFrame(first: 0x80, lengthBytes: [127, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(decodeFrames([first + next]).error?.closeCode == .messageTooBig)
    }
}
