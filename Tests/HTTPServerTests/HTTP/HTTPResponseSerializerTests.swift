import Testing
@testable import HTTPServer

@Suite struct HTTPResponseSerializerTests {
    func serialize(_ response: HTTPResponse, head: Bool = false, version: HTTPVersion = .http1_1, keepAlive: Bool = true) -> String {
        var serializer = HTTPResponseSerializer()
        var output: [UInt8] = []
        serializer.serialize(response, isHead: head, version: version, keepAlive: keepAlive, epochSeconds: 784_111_777, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    @Test func framingFieldsAreAdded() {
        let text = serialize(HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Array("{}".utf8)))
        #expect(text == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Length: 2\r\n\r\n{}")
    }

    @Test func handlerFramingFieldsAreReplaced() {
        let text = serialize(HTTPResponse(status: 200, headers: ["Content-Length": "12345", "Transfer-Encoding": "chunked", "Connection": "keep-alive"], body: [1]))
        #expect(!text.contains("12345"))
        #expect(!text.contains("chunked"))
        #expect(!text.contains("keep-alive"))
        #expect(text.contains("Content-Length: 1\r\n"))
    }

    @Test func headAnnouncesTheLengthWithoutTheBody() {
        let text = serialize(HTTPResponse(status: 200, body: Array("hello".utf8)), head: true)
        #expect(text.hasSuffix("Content-Length: 5\r\n\r\n"))
    }

    @Test(arguments: [204, 304])
    func bodilessStatusesSendNoBodyAndNoLength(_ status: Int) {
        let text = serialize(HTTPResponse(status: status, body: Array("ignored".utf8)))
        #expect(!text.contains("Content-Length"))
        #expect(text.hasSuffix("\r\n\r\n"))
    }

    @Test func connectionField() {
        #expect(serialize(HTTPResponse(), keepAlive: false).contains("Connection: close\r\n"))
        #expect(serialize(HTTPResponse(), version: .http1_0, keepAlive: true).contains("Connection: keep-alive\r\n"))
        #expect(!serialize(HTTPResponse(), version: .http1_1, keepAlive: true).contains("Connection:"))
        let upgrade = serialize(HTTPResponse(status: 101, headers: ["Upgrade": "websocket", "Connection": "Upgrade"]))
        #expect(upgrade.hasPrefix("HTTP/1.1 101 Switching Protocols\r\n"))
        #expect(upgrade.contains("Connection: Upgrade\r\n"))
        #expect(!upgrade.contains("Content-Length"))
    }

    @Test func handlerDateIsKept() {
        let text = serialize(HTTPResponse(headers: ["Date": "Mon, 01 Jan 2001 00:00:00 GMT"]))
        #expect(text.components(separatedBy: "Date:").count == 2)
    }

    @Test(arguments: [
        (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (1_796_000_000, "Mon, 30 Nov 2026 00:53:20 GMT"),
        (4_107_542_399, "Sun, 28 Feb 2100 23:59:59 GMT"),
    ])
    func imfFixdate(_ seconds: Int, _ expected: String) {
        #expect(HTTPDate.format(epochSeconds: seconds) == expected)
    }

    @Test func defaultErrorResponseIsTheJSONEnvelope() {
        let response = HTTPServer.defaultErrorResponse(status: 431, message: "head \"too\" large")
        #expect(response.status == 431)
        #expect(response.headers["content-type"] == "application/json")
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"error":{"code":"HEADERS_TOO_LARGE","message":"head \"too\" large"}}"#)
    }
}

@Suite struct HTTPHeadersTests {
    @Test func lookupReplaceRemove() {
        var headers: HTTPHeaders = ["Vary": "Origin", "Content-Type": "text/plain", "vary": "Accept"]
        #expect(headers.values(for: "VARY") == ["Origin", "Accept"])
        headers["Vary"] = "Cookie"
        #expect(headers.fields == [HTTPField(name: "Vary", value: "Cookie"), HTTPField(name: "Content-Type", value: "text/plain")])
        headers["content-type"] = nil
        #expect(headers.count == 1)
        #expect(headers.containsToken("cookie", for: "vary"))
        #expect(!headers.containsToken("cook", for: "vary"))
    }

    @Test func targetSplitting() {
        #expect(HTTPRequest.split(target: "/a/b?c=d?e") == ("/a/b", "c=d?e"))
        #expect(HTTPRequest.split(target: "/a") == ("/a", nil))
        #expect(HTTPRequest.split(target: "http://h:1") == ("/", nil))
        #expect(HTTPRequest.split(target: "https://h/x?y") == ("/x", "y"))
        #expect(HTTPRequest.split(target: "*") == ("*", nil))
    }
}
