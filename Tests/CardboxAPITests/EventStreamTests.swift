import CardboxAPI
import Foundation
import HTTPServer
import HTTPTestSupport
import JSON
import Testing

@Suite("WebSocket events (SPEC §3)")
struct EventStreamTests {
    func event(_ client: WebSocketTestClient) throws -> JSONObject {
        let text = try #require(try client.nextText(), "the stream ended")
        return try #require(try JSONParser.parse(text).objectValue)
    }

    @Test func everyAPIChangeIsOneEventInOrder() throws {
        let server = try APITestServer()
        let client = try WebSocketTestClient(port: server.port, target: "/api/v1/events")
        #expect(client.handshake.status == 101)
        let created = try server.create(ContactEndpointTests.ana)
        let id = try #require(created["id"]?.stringValue)
        let first = try event(client)
        #expect(first.keys == ["seq", "type", "id", "at", "origin", "data"])
        #expect(first["seq"] == .number("1") && first["type"] == .string("contact.created") && first["origin"] == .string("api"))
        #expect(first["id"] == .string(id))
        #expect(first["data"] == .object(created))
        _ = try server.request("PATCH", "/api/v1/contacts/\(id)", body: #"{"notes": "x"}"#)
        _ = try server.request("DELETE", "/api/v1/contacts/\(id)")
        _ = try server.request("POST", "/api/v1/contacts/\(id)/restore")
        _ = try server.request("DELETE", "/api/v1/contacts/\(id)?permanent=true")
        let rest = try (0..<4).map { _ in try event(client) }
        #expect(rest.map { $0["type"]?.stringValue } == ["contact.updated", "contact.deleted", "contact.restored", "contact.deleted"])
        #expect(rest.map { $0["seq"] } == [.number("2"), .number("3"), .number("4"), .number("5")])
        #expect(rest[1]["permanent"] == .bool(false) && rest[3]["permanent"] == .bool(true))
        #expect(rest[3]["data"]?.objectValue?["id"] == .string(id))
    }

    @Test func sinceReplaysBufferedEventsThenContinuesLive() throws {
        let server = try APITestServer()
        for index in 0..<3 { try server.create(#"{"display_name": "P\#(index)"}"#) }
        let client = try WebSocketTestClient(port: server.port, target: "/api/v1/events?since=1")
        #expect(try event(client)["seq"] == .number("2"))
        #expect(try event(client)["seq"] == .number("3"))
        try server.create(#"{"display_name": "Live"}"#)
        let live = try event(client)
        #expect(live["seq"] == .number("4") && live["data"]?.objectValue?["display_name"] == .string("Live"))
    }

    @Test func sinceOlderThanTheBufferAsksForResync() throws {
        let server = try APITestServer(eventBuffer: 2)
        for index in 0..<5 { try server.create(#"{"display_name": "P\#(index)"}"#) }
        let old = try WebSocketTestClient(port: server.port, target: "/api/v1/events?since=1")
        #expect(try event(old) == (try JSONParser.parse(#"{"type":"resync"}"#).objectValue!))
        let recent = try WebSocketTestClient(port: server.port, target: "/api/v1/events?since=3")
        #expect(try event(recent)["seq"] == .number("4"))
        let future = try WebSocketTestClient(port: server.port, target: "/api/v1/events?since=99")
        #expect(try event(future)["type"] == .string("resync"))
    }

    @Test func typesFilter() throws {
        let server = try APITestServer()
        let client = try WebSocketTestClient(port: server.port, target: "/api/v1/events?types=contact.deleted")
        let id = try #require(try server.create(#"{"display_name": "X"}"#)["id"]?.stringValue)
        _ = try server.request("PATCH", "/api/v1/contacts/\(id)", body: #"{"notes": "x"}"#)
        _ = try server.request("DELETE", "/api/v1/contacts/\(id)")
        let only = try event(client)
        #expect(only["type"] == .string("contact.deleted") && only["seq"] == .number("3"))
        #expect(try WebSocketTestClient(port: server.port, target: "/api/v1/events?types=contact.moved").handshake.status == 400)
    }

    @Test func pingPongAndCloseHandshake() throws {
        let server = try APITestServer()
        let client = try WebSocketTestClient(port: server.port, target: "/api/v1/events")
        try client.send(WebSocketClientFrameEncoder.ping(Array("hello".utf8)))
        guard case .pong(let payload) = try #require(try client.next()) else { Issue.record("no pong"); return }
        #expect(payload == Array("hello".utf8))
        try client.send(WebSocketClientFrameEncoder.text("ignored"))
        try client.send(WebSocketClientFrameEncoder.close(code: .normalClosure, reason: "bye"))
        guard case .close(let code, _) = try #require(try client.next()) else { Issue.record("no close"); return }
        #expect(code == .normalClosure)
    }

    /// A frame a client must not send, shown in test output by its name (not its bytes).
    struct InvalidFrame: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let expected: WebSocketCloseCode
        var testDescription: String { name }
    }

    @Test(arguments: [
        InvalidFrame(name: "unmasked", bytes: WebSocketFrameEncoder.text("x"), expected: .protocolError),
        InvalidFrame(name: "bad UTF-8", bytes: WebSocketClientFrameEncoder.frame(opcode: .text, payload: [0xC3, 0x28], fin: true),
                     expected: .invalidPayloadData),
        InvalidFrame(name: "too big", bytes: WebSocketClientFrameEncoder.binary([UInt8](repeating: 1, count: 65_537)), expected: .messageTooBig),
    ])
    func invalidFramesCloseWithTheRFCCode(_ frame: InvalidFrame) throws {
        let server = try APITestServer()
        let client = try WebSocketTestClient(port: server.port, target: "/api/v1/events")
        try client.send(frame.bytes)
        var code: WebSocketCloseCode?
        while let event = try client.next() {
            if case .close(let received, _) = event { code = received; break }
        }
        #expect(code == frame.expected, "\(frame.name)")
    }

    @Test func handshakeNeedsTokenAndAllowedOrigin() throws {
        let server = try APITestServer(security: SecurityPolicy(token: "t0k", allowedOrigins: ["http://app.example"]))
        #expect(try WebSocketTestClient(port: server.port, target: "/api/v1/events").handshake.status == 401)
        #expect(try WebSocketTestClient(port: server.port, target: "/api/v1/events?token=t0k").handshake.status == 101)
        #expect(try WebSocketTestClient(port: server.port, target: "/api/v1/events", headers: ["Authorization": "Bearer t0k"]).handshake.status == 101)
        #expect(try WebSocketTestClient(port: server.port, target: "/api/v1/events?token=t0k",
                                        headers: ["Origin": "http://evil.example"]).handshake.status == 403)
        let plain = try server.get("/api/v1/events?token=t0k")
        #expect(plain.status == 426 || plain.status == 400)
    }

    @Test func aClientThatNeverReadsIsDisconnectedWhileAnotherKeepsReceiving() throws {
        var webSocket = WebSocketConnectionState.Configuration()
        webSocket.maximumBacklog = 1 << 20
        let server = try APITestServer(webSocket: webSocket)
        let slow = try WebSocketTestClient(port: server.port, target: "/api/v1/events")
        try slow.http.socket.setReceiveBufferSize(4096)
        let fast = try WebSocketTestClient(port: server.port, target: "/api/v1/events")
        #expect(server.api.eventStreamCount == 2)
        let note = String(repeating: "n", count: 100_000)
        for index in 0..<100 {
            try server.create(#"{"display_name": "Big \#(index)", "notes": "\#(note)"}"#)
            // The fast client gets every event, in order, while the slow one falls behind.
            #expect(try event(fast)["seq"] == .number(String(index + 1)))
        }
        // The slow client's backlog passed the limit: the server closed it (1008); the fast one stays.
        let deadline = ContinuousClock.now + .seconds(10)
        while server.api.eventStreamCount > 1 && ContinuousClock.now < deadline { usleep(1000) }
        #expect(server.api.eventStreamCount == 1)
        try server.create(#"{"display_name": "After"}"#)
        #expect(try event(fast)["seq"] == .number("101"))
        slow.http.abort()
    }
}

@Suite("Events from the API and from the folder, with the watcher running")
struct WatchedEventTests {
    func event(_ client: WebSocketTestClient) throws -> JSONObject {
        let text = try #require(try client.nextText(), "the stream ended")
        return try #require(try JSONParser.parse(text).objectValue)
    }

    @Test func anAPIWriteIsExactlyOneEventAndAHandEditAnother() throws {
        let server = try APITestServer(watch: true)
        let watcher = try #require(server.watcher)
        let client = try WebSocketTestClient(port: server.port, target: "/api/v1/events")
        let id = try #require(try server.create(ContactEndpointTests.ana)["id"]?.stringValue)
        #expect(watcher.waitUntilIdle(timeout: .seconds(5)))
        let created = try event(client)
        #expect(created["seq"] == .number("1") && created["origin"] == .string("api"))

        // A hand edit: one event, origin file.
        let path = server.directory + "/\(id).vcf"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "TITLE:Head of Partnerships", with: "TITLE:CEO")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let edited = try event(client)
        #expect(edited["seq"] == .number("2") && edited["origin"] == .string("file") && edited["type"] == .string("contact.updated"))
        #expect(edited["data"]?.objectValue?["job_title"] == .string("CEO"))

        // Nothing else was queued: the next event is the next API change.
        _ = try server.request("PATCH", "/api/v1/contacts/\(id)", body: #"{"notes": "api"}"#)
        #expect(watcher.waitUntilIdle(timeout: .seconds(5)))
        let patched = try event(client)
        #expect(patched["seq"] == .number("3") && patched["origin"] == .string("api"))
        #expect(server.api.events.lastSeq == 3)
    }
}
