import HTTPTestSupport
import Dispatch
import Platform
import Testing
@testable import HTTPServer

/// Clients that misbehave: each gets its error answer and its connection
/// closed, and the server keeps serving everyone else.
@Suite struct HTTPServerHostileTests {
    /// Sends `bytes` from another thread (ignoring failures once the server
    /// closes), so the test can read the answer while a big upload is under way.
    func sendInBackground(_ client: HTTPTestClient, _ bytes: [UInt8]) -> TestSignal {
        let done = TestSignal()
        let socket = client.socket
        DispatchQueue.global().async {
            var offset = 0
            while offset < bytes.count {
                guard case .processed(let count)? = try? socket.send(bytes, from: offset) else { break }
                offset += count
            }
            done.fire()
        }
        return done
    }

    func expectStillServing(_ server: HTTPServer) throws {
        let client = try HTTPTestClient(port: server.boundPort)
        try client.send("GET /alive HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try client.readResponse().text == "GET /alive")
    }

    @Test func garbageBytesGet400AndAreCutOff() throws {
        try withHTTPServer { server in
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<20 {
                let client = try HTTPTestClient(port: server.boundPort)
                var garbage = (0..<512).map { _ in UInt8.random(in: 0...255, using: &generator) }
                garbage[0] = 0x01  // never a valid method byte
                garbage += Array("\r\n\r\n".utf8)
                try client.send(garbage)
                let response = try client.readResponse()
                #expect(response.status == 400)
                #expect(response.text.hasPrefix(#"{"error":{"code":"BAD_REQUEST""#))
                #expect(try client.isClosedByServer())
            }
            try expectStillServing(server)
        }
    }

    @Test func aOneMegabyteHeaderLineGets431() throws {
        try withHTTPServer { server in
            let client = try HTTPTestClient(port: server.boundPort)
            let head = Array("GET / HTTP/1.1\r\nHost: a\r\nX-Huge: ".utf8) + [UInt8](repeating: 0x61, count: 1_000_000) + Array("\r\n\r\n".utf8)
            let sent = sendInBackground(client, head)
            let response = try client.readResponse()
            #expect(response.status == 431)
            #expect(response.text.contains("HEADERS_TOO_LARGE"))
            #expect(try client.isClosedByServer())
            #expect(sent.wait())
            try expectStillServing(server)
        }
    }

    @Test func aTenMegabyteBodyGets413() throws {
        try withHTTPServer { server in
            let client = try HTTPTestClient(port: server.boundPort)
            let size = 10 * 1024 * 1024
            let request = Array("POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: \(size)\r\n\r\n".utf8) + [UInt8](repeating: 0x7B, count: size)
            let sent = sendInBackground(client, request)
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(response.text.contains("PAYLOAD_TOO_LARGE"))
            #expect(try client.isClosedByServer())
            #expect(sent.wait())
            try expectStillServing(server)
        }
    }

    @Test func aTenMegabyteChunkedBodyGets413() throws {
        try withHTTPServer { server in
            let client = try HTTPTestClient(port: server.boundPort)
            var request = Array("POST /big HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
            for _ in 0..<160 { request += Array("10000\r\n".utf8) + [UInt8](repeating: 0x41, count: 65536) + Array("\r\n".utf8) }
            let sent = sendInBackground(client, request)
            let response = try client.readResponse()
            #expect(response.status == 413)
            #expect(try client.isClosedByServer())
            #expect(sent.wait())
        }
    }

    @Test func aBadChunkSizeGets400AfterEarlierPipelinedAnswers() throws {
        try withHTTPServer { server in
            let client = try HTTPTestClient(port: server.boundPort)
            try client.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\nPOST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nnothex\r\n")
            #expect(try client.readResponse().text == "GET /ok")
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(response.headers["Connection"] == "close")
            #expect(try client.isClosedByServer())
        }
    }

    @Test func aStalledHalfHeadIsCutAtTheHeadTimeoutWhileOthersAreServed() throws {
        let configuration = HTTPServer.Configuration(port: 0, threadCount: 1, headTimeout: .milliseconds(400))
        try withHTTPServer(configuration) { server in
            let slow = try HTTPTestClient(port: server.boundPort)
            try slow.send("GET /slow HTTP/1.1\r\nHost: a\r\nX-Half: ")
            // Another client on the same loop is served while the slow one stalls.
            let other = try HTTPTestClient(port: server.boundPort)
            for index in 0..<3 {
                try other.send("GET /other/\(index) HTTP/1.1\r\nHost: a\r\n\r\n")
                #expect(try other.readResponse().text == "GET /other/\(index)")
            }
            let response = try slow.readResponse()
            #expect(response.status == 408)
            #expect(try slow.isClosedByServer())
            try expectStillServing(server)
        }
    }

    @Test func aSilentConnectionIsClosedAtTheHeadTimeout() throws {
        let configuration = HTTPServer.Configuration(port: 0, threadCount: 1, headTimeout: .milliseconds(200))
        try withHTTPServer(configuration) { server in
            let silent = try HTTPTestClient(port: server.boundPort)
            #expect(try silent.readToEnd().isEmpty)
        }
    }

    @Test func aThousandConnectionsOpenedAndDroppedLeaveTheServerServing() throws {
        try withHTTPServer { server in
            for batch in 0..<10 {
                var clients: [HTTPTestClient] = []
                for index in 0..<100 {
                    let client = try HTTPTestClient(port: server.boundPort)
                    switch index % 4 {
                    case 0: break
                    case 1: try client.send("GET /half HTTP/1.1\r\nHo")
                    case 2: try client.send("GET /full HTTP/1.1\r\nHost: a\r\n\r\n")
                    default: try client.send("POST /body HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nabc")
                    }
                    clients.append(client)
                }
                // Half of them reset the connection, half close it normally.
                for (index, client) in clients.enumerated() where (index + batch) % 2 == 0 {
                    client.abort()
                }
                clients.removeAll()
            }
            try expectStillServing(server)
            // And keeps serving many at once.
            let clients = try (0..<50).map { _ in try HTTPTestClient(port: server.boundPort) }
            for (index, client) in clients.enumerated() { try client.send("GET /many/\(index) HTTP/1.1\r\nHost: a\r\n\r\n") }
            for (index, client) in clients.enumerated() { #expect(try client.readResponse().text == "GET /many/\(index)") }
        }
    }

    @Test func aClientThatNeverReadsDoesNotStallOthers() throws {
        let big = [UInt8](repeating: 0x5A, count: 512 * 1024)
        try withHTTPServer(HTTPServer.Configuration(port: 0, threadCount: 1), handler: { request, responder in
            responder.send(HTTPResponse(body: request.path == "/big" ? big : Array("small".utf8)))
        }) { server in
            let hog = try HTTPTestClient(port: server.boundPort)
            try hog.send(String(repeating: "GET /big HTTP/1.1\r\nHost: a\r\n\r\n", count: 20))
            let other = try HTTPTestClient(port: server.boundPort)
            try other.send("GET /small HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(try other.readResponse().text == "small")
        }
    }
}
