import Foundation
import HTTPTestSupport
import Testing

@Suite("Hostile input against the API server")
struct HostileClientTests {
    @Test func garbageAndBrokenFramingGetEnvelopesAndTheServerStaysUp() throws {
        let server = try APITestServer { $0.headTimeout = .milliseconds(300) }
        let garbage = try HTTPTestClient(port: server.port)
        try garbage.send([0x00, 0xFF, 0x13, 0x37] + Array("\r\n\r\n".utf8))
        let answer = try garbage.readResponse()
        #expect(answer.status == 400 && answer.errorCode == "BAD_REQUEST")

        let chunked = try HTTPTestClient(port: server.port)
        try chunked.send("POST /api/v1/contacts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
        #expect(try chunked.readResponse().status == 400)

        let longLine = try HTTPTestClient(port: server.port)
        try longLine.send("GET /api/v1/status HTTP/1.1\r\nHost: localhost\r\nX-Long: " + String(repeating: "a", count: 1_000_000) + "\r\n\r\n")
        #expect(try longLine.readResponse().status == 431)

        // A client that stalls half-way through its head is cut; others are served meanwhile.
        let stalled = try HTTPTestClient(port: server.port)
        try stalled.send("GET /api/v1/status HTTP/1.1\r\nHost: loc")
        #expect(try server.get("/api/v1/status").status == 200)
        let cut = try stalled.readToEnd()
        #expect(String(decoding: cut, as: UTF8.self).contains("REQUEST_TIMEOUT") || cut.isEmpty)

        for _ in 0..<200 { _ = try? HTTPTestClient(port: server.port) }
        #expect(try server.get("/api/v1/status").status == 200)
    }

    @Test func chunkedBodiesAndExpectContinueWork() throws {
        let server = try APITestServer()
        let client = try HTTPTestClient(port: server.port)
        let body = #"{"display_name": "Chunky"}"#
        let half = body.utf8.count / 2
        let first = String(body.prefix(half))
        let second = String(body.dropFirst(half))
        try client.send("POST /api/v1/contacts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + String(first.utf8.count, radix: 16) + "\r\n" + first + "\r\n" + String(second.utf8.count, radix: 16) + "\r\n" + second
                        + "\r\n0\r\n\r\n")
        let created = try client.readResponse()
        #expect(created.status == 201)
        let expecting = try HTTPTestClient(port: server.port)
        try expecting.send("POST /api/v1/contacts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: \(body.utf8.count)\r\n\r\n")
        #expect(try expecting.readResponse().status == 100)
        try expecting.send(body)
        #expect(try expecting.readResponse().status == 201)
    }
}
