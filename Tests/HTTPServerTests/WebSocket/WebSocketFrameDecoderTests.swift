import HTTPTestSupport
import Testing
@testable import HTTPServer

@Suite("WebSocket frame decoder: RFC 6455 §5.7 fixtures, fragmentation, limits")
struct WebSocketFrameDecoderTests {
    let hello = Array("Hello".utf8)

    /// §5.7: "A single-frame masked text message".
    @Test func singleFrameMaskedText() {
        let fixture = hexFixture("81 85 37 fa 21 3d 7f 9f 4d 51 58")
        #expect(maskedFrame(.text, hello) == fixture)
        expectFramesDecode(fixture, to: WebSocketDecodeResult(events: [.text("Hello")]))
    }

    /// §5.7: the unmasked examples are server frames; a server receiving them fails with 1002 (§5.1).
    @Test(arguments: ["81 05 48 65 6c 6c 6f", "01 03 48 65 6c", "89 05 48 65 6c 6c 6f", "82 00"])
    func unmaskedRFCExamplesAreRejected(fixture: String) {
        let input = hexFixture(fixture)
        expectFramesDecode(input, to: WebSocketDecodeResult(error: WebSocketProtocolError(.unmaskedFrame, offset: 1)))
        #expect(decodeFrames([input]).error?.closeCode == .protocolError)
    }

    /// §5.7: "A fragmented unsent text message" — "Hel" then "lo", masked as a client sends it.
    @Test func fragmentedText() {
        let input = maskedFrame(.text, Array("Hel".utf8), fin: false) + maskedFrame(.continuation, Array("lo".utf8))
        #expect(input.prefix(2) == [0x01, 0x83])
        #expect(input[9...10] == [0x80, 0x82])
        expectFramesDecode(input, to: WebSocketDecodeResult(events: [.text("Hello")]))
    }

    /// §5.7: "Unmasked Ping request and masked Ping response" — masked both ways here.
    @Test func pingAndPong() {
        let pong = hexFixture("8a 85 37 fa 21 3d 7f 9f 4d 51 58")
        #expect(maskedFrame(.pong, hello) == pong)
        expectFramesDecode(maskedFrame(.ping, hello) + pong, to: WebSocketDecodeResult(events: [.ping(hello), .pong(hello)]))
        expectFramesDecode(maskedFrame(.ping, []), to: WebSocketDecodeResult(events: [.ping([])]))
    }

    /// §5.7: "256 bytes binary message in a single unmasked frame" (masked: 16-bit length).
    @Test func binary256With16BitLength() {
        let payload = (0..<256).map { UInt8(truncatingIfNeeded: $0) }
        let input = maskedFrame(.binary, payload)
        #expect(input.prefix(4) == [0x82, 0xFE, 0x01, 0x00])
        expectFramesDecode(input, to: WebSocketDecodeResult(events: [.binary(payload)]))
    }

    /// §5.7: "64KiB binary message in a single unmasked frame" (masked: 64-bit length),
    /// exactly the 65,536-byte limit.
    @Test func binary64KiBWith64BitLengthIsAtTheLimit() {
        let payload = (0..<65_536).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let input = maskedFrame(.binary, payload)
        #expect(input.prefix(10) == [0x82, 0xFF, 0, 0, 0, 0, 0, 1, 0, 0])
        expectFramesDecode(input, to: WebSocketDecodeResult(events: [.binary(payload)]), everySplit: false)
        for split in [1, 2, 9, 10, 13, 14, 15, 1000, 65_549] {
            #expect(decodeFrames([Array(input[..<split]), Array(input[split...])]).events == [.binary(payload)])
        }
    }

    @Test func oneByteOverTheLimitIs1009() throws {
        let input = maskedFrame(.binary, [UInt8](repeating: 7, count: 65_537))
        let error = try #require(decodeFrames([input]).error)
        #expect(error == WebSocketProtocolError(.messageTooBig, offset: 9))
        #expect(error.closeCode == .messageTooBig)
        // Rejected from the header alone: no need to wait for the payload.
        #expect(decodeFrames([Array(input.prefix(10))]).error == error)
    }

    @Test func fragmentedMessageLimitCountsEveryFragment() {
        let half = [UInt8](repeating: 1, count: 32_768)
        let atLimit = maskedFrame(.binary, half, fin: false) + maskedFrame(.continuation, half)
        #expect(decodeFrames([atLimit]).events == [.binary(half + half)])
        let over = maskedFrame(.binary, half, fin: false) + maskedFrame(.continuation, half, fin: false) + maskedFrame(.continuation, [1])
        #expect(decodeFrames([over]).error?.kind == .messageTooBig)
        #expect(decodeFrames([over]).error?.closeCode == .messageTooBig)
    }

    @Test func smallerConfiguredLimit() {
        expectFramesDecode(maskedFrame(.text, Array("1234".utf8)), to: WebSocketDecodeResult(events: [.text("1234")]), maximumMessageSize: 4)
        #expect(decodeFrames([maskedFrame(.text, Array("12345".utf8))], maximumMessageSize: 4).error?.kind == .messageTooBig)
        // Control frames have their own limit of 125 bytes, not the message limit.
        #expect(decodeFrames([maskedFrame(.ping, hello)], maximumMessageSize: 4).events == [.ping(hello)])
    }

    @Test func controlFramesBetweenFragments() {
        let input = maskedFrame(.text, Array("Hel".utf8), fin: false)
            + maskedFrame(.ping, [1, 2]) + maskedFrame(.pong, [])
            + maskedFrame(.continuation, [], fin: false)
            + maskedFrame(.ping, [3])
            + maskedFrame(.continuation, Array("lo".utf8))
            + maskedFrame(.binary, [9])
        expectFramesDecode(input, to: WebSocketDecodeResult(events: [.ping([1, 2]), .pong([]), .ping([3]), .text("Hello"), .binary([9])]))
    }

    @Test func closeBetweenFragmentsIsDelivered() {
        let input = maskedFrame(.binary, [1], fin: false) + maskedFrame(.close, [0x03, 0xE8])
        expectFramesDecode(input, to: WebSocketDecodeResult(events: [.close(code: .normalClosure, reason: "")]))
    }

    @Test func emptyMessagesAndManyFramesInOneChunk() {
        let input = maskedFrame(.text, []) + maskedFrame(.binary, []) + maskedFrame(.text, [], fin: false) + maskedFrame(.continuation, [])
            + maskedFrame(.text, Array("é".utf8))
        expectFramesDecode(input, to: WebSocketDecodeResult(events: [.text(""), .binary([]), .text(""), .text("é")]))
    }

    @Test func closeFrames() {
        expectFramesDecode(maskedFrame(.close, []), to: WebSocketDecodeResult(events: [.close(code: nil, reason: "")]))
        expectFramesDecode(maskedFrame(.close, [0x03, 0xE9] + Array("bye ✓".utf8)),
                      to: WebSocketDecodeResult(events: [.close(code: .goingAway, reason: "bye ✓")]))
    }

    @Test(arguments: [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999] as [UInt16])
    func validCloseCodes(code: UInt16) {
        let input = maskedFrame(.close, [UInt8(code >> 8), UInt8(code & 0xFF)])
        #expect(decodeFrames([input]).events == [.close(code: WebSocketCloseCode(rawValue: code), reason: "")])
    }

    @Test func masksWithEveryKeyByteAndLengthAcrossTheKey() {
        for length in 0..<9 {
            let payload = (0..<length).map { UInt8($0 + 0x61) }
            for key: UInt32 in [0, 0xFFFF_FFFF, 0x0102_0304, 0x8000_0001] {
                let frame = WebSocketClientFrameEncoder.frame(opcode: .binary, payload: payload, maskingKey: key)
                #expect(decodeFrames([frame]).events == [.binary(payload)])
            }
        }
    }

    @Test func bufferedBytesStaySmallWhilePayloadStreams() throws {
        var decoder = WebSocketFrameDecoder()
        let frame = maskedFrame(.binary, [UInt8](repeating: 5, count: 60_000))
        decoder.append(frame[..<30_000])
        #expect(try decoder.next() == nil)
        #expect(decoder.bufferedByteCount == 0)
        #expect(decoder.isInsideMessage)
        decoder.append(frame[30_000...])
        #expect(try decoder.next() == .binary([UInt8](repeating: 5, count: 60_000)))
        #expect(!decoder.isInsideMessage)
        #expect(try decoder.next() == nil)
    }

    @Test func errorsAreSticky() {
        var decoder = WebSocketFrameDecoder()
        decoder.append(hexFixture("81 05 48 65 6c 6c 6f"))
        #expect(throws: WebSocketProtocolError(.unmaskedFrame, offset: 1)) { try decoder.next() }
        decoder.append(maskedFrame(.text, hello))
        #expect(throws: WebSocketProtocolError(.unmaskedFrame, offset: 1)) { try decoder.next() }
    }

    @Test func eventsBeforeAnErrorInTheSameChunkAreDelivered() {
        let input = maskedFrame(.ping, [1]) + maskedFrame(.text, hello) + hexFixture("82 00")
        let offset = maskedFrame(.ping, [1]).count + maskedFrame(.text, hello).count + 1
        expectFramesDecode(input, to: WebSocketDecodeResult(events: [.ping([1]), .text("Hello")],
                                              error: WebSocketProtocolError(.unmaskedFrame, offset: offset)))
    }
}
