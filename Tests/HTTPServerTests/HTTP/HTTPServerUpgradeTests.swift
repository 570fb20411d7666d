import HTTPTestSupport
import Dispatch
import Synchronization
import Testing
@testable import HTTPServer

/// Echoes every byte back, from another thread, and reports the close.
final class EchoDelegate: UpgradedConnectionDelegate {
    let closed: TestSignal
    init(closed: TestSignal) { self.closed = closed }

    func connection(_ connection: UpgradedConnection, didReceive bytes: ArraySlice<UInt8>) {
        let copy = Array(bytes)
        DispatchQueue.global().async { connection.write(copy) }
    }

    func connectionDidClose(_ connection: UpgradedConnection) {
        closed.fire()
    }
}

@Suite struct HTTPServerUpgradeTests {
    @Test func upgradedConnectionEchoesAndReportsItsClose() throws {
        let closed = TestSignal()
        let handler: HTTPServer.Handler = { request, responder in
            guard request.isUpgradeRequest else {
                responder.send(HTTPResponse(status: 426))
                return
            }
            responder.send(.switchingProtocols(headers: ["Upgrade": "echo", "Connection": "Upgrade"]) { connection in
                connection.write(Array("hello ".utf8))
                return EchoDelegate(closed: closed)
            })
        }
        try withHTTPServer(handler: handler) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            // Bytes right after the upgrade request belong to the new protocol.
            try client.send("GET /echo HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\nearly")
            let response = try client.readResponse()
            #expect(response.status == 101)
            #expect(response.headers["Upgrade"] == "echo")
            #expect(String(decoding: try client.read(count: 11), as: UTF8.self) == "hello early")
            try client.send("GET / HTTP/1.1\r\n\r\n")
            #expect(String(decoding: try client.read(count: 18), as: UTF8.self) == "GET / HTTP/1.1\r\n\r\n")
            client.abort()
            #expect(closed.wait())
        }
    }

    @Test func closeFromTheServerSideFlushesFirst() throws {
        let handler: HTTPServer.Handler = { _, responder in
            responder.send(.switchingProtocols(headers: ["Upgrade": "x", "Connection": "Upgrade"]) { connection in
                DispatchQueue.global().async {
                    connection.write(Array("goodbye".utf8))
                    connection.close()
                    connection.write(Array("ignored".utf8))
                }
                return EchoDelegate(closed: TestSignal())
            })
        }
        try withHTTPServer(handler: handler) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            try client.send("GET /x HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nUpgrade: x\r\n\r\n")
            #expect(try client.readResponse().status == 101)
            #expect(String(decoding: try client.readToEnd(), as: UTF8.self) == "goodbye")
        }
    }

    @Test func aDeclinedUpgradeKeepsSpeakingHTTP() throws {
        try withHTTPServer(handler: { request, responder in
            responder.send(HTTPResponse(status: request.isUpgradeRequest ? 403 : 200, body: Array(request.path.utf8)))
        }) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            try client.send("GET /ws HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\nGET /next HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(try client.readResponse().status == 403)
            #expect(try client.readResponse().text == "/next")
        }
    }

    @Test func stopClosesUpgradedConnections() throws {
        let closed = TestSignal()
        let server = HTTPServer(configuration: HTTPServer.Configuration(port: 0, threadCount: 2)) { _, responder in
            responder.send(.switchingProtocols(headers: ["Upgrade": "x", "Connection": "Upgrade"]) { _ in EchoDelegate(closed: closed) })
        }
        try server.start()
        let client = try HTTPTestClient(port: server.boundPort)
        try client.send("GET /x HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nUpgrade: x\r\n\r\n")
        #expect(try client.readResponse().status == 101)
        server.stop()
        #expect(closed.wait())
        #expect(try client.isClosedByServer())
    }
}
