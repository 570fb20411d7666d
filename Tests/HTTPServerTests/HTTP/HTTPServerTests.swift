import HTTPTestSupport
import Dispatch
import Glibc
import Platform
import Synchronization
import Testing
@testable import HTTPServer

@Suite struct HTTPServerTests {
    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        try withHTTPServer { server in
            #expect(server.boundPort != 0)
            let client = try HTTPTestClient(port: server.boundPort)
            for index in 0..<5 {
                try client.send("GET /n/\(index) HTTP/1.1\r\nHost: localhost\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.text == "GET /n/\(index)")
                #expect(response.headers["Connection"] == nil)
                #expect(response.headers["Date"]?.hasSuffix(" GMT") == true)
            }
        }
    }

    @Test(arguments: ["127.0.0.1", "::1", "localhost"])
    func listensOnIPv4AndIPv6(_ host: String) throws {
        try withHTTPServer(HTTPServer.Configuration(host: host, port: 0, threadCount: 1)) { server in
            let client = try HTTPTestClient(port: server.boundPort, host: host)
            try client.send("GET /v HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(try client.readResponse().text == "GET /v")
        }
    }

    @Test func http10ClosesUnlessKeepAliveIsAsked() throws {
        try withHTTPServer { server in
            let plain = try HTTPTestClient(port: server.boundPort)
            try plain.send("GET /old HTTP/1.0\r\n\r\n")
            let response = try plain.readResponse()
            #expect(response.status == 200)
            #expect(response.headers["Connection"] == "close")
            #expect(try plain.isClosedByServer())

            let kept = try HTTPTestClient(port: server.boundPort)
            for _ in 0..<2 {
                try kept.send("GET /kept HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let response = try kept.readResponse()
                #expect(response.headers["Connection"] == "keep-alive")
                #expect(response.text == "GET /kept")
            }
        }
    }

    @Test func connectionCloseIsHonoured() throws {
        try withHTTPServer { server in
            let client = try HTTPTestClient(port: server.boundPort)
            try client.send("GET /bye HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET /ignored HTTP/1.1\r\nHost: a\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.headers["Connection"] == "close")
            #expect(try client.isClosedByServer())
        }
    }

    @Test func pipelinedRequestsInOneWriteAreAnsweredInOrder() throws {
        try withHTTPServer { server in
            let client = try HTTPTestClient(port: server.boundPort)
            let requests = (0..<40).map { "GET /p/\($0) HTTP/1.1\r\nHost: a\r\n\r\n" }.joined()
                + "POST /p/body HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nDATA"
            try client.send(requests)
            for index in 0..<40 {
                #expect(try client.readResponse().text == "GET /p/\(index)")
            }
            #expect(try client.readResponse().text == "POST /p/body DATA")
        }
    }

    @Test func chunkedRequestBody() throws {
        try withHTTPServer { server in
            let client = try HTTPTestClient(port: server.boundPort)
            try client.send("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n")
            #expect(try client.readResponse().text == "POST /c Wikipedia")
        }
    }

    @Test func expectContinueGets100BeforeTheBodyIsSent() throws {
        try withHTTPServer { server in
            let client = try HTTPTestClient(port: server.boundPort)
            try client.send("PUT /up HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
            let interim = try client.readResponse()
            #expect(interim.status == 100)
            try client.send("hello")
            let final = try client.readResponse()
            #expect(final.status == 200)
            #expect(final.text == "PUT /up hello")
        }
    }

    @Test func headGetsTheLengthOfGetWithoutTheBody() throws {
        try withHTTPServer { server in
            let client = try HTTPTestClient(port: server.boundPort)
            try client.send("HEAD /h HTTP/1.1\r\nHost: a\r\n\r\nGET /h HTTP/1.1\r\nHost: a\r\n\r\n")
            let head = try client.readResponse(head: true)
            #expect(head.status == 200)
            #expect(head.headers["Content-Length"] == "7")  // the length of "HEAD /h", whose bytes are not sent
            let get = try client.readResponse()
            #expect(get.text == "GET /h")
        }
    }

    @Test func responsesSentLaterFromOtherThreadsKeepRequestOrder() throws {
        // /first is held; /second is answered from another thread, and only
        // then /first. The client must still get /first's answer first.
        let held = Mutex<HTTPResponder?>(nil)
        let handler: HTTPServer.Handler = { request, responder in
            if request.path == "/first" {
                held.withLock { $0 = responder }
                return
            }
            DispatchQueue.global().async {
                responder.send(HTTPResponse(body: Array("second".utf8)))
                let first = held.withLock { $0 }
                first?.send(HTTPResponse(body: Array("first".utf8)))
            }
        }
        try withHTTPServer(handler: handler) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            try client.send("GET /first HTTP/1.1\r\nHost: a\r\n\r\nGET /second HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(try client.readResponse().text == "first")
            #expect(try client.readResponse().text == "second")
        }
    }

    @Test func aResponderDroppedWithoutAnswerSends500() throws {
        try withHTTPServer(handler: { _, _ in }) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            try client.send("GET /forgotten HTTP/1.1\r\nHost: a\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 500)
            #expect(response.text.contains("INTERNAL_ERROR"))
        }
    }

    @Test func idleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws {
        let configuration = HTTPServer.Configuration(port: 0, threadCount: 1, idleTimeout: .milliseconds(200))
        try withHTTPServer(configuration) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            try client.send("GET /once HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            // Silently closed: no 408 for a connection that sent nothing.
            #expect(try client.readToEnd().isEmpty)
        }
    }

    @Test func stopWaitsForRequestsInFlight() throws {
        let arrived = TestSignal()
        let held = Mutex<HTTPResponder?>(nil)
        let server = HTTPServer(configuration: HTTPServer.Configuration(port: 0, threadCount: 1)) { _, responder in
            held.withLock { $0 = responder }
            arrived.fire()
        }
        try server.start()
        let port = server.boundPort
        let client = try HTTPTestClient(port: port)
        try client.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(arrived.wait())
        let stopped = TestSignal()
        let stopReturned = Atomic<Bool>(false)
        DispatchQueue.global().async {
            server.stop()
            stopReturned.store(true, ordering: .sequentiallyConsistent)
            stopped.fire()
        }
        // The listener closes when the loop takes the stop: new connections are then refused.
        var refused = false
        for _ in 0..<5000 where !refused {
            do { _ = try HTTPTestClient(port: port) } catch { refused = true }
            if !refused { usleep(1000) }
        }
        #expect(refused)
        let returnedEarly = stopReturned.load(ordering: .sequentiallyConsistent)
        #expect(!returnedEarly)
        held.withLock { $0 }?.send(HTTPResponse(body: Array("done".utf8)))
        #expect(stopped.wait())
        let response = try client.readResponse()
        #expect(response.text == "done")
        #expect(response.headers["Connection"] == "close")
        #expect(try client.isClosedByServer())
    }

    @Test func errorHookShapesProtocolErrors() throws {
        let hook: HTTPServer.ErrorResponse = { status, message in
            HTTPResponse(status: status, headers: ["Content-Type": "text/plain"], body: Array("custom \(status)".utf8))
        }
        try withHTTPServer(errorResponse: hook) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            try client.send("BROKEN\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.status == 400)
            #expect(response.text == "custom 400")
            #expect(response.headers["Connection"] == "close")
            #expect(try client.isClosedByServer())
        }
    }
}

@Suite struct HTTPServerStartTests {
    @Test func aSecondServerOnTheSamePortFailsInsteadOfSharingIt() throws {
        try withHTTPServer { first in
            let second = HTTPServer(configuration: HTTPServer.Configuration(port: first.boundPort, threadCount: 2)) { _, _ in }
            #expect(throws: HTTPServer.StartError.self) { try second.start() }
        }
    }

    @Test func anInvalidHostIsRejected() {
        let server = HTTPServer(configuration: HTTPServer.Configuration(host: "example.com", port: 0)) { _, _ in }
        #expect(throws: HTTPServer.StartError.self) { try server.start() }
    }

    @Test func socketAddresses() {
        #expect(SocketAddress(host: "localhost", port: 80)?.description == "127.0.0.1:80")
        #expect(SocketAddress(host: "[::1]", port: 8080)?.description == "[::1]:8080")
        #expect(SocketAddress(host: "0.0.0.0", port: 1)?.isLoopback == false)
        #expect(SocketAddress(host: "::1", port: 1)?.isLoopback == true)
        #expect(SocketAddress(host: "127.1.2.3", port: 1)?.isLoopback == true)
        #expect(SocketAddress(host: "256.0.0.1", port: 1) == nil)
    }
}
