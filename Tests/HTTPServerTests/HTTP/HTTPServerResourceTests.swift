import Dispatch
import Glibc
import HTTPTestSupport
import Platform
import Synchronization
import Testing
@testable import HTTPServer

/// What one connection may cost the server: bounded queued output for clients
/// that pipeline without reading, a write timeout for clients that stopped
/// reading, and a body timeout for bodies that trickle in.
@Suite struct HTTPServerResourceTests {
    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    static let bigBody = [UInt8](repeating: 0x42, count: 1024 * 1024)
    static let bigRequest = "GET /big HTTP/1.1\r\nHost: a\r\n\r\n"

    /// Answers `/big` with 1 MiB (counting the requests it handled) and anything else with `small`.
    static func handler(counting counter: Counter) -> HTTPServer.Handler {
        { request, responder in
            if request.path == "/big" {
                counter.value.add(1, ordering: .relaxed)
                responder.send(HTTPResponse(body: bigBody))
            } else {
                responder.send(HTTPResponse(body: Array("small".utf8)))
            }
        }
    }

    /// Waits (at most 10 s) until the peer resets the connection, without reading from it.
    func waitForHangUp(_ client: HTTPTestClient) -> Bool {
        var descriptor = pollfd(fd: client.socket.fileDescriptor.rawValue, events: 0, revents: 0)
        return poll(&descriptor, 1, 10_000) == 1 && descriptor.revents & Int16(POLLERR | POLLHUP) != 0
    }

    @Test func aPipeliningClientThatDoesNotReadIsNotAnsweredBeyondTheOutputBound() throws {
        let counter = Counter()
        let configuration = HTTPServer.Configuration(port: 0, threadCount: 1, maximumQueuedOutput: 256 * 1024)
        try withHTTPServer(configuration, handler: Self.handler(counting: counter)) { server in
            let hog = try HTTPTestClient(port: server.boundPort)
            try hog.send(String(repeating: Self.bigRequest, count: 40))
            // Another client on the same loop is answered after the hog's bytes were read.
            let other = try HTTPTestClient(port: server.boundPort)
            try other.send("GET /small HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(try other.readResponse().text == "small")
            // 1 MiB answers over a 256 KiB bound: the loop takes a new request only while
            // what it holds is under the bound, so beyond what the kernel's socket
            // buffers absorb (a few MB) it stops; without the bound it took 32 at
            // once, the pipelining limit, and held them all.
            let handled = counter.value.load(ordering: .relaxed)
            #expect(handled >= 1 && handled < 16, "\(handled) requests handled while the client read nothing")
            // Reading resumes as the client drains its answers, in order, to the last one.
            for _ in 0..<40 {
                let response = try hog.readResponse()
                #expect(response.status == 200 && response.body.count == Self.bigBody.count)
            }
            #expect(counter.value.load(ordering: .relaxed) == 40)
        }
    }

    @Test func aPipeliningClientThatDoesNotReadFillsItsOwnSendBuffer() throws {
        let counter = Counter()
        let configuration = HTTPServer.Configuration(port: 0, threadCount: 1, maximumQueuedOutput: 256 * 1024)
        try withHTTPServer(configuration, handler: Self.handler(counting: counter)) { server in
            let hog = try HTTPTestClient(port: server.boundPort)
            // A send that cannot go on for 300 ms means the server stopped reading.
            try hog.socket.setTimeout(milliseconds: 300)
            let chunk = Array(String(repeating: Self.bigRequest, count: 2048).utf8)
            let cap = 256 * 1024 * 1024
            var sent = 0
            sending: while sent < cap {
                var offset = 0
                while offset < chunk.count {
                    guard case .processed(let count) = try hog.socket.send(chunk, from: offset) else { break sending }
                    offset += count
                    sent += count
                }
            }
            #expect(sent < cap, "the server kept reading \(sent) bytes of requests it could not answer")
            // The server dispatched only what its bound and the kernel's buffers hold.
            #expect(counter.value.load(ordering: .relaxed) < 16)
            let other = try HTTPTestClient(port: server.boundPort)
            try other.send("GET /small HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(try other.readResponse().text == "small")
        }
    }

    @Test func aClientThatStopsReadingIsClosedAtTheWriteTimeout() throws {
        let counter = Counter()
        let configuration = HTTPServer.Configuration(port: 0, threadCount: 1, writeTimeout: .milliseconds(300),
                                                     maximumQueuedOutput: 64 * 1024)
        try withHTTPServer(configuration, handler: Self.handler(counting: counter)) { server in
            let stuck = try HTTPTestClient(port: server.boundPort)
            try stuck.socket.setReceiveBufferSize(4096)
            // More requests than one read takes, so the server holds unread bytes and resets.
            try stuck.send(String(repeating: Self.bigRequest, count: 4000))
            #expect(waitForHangUp(stuck), "the connection was not closed")
            let other = try HTTPTestClient(port: server.boundPort)
            try other.send("GET /small HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(try other.readResponse().text == "small")
        }
    }

    @Test func aBodyTricklingInIsCutAtTheBodyTimeout() throws {
        let configuration = HTTPServer.Configuration(port: 0, threadCount: 1, bodyTimeout: .milliseconds(500))
        try withHTTPServer(configuration) { server in
            let slow = try HTTPTestClient(port: server.boundPort)
            try slow.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n")
            // One byte every 50 ms, each well within the 10 s pause allowed (the head timeout).
            let stop = Atomic<Bool>(false)
            let socket = slow.socket
            let done = TestSignal()
            DispatchQueue.global().async {
                for _ in 0..<1000 where !stop.load(ordering: .relaxed) {
                    guard case .processed? = try? socket.send([0x41]) else { break }
                    usleep(50_000)
                }
                done.fire()
            }
            let response = try slow.readResponse()
            stop.store(true, ordering: .relaxed)
            #expect(response.status == 408)
            #expect(try slow.isClosedByServer())
            #expect(done.wait())
        }
    }

    @Test func aBodyThatArrivesInTimeIsAnswered() throws {
        let configuration = HTTPServer.Configuration(port: 0, threadCount: 1, bodyTimeout: .seconds(5))
        try withHTTPServer(configuration) { server in
            let client = try HTTPTestClient(port: server.boundPort)
            try client.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nab")
            try client.send("cde")
            #expect(try client.readResponse().text == "POST /upload abcde")
        }
    }
}
