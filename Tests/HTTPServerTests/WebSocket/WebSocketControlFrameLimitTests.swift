import HTTPTestSupport
import Testing
@testable import HTTPServer

/// Nothing a peer sends can make the encoder trap: control frames are cut to
/// their 125-byte limit and always final (RFC 6455 §5.5).
@Suite("WebSocket control frame limits")
struct WebSocketControlFrameLimitTests {
    @Test func aLongControlPayloadIsCutInsteadOfTrapping() {
        let frame = WebSocketFrameEncoder.frame(opcode: .pong, payload: [UInt8](repeating: 7, count: 300), fin: false)
        #expect(frame.count == 2 + 125)
        #expect(frame[0] == 0x8A)  // FIN set, pong
        #expect(frame[1] == 125)
    }

    @Test func theLongestPingIsEchoedWhole() {
        var state = WebSocketConnectionState(now: .zero)
        let payload = [UInt8](repeating: 9, count: 125)
        let actions = state.receive(WebSocketClientFrameEncoder.ping(payload), now: .seconds(1))
        #expect(actions == [.send(WebSocketFrameEncoder.pong(payload))])
    }

    @Test func aNegativeMessageLimitMeansNothingFits() {
        var decoder = WebSocketFrameDecoder(maximumMessageSize: -1)
        decoder.append(WebSocketClientFrameEncoder.binary([1]))
        #expect(throws: WebSocketProtocolError.self) { try decoder.next() }
    }
}
