import Testing
@testable import HTTPServer

/// What a parser produced from some input, comparable however it was split.
/// `continueExpected` is left out of `requests` because whether it appears
/// depends on whether the body arrived with the head.
struct ParsedRequests: Equatable, CustomStringConvertible {
    struct Request: Equatable {
        var method: String
        var target: String
        var path: String
        var query: String?
        var version: HTTPVersion
        var headers: [HTTPField]
        var body: [UInt8]
        var trailers: [HTTPField]
    }
    var requests: [Request] = []
    var errorStatus: Int?

    var description: String {
        requests.map { "\($0.method) \($0.target) \($0.headers.count)h \($0.body.count)b" }.joined(separator: ", ")
            + (errorStatus.map { " error \($0)" } ?? "")
    }
}

/// Feeds `chunks` in order, draining events after each, as a connection does.
func parseHTTP(_ chunks: [ArraySlice<UInt8>]) -> ParsedRequests {
    var parser = HTTPRequestParser()
    var result = ParsedRequests()
    for chunk in chunks {
        parser.feed(chunk)
        do {
            while let event = try parser.next() {
                if case .request(let r) = event {
                    result.requests.append(.init(method: r.method.rawValue, target: r.target, path: r.path, query: r.query,
                                                 version: r.version, headers: r.headers.fields, body: r.body,
                                                 trailers: r.trailers.fields))
                }
            }
        } catch {
            result.errorStatus = error.status
            return result
        }
    }
    return result
}

/// The input whole, one byte at a time, and split in two at every position.
func httpChunkings(_ text: String) -> [[ArraySlice<UInt8>]] {
    let bytes = Array(text.utf8)
    var chunkings: [[ArraySlice<UInt8>]] = [[bytes[...]], bytes.indices.map { bytes[$0...$0] }]
    for split in 0...bytes.count {
        chunkings.append([bytes[0..<split], bytes[split...]])
    }
    return chunkings
}

/// Parses `text` every way and checks every way agrees; returns the result.
func parseEveryWay(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ParsedRequests {
    let chunkings = httpChunkings(text)
    let whole = parseHTTP(chunkings[0])
    for chunking in chunkings.dropFirst() {
        let result = parseHTTP(chunking)
        if result != whole {
            Issue.record("split into \(chunking.map(\.count)) gave \(result), whole gave \(whole)", sourceLocation: sourceLocation)
            break
        }
    }
    return whole
}

@Suite struct HTTPRequestParserTests {
    @Test func simpleGet() throws {
        let result = parseEveryWay("GET /api/v1/contacts?limit=5&tag=a HTTP/1.1\r\nHost: localhost:8080\r\nAccept: */*\r\n\r\n")
        #expect(result.errorStatus == nil)
        let request = try #require(result.requests.first)
        #expect(result.requests.count == 1)
        #expect(request.method == "GET")
        #expect(request.path == "/api/v1/contacts")
        #expect(request.query == "limit=5&tag=a")
        #expect(request.version == .http1_1)
        #expect(request.headers == [HTTPField(name: "Host", value: "localhost:8080"), HTTPField(name: "Accept", value: "*/*")])
        #expect(request.body.isEmpty)
    }

    @Test func repeatedFieldsKeptInOrderAndLookedUpCaseInsensitively() throws {
        var parser = HTTPRequestParser()
        parser.feed(Array("GET / HTTP/1.1\r\nhost: a\r\nX-Tag: one\r\nx-tag:two  \r\nX-TAG:\t three\r\n\r\n".utf8))
        guard case .request(let request)? = try parser.next() else { Issue.record("no request"); return }
        #expect(request.headers.values(for: "X-Tag") == ["one", "two", "three"])
        #expect(request.headers["HOST"] == "a")
        #expect(request.headers["x-tag"] == "one")
        #expect(request.headers.count == 4)
    }

    @Test func contentLengthBody() {
        let result = parseEveryWay("POST /contacts HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"a\":\"héé\"}")
        #expect(result.errorStatus == nil)
        #expect(result.requests.first?.body == Array("{\"a\":\"héé\"}".utf8))
    }

    @Test func chunkedBodyWithExtensionsAndTrailers() throws {
        let text = "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n"
            + "1A\r\n, this is twenty-six bytes\r\n"
            + "0\r\nChecksum: abc\r\nX-Done: yes\r\n\r\n"
        let result = parseEveryWay(text)
        #expect(result.errorStatus == nil)
        let request = try #require(result.requests.first)
        #expect(String(decoding: request.body, as: UTF8.self) == "hello, this is twenty-six bytes")
        #expect(request.trailers == [HTTPField(name: "Checksum", value: "abc"), HTTPField(name: "X-Done", value: "yes")])
    }

    @Test func chunkedBodyWithoutTrailersFollowedByPipelinedRequest() {
        let text = "POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
            + "GET /b HTTP/1.1\r\nHost: a\r\n\r\n"
        let result = parseEveryWay(text)
        #expect(result.errorStatus == nil)
        #expect(result.requests.map(\.target) == ["/a", "/b"])
        #expect(result.requests.first?.body == Array("abc".utf8))
    }

    @Test func pipelinedRequestsInOneChunk() {
        let text = "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
            + "POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nxyz"
            + "HEAD /3 HTTP/1.1\r\nHost: a\r\n\r\n"
            + "DELETE /4?permanent=true HTTP/1.1\r\nHost: a\r\n\r\n"
        let result = parseEveryWay(text)
        #expect(result.errorStatus == nil)
        #expect(result.requests.map(\.method) == ["GET", "POST", "HEAD", "DELETE"])
        #expect(result.requests.map(\.path) == ["/1", "/2", "/3", "/4"])
        #expect(result.requests[1].body == Array("xyz".utf8))
    }

    @Test func http10WithoutHost() throws {
        let result = parseEveryWay("GET / HTTP/1.0\r\n\r\n")
        let request = try #require(result.requests.first)
        #expect(request.version == .http1_0)
    }

    @Test func bareLineFeedsInTheHeadAndLeadingEmptyLines() {
        // RFC 9112 §2.2: a bare LF MAY end a head line; empty lines before a request are ignored.
        let result = parseEveryWay("\r\n\nGET /lf HTTP/1.1\nHost: a\n\n")
        #expect(result.errorStatus == nil)
        #expect(result.requests.map(\.target) == ["/lf"])
    }

    @Test func absoluteFormTarget() throws {
        let request = try #require(parseEveryWay("GET http://localhost:8080/api/v1/status?x=1 HTTP/1.1\r\nHost: localhost\r\n\r\n").requests.first)
        #expect(request.path == "/api/v1/status")
        #expect(request.query == "x=1")
    }

    @Test func keepAliveAndUpgradeFlags() {
        func request(_ head: String) -> HTTPRequest {
            var parser = HTTPRequestParser()
            parser.feed(Array(head.utf8))
            guard case .request(let request)? = try? parser.next() else { fatalError("no request in \(head)") }
            return request
        }
        #expect(request("GET / HTTP/1.1\r\nHost: a\r\n\r\n").keepAlive)
        #expect(!request("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").keepAlive)
        #expect(!request("GET / HTTP/1.0\r\n\r\n").keepAlive)
        #expect(request("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive)
        #expect(request("GET /e HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\r\n").isUpgradeRequest)
        #expect(!request("GET /e HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n\r\n").isUpgradeRequest)
    }

    @Test func expectContinueIsReportedBeforeTheBody() throws {
        var parser = HTTPRequestParser()
        parser.feed(Array("PUT /x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n".utf8))
        guard case .continueExpected? = try parser.next() else { Issue.record("no 100-continue event"); return }
        #expect(try parser.next() == nil)
        parser.feed(Array("body".utf8))
        guard case .request(let request)? = try parser.next() else { Issue.record("no request"); return }
        #expect(request.body == Array("body".utf8))
    }

    @Test func expectContinueIsIgnoredForHTTP10AndWhenTheBodyIsThere() throws {
        var parser = HTTPRequestParser()
        parser.feed(Array("PUT /x HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n".utf8))
        if case .continueExpected? = try parser.next() { Issue.record("100-continue reported to HTTP/1.0") }
        var whole = HTTPRequestParser()
        whole.feed(Array("PUT /x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nz".utf8))
        guard case .request? = try whole.next() else { Issue.record("expected the request at once"); return }
    }

    @Test func takeBufferedBytesReturnsWhatFollowsARequest() throws {
        var parser = HTTPRequestParser()
        parser.feed(Array("GET /ws HTTP/1.1\r\nHost: a\r\n\r\n\u{81}\u{05}".utf8))
        guard case .request? = try parser.next() else { Issue.record("no request"); return }
        #expect(parser.takeBufferedBytes() == Array("\u{81}\u{05}".utf8))
        #expect(parser.bufferedCount == 0)
    }

    @Test func randomBytesNeverCrashTheParser() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("GET POST / HTTP/1.1\r\n:; chunked0123456789abcdefContent-LengthTransfer-Encoding \t\0\u{7F}".utf8)
        for _ in 0..<2000 {
            let count = Int.random(in: 0..<300, using: &generator)
            var bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            if Bool.random(using: &generator) { bytes = Array("POST / HTTP/1.1\r\nHost: a\r\n".utf8) + bytes }
            var parser = HTTPRequestParser()
            for chunk in stride(from: 0, to: bytes.count, by: 7) {
                parser.feed(bytes[chunk..<min(chunk + 7, bytes.count)])
                do { while try parser.next() != nil {} } catch { break }
            }
        }
    }
}
