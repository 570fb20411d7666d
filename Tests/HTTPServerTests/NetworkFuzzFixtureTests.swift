import Foundation
import Testing
@testable import HTTPServer

/// The inputs of the HTTP and WebSocket fuzzers (Tests/Fuzz): seeds and every
/// finding, kept in `fixtures/network/`. Each must satisfy the fuzzer's
/// invariants in a normal test run.
@Suite("Network fuzzer inputs stay fixed")
struct NetworkFuzzFixtureTests {
    static func inputs(_ fuzzer: String) -> [String] {
        let folder = networkFixtures.appendingPathComponent(fuzzer).path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    static func bytes(_ fuzzer: String, _ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: networkFixtures.appendingPathComponent(fuzzer).appendingPathComponent(name)))
    }

    /// The first byte picks how the rest is cut, as in the fuzzer.
    static func split(_ input: [UInt8]) -> (step: Int, stream: [UInt8]) {
        (Int(input.first ?? 0) + 1, Array(input.dropFirst()))
    }

    @Test(arguments: inputs("http"))
    func httpInputParsesTheSameHoweverItIsCut(name: String) throws {
        let (step, stream) = Self.split(try Self.bytes("http", name))
        let chunks = stride(from: 0, to: max(stream.count, 1), by: step).map { stream[$0..<min(stream.count, $0 + step)] }
        let cut = parseHTTP(chunks)
        #expect(cut == parseHTTP([stream[...]]))
        #expect(cut.requests.allSatisfy { $0.body.count <= HTTPRequestParser.maximumBodySize })
    }

    @Test(arguments: inputs("websocket"))
    func webSocketInputDecodesTheSameHoweverItIsCut(name: String) throws {
        let (step, stream) = Self.split(try Self.bytes("websocket", name))
        let chunks = stride(from: 0, to: max(stream.count, 1), by: step).map { Array(stream[$0..<min(stream.count, $0 + step)]) }
        #expect(decodeFrames(chunks, maximumMessageSize: 1024) == decodeFrames([stream], maximumMessageSize: 1024))
        var state = WebSocketConnectionState(now: .zero, configuration: .init(maximumMessageSize: 1024))
        _ = state.receive(stream, now: .seconds(1))
    }
}

/// `fixtures/network/` in the repository.
let networkFixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures/network")
