// libFuzzer entry point for the WebSocket frame decoder (server side). Not a
// SwiftPM target: compiled together with the decoder's sources by
// Tests/Fuzz/fuzz.sh websocket.
//
// The first input byte chooses how the rest is cut into reads; the rest is
// what a client sends after the handshake. Invariants: no crash; the same
// events and the same error whether the stream arrives whole or cut; no
// message over the limit; an error is sticky; the connection state machine
// takes the same bytes without crashing.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWebSocket(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let step = Int(data[0]) + 1
    let stream = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let whole = decode(stream, step: max(1, stream.count))
    let cut = decode(stream, step: step)
    guard whole.events == cut.events, whole.error == cut.error else {
        fatalError("the decoder's events depend on how the stream is cut")
    }
    // The connection's state machine over the same bytes: any action sequence, no crash.
    var state = WebSocketConnectionState(now: .zero, configuration: .init(maximumMessageSize: 1024))
    var start = 0
    while start < stream.count {
        let end = min(stream.count, start + step)
        _ = state.receive(stream[start..<end], now: .seconds(start))
        start = end
    }
    return 0
}

private func decode(_ stream: [UInt8], step: Int) -> (events: [WebSocketEvent], error: WebSocketProtocolError?) {
    var decoder = WebSocketFrameDecoder(maximumMessageSize: 1024)
    var events: [WebSocketEvent] = []
    var start = 0
    repeat {
        let end = min(stream.count, start + step)
        decoder.append(stream[start..<end])
        start = end
        do {
            while let event = try decoder.next() {
                switch event {
                case .text(let text) where text.utf8.count > 1024: fatalError("message over the limit")
                case .binary(let bytes) where bytes.count > 1024: fatalError("message over the limit")
                default: events.append(event)
                }
            }
        } catch {
            guard (try? decoder.next()) == nil else { fatalError("a failed decoder recovered") }
            return (events, error)
        }
    } while start < stream.count
    return (events, nil)
}
