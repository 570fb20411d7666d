import HTTPTestSupport
import Testing
@testable import HTTPServer

@Suite("WebSocket connection state: pong, close, keep-alive, backlog")
struct WebSocketConnectionStateTests {
    typealias Action = WebSocketConnectionState.Action

    func seconds(_ value: Int) -> Duration { .seconds(value) }

    /// The payload of the `n`th ping the state sends: `n` as 8 big-endian bytes.
    func pingPayload(_ n: UInt8) -> [UInt8] { [0, 0, 0, 0, 0, 0, 0, n] }

    @Test func answersPingWithPongEchoingItsData() {
        var state = WebSocketConnectionState(now: .zero)
        let actions = state.receive(WebSocketClientFrameEncoder.ping(Array("Hello".utf8), maskingKey: rfcMaskingKey), now: seconds(1))
        #expect(actions == [.send(hexFixture("8a 05 48 65 6c 6c 6f"))])
        #expect(state.isOpen)
    }

    @Test func deliversMessagesAndIgnoresUnsolicitedPongs() {
        var state = WebSocketConnectionState(now: .zero)
        let input = maskedFrame(.text, Array("Hel".utf8), fin: false) + maskedFrame(.pong, [9]) + maskedFrame(.continuation, Array("lo".utf8))
            + maskedFrame(.binary, [1, 2])
        #expect(state.receive(input, now: seconds(1)) == [.deliver(.text("Hello")), .deliver(.binary([1, 2]))])
    }

    @Test func answersCloseByEchoingItsCodeAndStops() {
        var state = WebSocketConnectionState(now: .zero)
        let input = maskedFrame(.close, [0x03, 0xE8] + Array("bye".utf8)) + maskedFrame(.ping, [1])
        #expect(state.receive(input, now: seconds(1)) == [.close(.normalClosure)])
        #expect(!state.isOpen)
        #expect(state.closeCode == .normalClosure)
        #expect(state.nextDeadline == nil)
        #expect(state.receive(maskedFrame(.ping, [2]), now: seconds(2)).isEmpty)
        #expect(state.tick(now: seconds(100)).isEmpty)
        #expect(state.send(.text("late")).isEmpty)
        #expect(state.backlogChanged(unsentBytes: 1 << 30).isEmpty)
    }

    @Test func answersEmptyCloseWithEmptyClose() {
        var state = WebSocketConnectionState(now: .zero)
        #expect(state.receive(maskedFrame(.close, []), now: seconds(1)) == [.close(nil)])
        #expect(WebSocketFrameEncoder.close(code: nil) == [0x88, 0x00])
    }

    @Test func protocolErrorsCloseWithTheirCode() {
        let cases: [([UInt8], WebSocketCloseCode)] = [
            (hexFixture("81 05 48 65 6c 6c 6f"), .protocolError), // unmasked (§5.1)
            (maskedFrame(.text, [0xC0, 0x80]), .invalidPayloadData), // not UTF-8
            (maskedFrame(.binary, [UInt8](repeating: 0, count: 65_537)), .messageTooBig),
            (maskedFrame(.close, [0x03, 0xED]), .protocolError), // 1005 may not be sent
        ]
        for (input, code) in cases {
            var state = WebSocketConnectionState(now: .zero)
            let actions = state.receive(maskedFrame(.ping, [1]) + input, now: seconds(1))
            #expect(actions == [.send(WebSocketFrameEncoder.pong([1])), .close(code)])
            #expect(state.protocolError?.closeCode == code)
            #expect(!state.isOpen)
        }
    }

    @Test func protocolErrorInALaterRead() {
        var state = WebSocketConnectionState(now: .zero)
        let frame = maskedFrame(.text, Array("ok".utf8))
        #expect(state.receive(frame.prefix(3), now: seconds(1)).isEmpty)
        #expect(state.receive(frame.dropFirst(3), now: seconds(1)) == [.deliver(.text("ok"))])
        #expect(state.receive(maskedFrame(.continuation, []), now: seconds(2)) == [.close(.protocolError)])
    }

    @Test func pingsEveryIntervalWhilePongsArrive() {
        var state = WebSocketConnectionState(now: seconds(100))
        #expect(state.nextDeadline == seconds(130))
        #expect(state.tick(now: seconds(129)).isEmpty)
        #expect(state.tick(now: seconds(130)) == [.send(WebSocketFrameEncoder.ping(pingPayload(1)))])
        // Outstanding: no second ping, the deadline is the pong's.
        #expect(state.tick(now: seconds(131)).isEmpty)
        #expect(state.nextDeadline == seconds(160))
        #expect(state.receive(maskedFrame(.pong, pingPayload(1)), now: seconds(135)).isEmpty)
        #expect(state.nextDeadline == seconds(160))
        #expect(state.tick(now: seconds(159)).isEmpty)
        #expect(state.tick(now: seconds(160)) == [.send(WebSocketFrameEncoder.ping(pingPayload(2)))])
        #expect(state.receive(maskedFrame(.pong, pingPayload(2)), now: seconds(189)).isEmpty)
        #expect(state.tick(now: seconds(190)) == [.send(WebSocketFrameEncoder.ping(pingPayload(3)))])
        #expect(state.isOpen)
    }

    @Test func closesAPeerThatDoesNotPongWith1001() {
        var state = WebSocketConnectionState(now: .zero)
        #expect(state.tick(now: seconds(30)) == [.send(WebSocketFrameEncoder.ping(pingPayload(1)))])
        // A pong for something else and other traffic do not count.
        #expect(state.receive(maskedFrame(.pong, pingPayload(7)) + maskedFrame(.text, []), now: seconds(40)) == [.deliver(.text(""))])
        #expect(state.tick(now: seconds(59)).isEmpty)
        #expect(state.tick(now: seconds(60)) == [.close(.goingAway)])
        #expect(state.closeCode == .goingAway)
        #expect(!state.isOpen)
    }

    @Test func lateTickStillClosesAndNeverPingsTwice() {
        var state = WebSocketConnectionState(now: .zero, configuration: .init(pingInterval: .milliseconds(500)))
        #expect(state.tick(now: .milliseconds(700)) == [.send(WebSocketFrameEncoder.ping(pingPayload(1)))])
        #expect(state.tick(now: .milliseconds(1_199)).isEmpty)
        #expect(state.tick(now: .seconds(10)) == [.close(.goingAway)])
    }

    @Test func slowReaderIsClosedWith1008PastFourMiB() {
        var state = WebSocketConnectionState(now: .zero)
        #expect(state.backlogChanged(unsentBytes: 4 * 1024 * 1024).isEmpty)
        #expect(state.isOpen)
        #expect(state.backlogChanged(unsentBytes: 4 * 1024 * 1024 + 1) == [.close(.policyViolation)])
        #expect(state.closeCode == .policyViolation)
        #expect(!state.isOpen)
    }

    @Test func sendsMessagesWhileOpen() {
        var state = WebSocketConnectionState(now: .zero)
        #expect(state.send(.text("{\"seq\":1}")) == [.send(WebSocketFrameEncoder.text("{\"seq\":1}"))])
        #expect(state.send(.binary([1])) == [.send([0x82, 0x01, 0x01])])
        #expect(state.shutdown() == [.close(.goingAway)])
        #expect(state.shutdown().isEmpty)
    }

    @Test func configuredMessageLimitReachesTheDecoder() {
        var state = WebSocketConnectionState(now: .zero, configuration: .init(maximumMessageSize: 3))
        #expect(state.receive(maskedFrame(.text, Array("abcd".utf8)), now: .zero) == [.close(.messageTooBig)])
    }
}
