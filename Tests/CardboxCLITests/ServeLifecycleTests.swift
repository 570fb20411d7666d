import Foundation
import HTTPServer
import HTTPTestSupport
import Platform
import TestSupport
import Testing

/// `cardbox serve` starting and stopping, as the real binary does it: the port
/// is bound before the folder loads, the folder is checked by writing in it,
/// WebSocket clients hear 1001 on SIGTERM, and secrets stay out of the log.
@Suite("cardbox serve start-up and stop")
struct ServeLifecycleTests {
    /// A folder of `count` small contacts.
    func folder(contacts count: Int) throws -> TemporaryFolder {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        for index in 0..<count {
            folder.write("c\(index).vcf", sampleCard(fn: "Contact \(index)", extra: ["EMAIL:c\(index)@example.com", "TEL:+34 600 \(index)"]))
        }
        return folder
    }

    /// One request on a fresh connection.
    func request(_ port: UInt16, _ target: String, headers: String = "") throws -> WireResponse {
        let client = try HTTPTestClient(port: port)
        try client.send("GET \(target) HTTP/1.1\r\nHost: localhost\r\n\(headers)\r\n")
        return try client.readResponse()
    }

    @Test func aBusyPortIsReportedAtOnceWithoutLoadingTheFolder() throws {
        let contacts = try folder(contacts: 3000)
        let busy = try Socket.listening(on: SocketAddress(host: "127.0.0.1", port: 0)!)
        defer { busy.close() }
        let port = try busy.localAddress().port
        let result = try runCardbox(["serve", "--dir", contacts.path, "--port", String(port)])
        #expect(result.status == 2)
        // One line, and it comes before any loading: no "loading"/"loaded" line at all.
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(lines.first?.hasPrefix("cardbox serve: cannot listen on 127.0.0.1:\(port): ") == true, "\(result.stderr)")
    }

    @Test func whileLoadingStatusSaysSoAndOtherRoutesAnswer503() throws {
        let contacts = try folder(contacts: 10_000)
        let server = try ServeCommandTests.RunningServer(["--dir", contacts.path], untilLoaded: false)
        defer { _ = server.stop() }
        // The listening line comes before the load of 10,000 files starts.
        let early = try request(server.port, "/api/v1/contacts?limit=1")
        #expect(early.status == 503, "\(early.text)")
        #expect(early.text.contains(#""code":"LOADING""#))
        #expect(early.headers["Retry-After"] == "1")
        let status = try request(server.port, "/api/v1/status")
        #expect(status.status == 200)
        if status.text.contains(#""loading":true"#) {
            #expect(status.text.contains(#""files_total":"#) && status.text.contains(#""contacts":"#))
        }
        // Once loaded, everything answers.
        var loaded = try request(server.port, "/api/v1/status")
        while loaded.text.contains(#""loading":true"#) { loaded = try request(server.port, "/api/v1/status") }
        #expect(loaded.text.contains(#""loading":false,"contacts":10000"#), "\(loaded.text)")
        #expect(try request(server.port, "/api/v1/contacts?limit=1").status == 200)
    }

    @Test func aFolderWhereNoFileCanBeCreatedIsRefusedEvenForRoot() throws {
        // Root passes access(W_OK) on /proc; creating a file there still fails.
        let result = try runCardbox(["serve", "--dir", "/proc", "--port", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("cannot write in folder /proc"), "\(result.stderr)")
    }

    @Test func theWritabilityCheckLeavesNothingInTheFolder() throws {
        let contacts = try folder(contacts: 1)
        let server = try ServeCommandTests.RunningServer(["--dir", contacts.path])
        #expect(server.stop() == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: contacts.path).filter { !$0.hasPrefix(".cardbox") || $0.hasPrefix(".cardbox-check") }
        #expect(names == ["c0.vcf"])
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func stoppingSendsWebSocketClientsGoingAway(signal: Int32) throws {
        let contacts = try folder(contacts: 1)
        let server = try ServeCommandTests.RunningServer(["--dir", contacts.path])
        let client = try WebSocketTestClient(port: server.port, target: "/api/v1/events")
        #expect(client.handshake.status == 101)
        kill(server.process.processIdentifier, signal)
        var closeCode: WebSocketCloseCode?
        while let event = try client.next() {
            if case .close(let code, _) = event {
                closeCode = code
                break
            }
        }
        #expect(closeCode == .goingAway)
        #expect(server.stop() == 0)
    }

    @Test func theTokenNeverReachesTheDebugLog() throws {
        let contacts = try folder(contacts: 1)
        let server = try ServeCommandTests.RunningServer(["--dir", contacts.path, "--token", "s3cret-token", "--log-level", "debug"])
        _ = try request(server.port, "/api/v1/events?since=0&token=s3cret-token")
        _ = try request(server.port, "/api/v1/events?%74oken=s3cret-token")
        _ = try request(server.port, "/api/v1/status", headers: "Authorization: Bearer s3cret-token\r\n")
        let client = try WebSocketTestClient(port: server.port, target: "/api/v1/events?token=s3cret-token")
        #expect(client.handshake.status == 101)
        #expect(server.stop() == 0)
        #expect(server.log.contains("GET /api/v1/events?since=0&token=REDACTED"), "\(server.log)")
        #expect(server.log.contains("GET /api/v1/status → 200"))
        #expect(!server.log.contains("s3cret-token"), "\(server.log)")
    }
}
