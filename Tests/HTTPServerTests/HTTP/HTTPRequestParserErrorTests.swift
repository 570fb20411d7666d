import Testing
@testable import HTTPServer

@Suite struct HTTPRequestParserErrorTests {
    /// Malformed requests, each with the status it must map to, whatever the split.
    static let malformed: [(String, Int)] = [
        ("garbage\r\n\r\n", 400),
        ("\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}\u{01}\u{fc}\u{03}\u{03}\r\n\r\n", 400),  // a TLS ClientHello
        ("GET /\r\nHost: a\r\n\r\n", 400),                                     // HTTP/0.9 style
        ("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400),                           // double space
        ("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", 400),                           // trailing space
        ("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),                            // non-token method
        ("GET /a\u{7F}b HTTP/1.1\r\nHost: a\r\n\r\n", 400),                    // control in target
        ("GET a HTTP/1.1\r\nHost: a\r\n\r\n", 400),                            // not origin-form
        ("GET / http/1.1\r\nHost: a\r\n\r\n", 400),                            // version is case-sensitive
        ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
        ("GET / HTTP/1.1\r\n\r\n", 400),                                       // no Host
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),                 // two Hosts
        ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),                           // space before colon
        ("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n  folded\r\n\r\n", 400),      // obs-fold
        ("GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\n: empty\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\rX: y\r\n\r\n", 400),                      // bare CR
        ("GET / HTTP/1.1\r\nHost: a\r\nX: a\u{0}b\r\n\r\n", 400),             // NUL in value
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 4\r\n\r\nabcd", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \r\n\r\n", 400),
        ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),          // bad chunk size
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", 400),            // empty size
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5 x\r\nhello\r\n0\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n", 400),  // LF-only chunk line
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n", 400),  // data overrun
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nBad Trailer\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFFF\r\n", 413),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1048577\r\n\r\n", 413),
    ]

    @Test(arguments: malformed)
    func malformedRequestMapsToItsStatus(_ text: String, _ status: Int) {
        #expect(parseEveryWay(text).errorStatus == status, "\(text.debugDescription)")
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
