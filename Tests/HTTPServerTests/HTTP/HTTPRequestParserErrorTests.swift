import Testing
@testable import HTTPServer

/// A malformed request and the status it must map to, shown in test output by its name.
struct MalformedRequest: CustomTestStringConvertible, Sendable {
    let name: String
    let text: String
    let status: Int

    init(_ name: String, _ text: String, _ status: Int) {
        self.name = name
        self.text = text
        self.status = status
    }

    var testDescription: String { "\(name) → \(status)" }
}

@Suite struct HTTPRequestParserErrorTests {
    /// Malformed requests, each with the status it must map to, whatever the split.
    static let malformed: [MalformedRequest] = [
        MalformedRequest("garbage", "garbage\r\n\r\n", 400),
        MalformedRequest("a TLS ClientHello", "\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}\u{01}\u{fc}\u{03}\u{03}\r\n\r\n", 400),
        MalformedRequest("an HTTP/0.9 request line", "GET /\r\nHost: a\r\n\r\n", 400),
        MalformedRequest("a double space in the request line", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        MalformedRequest("a trailing space in the request line", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n", 400),
        MalformedRequest("a method that is not a token", "G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        MalformedRequest("a control character in the target", "GET /a\u{7F}b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        MalformedRequest("a target not in origin form", "GET a HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        MalformedRequest("a lower-case HTTP version", "GET / http/1.1\r\nHost: a\r\n\r\n", 400),
        MalformedRequest("HTTP/2.0", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
        MalformedRequest("no Host", "GET / HTTP/1.1\r\n\r\n", 400),
        MalformedRequest("two Host fields", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
        MalformedRequest("a space before the colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),
        MalformedRequest("an obsolete folded header line", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n  folded\r\n\r\n", 400),
        MalformedRequest("a header line without a colon", "GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n", 400),
        MalformedRequest("a header with an empty name", "GET / HTTP/1.1\r\nHost: a\r\n: empty\r\n\r\n", 400),
        MalformedRequest("a bare CR", "GET / HTTP/1.1\r\nHost: a\rX: y\r\n\r\n", 400),
        MalformedRequest("a NUL in a header value", "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{0}b\r\n\r\n", 400),
        MalformedRequest("Content-Length -1", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400),
        MalformedRequest("Content-Length 1x", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n", 400),
        MalformedRequest("Content-Length +5", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\n", 400),
        MalformedRequest("an empty Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \r\n\r\n", 400),
        MalformedRequest("a 23-digit Content-Length", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400),
        MalformedRequest("two different Content-Lengths", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400),
        MalformedRequest("the Content-Length list 3, 4", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 4\r\n\r\nabcd", 400),
        MalformedRequest("Content-Length with Transfer-Encoding", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        MalformedRequest("Transfer-Encoding chunked, identity", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n", 400),
        MalformedRequest("Transfer-Encoding chunked twice", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        MalformedRequest("Transfer-Encoding gzip, chunked", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
        MalformedRequest("an empty Transfer-Encoding", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \r\n\r\n", 400),
        MalformedRequest("chunked over HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        MalformedRequest("a chunk size that is not hex", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        MalformedRequest("a negative chunk size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n", 400),
        MalformedRequest("an empty chunk size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", 400),
        MalformedRequest("a chunk size followed by junk", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5 x\r\nhello\r\n0\r\n\r\n", 400),
        MalformedRequest("an LF-only chunk line", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n", 400),
        MalformedRequest("chunk data longer than its size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n", 400),
        MalformedRequest("a malformed trailer", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nBad Trailer\r\n\r\n", 400),
        MalformedRequest("a 22-digit chunk size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFFF\r\n", 413),
        MalformedRequest("a body of 1 MiB and one byte", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1048577\r\n\r\n", 413),
    ]

    @Test(arguments: malformed)
    func malformedRequestMapsToItsStatus(_ request: MalformedRequest) {
        #expect(parseEveryWay(request.text).errorStatus == request.status, "\(request.text.debugDescription)")
    }

    @Test func errorIsStickyAndCarriesAnOffset() throws {
        var parser = HTTPRequestParser()
        parser.feed(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\nBAD\r\n\r\n".utf8))
        guard case .request? = try parser.next() else { Issue.record("first request lost"); return }
        let error = #expect(throws: HTTPParseError.self) { try parser.next() }
        #expect(error?.status == 400)
        #expect(error?.offset == 27)  // where "BAD" starts
        #expect(throws: HTTPParseError.self) { try parser.next() }
    }

    @Test func headOf16KiBIsAcceptedAndOneByteMoreIs431() {
        let prefix = "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: "
        let fixed = prefix.utf8.count + 4  // "\r\n\r\n"
        let exact = prefix + String(repeating: "a", count: HTTPRequestParser.maximumHeadSize - fixed) + "\r\n\r\n"
        #expect(exact.utf8.count == HTTPRequestParser.maximumHeadSize)
        #expect(parseHTTP([Array(exact.utf8)[...]]).requests.count == 1)
        let over = prefix + String(repeating: "a", count: HTTPRequestParser.maximumHeadSize - fixed + 1) + "\r\n\r\n"
        #expect(parseHTTP([Array(over.utf8)[...]]).errorStatus == 431)
    }

    @Test func endlessHeaderLineIs431WithoutWaitingForItsEnd() {
        var parser = HTTPRequestParser()
        parser.feed(Array("GET / HTTP/1.1\r\nX-Long: ".utf8))
        var status: Int?
        for _ in 0..<100 {
            parser.feed([UInt8](repeating: UInt8(ascii: "a"), count: 1024))
            do { _ = try parser.next() } catch { status = error.status; break }
        }
        #expect(status == 431)
        #expect(parser.bufferedCount <= HTTPRequestParser.maximumHeadSize + 1024)
    }

    @Test func tooManyFieldsIs431() {
        let fields = (0...HTTPRequestParser.maximumFieldCount).map { "X-\($0): v\r\n" }.joined()
        #expect(parseHTTP([Array("GET / HTTP/1.1\r\nHost: a\r\n\(fields)\r\n".utf8)[...]]).errorStatus == 431)
    }

    @Test func bodyOf1MiBIsAcceptedAndOneByteMoreIs413() {
        let limit = HTTPRequestParser.maximumBodySize
        let exact = Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \(limit)\r\n\r\n".utf8) + [UInt8](repeating: 65, count: limit)
        #expect(parseHTTP([exact[...]]).requests.first?.body.count == limit)
        let over = Array("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \(limit + 1)\r\n\r\n".utf8)
        #expect(parseHTTP([over[...]]).errorStatus == 413)
    }

    @Test func chunkedTotalOverTheLimitIs413() {
        let chunk = 256 * 1024
        var text = Array("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        for _ in 0..<4 {
            text += Array("\(String(chunk, radix: 16))\r\n".utf8) + [UInt8](repeating: 66, count: chunk) + Array("\r\n".utf8)
        }
        let atLimit = text + Array("0\r\n\r\n".utf8)
        #expect(parseHTTP([atLimit[...]]).requests.first?.body.count == HTTPRequestParser.maximumBodySize)
        let overLimit = text + Array("1\r\nX\r\n0\r\n\r\n".utf8)
        #expect(parseHTTP([overLimit[...]]).errorStatus == 413)
    }
}
