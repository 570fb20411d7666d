// libFuzzer entry point for the HTTP/1.1 request parser. Not a SwiftPM target:
// compiled together with the parser's sources by Tests/Fuzz/fuzz.sh http.
//
// The first input byte chooses how the rest is cut into reads (1…256 bytes at
// a time); the rest is a connection's byte stream, so pipelined requests and
// chunked bodies are parsed exactly as they would arrive. Invariants: no
// crash; the same events and error statuses whether the stream arrives whole or cut; no request
// body over the limit; an error is sticky.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let step = Int(data[0]) + 1
    let stream = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let whole = parse(stream, step: max(1, stream.count))
    let cut = parse(stream, step: step)
    guard whole == cut else { fatalError("the parser's events depend on how the stream is cut") }
    return 0
}

/// What a parse produced, comparable across runs.
private enum Outcome: Equatable {
    case continueExpected
    case request(method: String, target: String, headers: [String], body: [UInt8], trailers: [String])
    case failure(status: Int)
}

private func parse(_ stream: [UInt8], step: Int) -> [Outcome] {
    var parser = HTTPRequestParser()
    var outcomes: [Outcome] = []
    var start = 0
    repeat {
        let end = min(stream.count, start + step)
        parser.feed(stream[start..<end])
        start = end
        while true {
            do {
                guard let event = try parser.next() else { break }
                switch event {
                case .continueExpected:
                    // Interim 100s depend on whether the body has arrived yet, so they are not compared.
                    continue
                case .request(let request):
                    guard request.body.count <= HTTPRequestParser.maximumBodySize else { fatalError("body over the limit") }
                    outcomes.append(.request(method: request.method.rawValue, target: request.target,
                                             headers: request.headers.map { "\($0.name): \($0.value)" }, body: request.body,
                                             trailers: request.trailers.map { "\($0.name): \($0.value)" }))
                }
            } catch {
                // Where a too-large head is noticed depends on the cut; the status does not.
                outcomes.append(.failure(status: error.status))
                guard (try? parser.next()) == nil else { fatalError("a failed parser recovered") }
                return outcomes
            }
        }
    } while start < stream.count
    return outcomes
}
