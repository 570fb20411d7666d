import HTTPTestSupport
import Testing
@testable import HTTPServer

@Suite("WebSocket frame encoders: server (unmasked) and client (masked)")
struct WebSocketFrameEncoderTests {
    let hello = Array("Hello".utf8)

    /// RFC 6455 §5.7, the unmasked examples a server sends.
    @Test func rfcUnmaskedExamples() {
        #expect(WebSocketFrameEncoder.text("Hello") == hexFixture("81 05 48 65 6c 6c 6f"))
        #expect(WebSocketFrameEncoder.frame(opcode: .text, payload: Array("Hel".utf8), fin: false) == hexFixture("01 03 48 65 6c"))
        #expect(WebSocketFrameEncoder.frame(opcode: .continuation, payload: Array("lo".utf8)) == hexFixture("80 02 6c 6f"))
        #expect(WebSocketFrameEncoder.ping(hello) == hexFixture("89 05 48 65 6c 6c 6f"))
        #expect(WebSocketFrameEncoder.pong(hello) == hexFixture("8a 05 48 65 6c 6c 6f"))
    }

    @Test func rfcBinaryLengths() {
        let small = [UInt8](repeating: 0xAB, count: 256)
        #expect(WebSocketFrameEncoder.binary(small) == hexFixture("82 7E 01 00") + small)
        let large = [UInt8](repeating: 0xCD, count: 65_536)
        #expect(WebSocketFrameEncoder.binary(large) == hexFixture("82 7F 00 00 00 00 00 01 00 00") + large)
    }

    /// §5.2: the minimal length encoding at each boundary.
    @Test(arguments: [(0, 2), (125, 2), (126, 4), (65_535, 4), (65_536, 10), (70_000, 10)])
    func headerSizeAtLengthBoundaries(length: Int, headerSize: Int) throws {
        let frame = WebSocketFrameEncoder.binary([UInt8](repeating: 1, count: length))
        #expect(frame.count == headerSize + length)
        #expect(frame[1] & 0x80 == 0, "server frames are never masked (§5.1)")
        let masked = WebSocketClientFrameEncoder.binary([UInt8](repeating: 1, count: length), maskingKey: 0x0102_0304)
        #expect(masked.count == headerSize + 4 + length)
        #expect(masked[1] & 0x80 != 0)
        if length <= 65_536 {
            #expect(decodeFrames([masked]).events == [.binary([UInt8](repeating: 1, count: length))])
        }
    }

    @Test func closeFrames() {
        #expect(WebSocketFrameEncoder.close(code: nil) == [0x88, 0x00])
        #expect(WebSocketFrameEncoder.close(code: nil, reason: "ignored without a code") == [0x88, 0x00])
        #expect(WebSocketFrameEncoder.close(code: .normalClosure) == [0x88, 0x02, 0x03, 0xE8])
        #expect(WebSocketFrameEncoder.close(code: .policyViolation, reason: "slow") == [0x88, 0x06, 0x03, 0xF0] + Array("slow".utf8))
    }

    @Test func longCloseReasonIsCutAtACharacterBoundary() {
        let reason = String(repeating: "a", count: 122) + "é" + "tail"
        let frame = WebSocketFrameEncoder.close(code: .goingAway, reason: reason)
        #expect(frame[1] == 124) // 2 + 122: "é" (2 bytes) would make 126
        #expect(frame.count == 2 + 124)
        let clientFrame = WebSocketClientFrameEncoder.close(code: .goingAway, reason: reason, maskingKey: rfcMaskingKey)
        #expect(decodeFrames([clientFrame]).events == [.close(code: .goingAway, reason: String(repeating: "a", count: 122))])
        let fits = String(repeating: "b", count: 123)
        #expect(WebSocketFrameEncoder.close(code: .goingAway, reason: fits)[1] == 125)
    }

    @Test func clientFramesMatchRFCAndRoundTrip() {
        #expect(WebSocketClientFrameEncoder.text("Hello", maskingKey: rfcMaskingKey) == hexFixture("81 85 37 fa 21 3d 7f 9f 4d 51 58"))
        #expect(WebSocketClientFrameEncoder.pong(hello, maskingKey: rfcMaskingKey) == hexFixture("8a 85 37 fa 21 3d 7f 9f 4d 51 58"))
        let frames = WebSocketClientFrameEncoder.text("héllo ✓") + WebSocketClientFrameEncoder.binary([0, 255])
            + WebSocketClientFrameEncoder.ping([1]) + WebSocketClientFrameEncoder.pong([])
            + WebSocketClientFrameEncoder.close(code: .normalClosure, reason: "done")
        #expect(decodeFrames([frames]).events == [
            .text("héllo ✓"), .binary([0, 255]), .ping([1]), .pong([]), .close(code: .normalClosure, reason: "done"),
        ])
    }

    @Test func randomMaskingKeysDiffer() {
        let keys = Set((0..<16).map { _ in WebSocketClientFrameEncoder.randomMaskingKey() })
        #expect(keys.count > 1)
    }
}
