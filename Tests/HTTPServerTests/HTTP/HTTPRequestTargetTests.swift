import Testing
@testable import HTTPServer

/// Absolute-form targets (RFC 9112 §3.2.2) and expectations (RFC 9110 §10.1.1).
@Suite("Request targets and expectations")
struct HTTPRequestTargetTests {
    @Test func anAbsoluteFormTargetsAuthorityIsTheRequestsHost() throws {
        let parsed = parseEveryWay("GET http://evil.com:81/api/v1/contacts?limit=1 HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let request = try #require(parsed.requests.first)
        #expect(request.path == "/api/v1/contacts")
        #expect(request.query == "limit=1")
        let whole = HTTPRequest(method: .get, target: "http://evil.com:81/api/v1/contacts?limit=1", headers: ["Host": "localhost"])
        #expect(whole.authority == "evil.com:81")
        #expect(whole.host == "evil.com:81")
    }

    @Test func originFormTargetsTakeTheirHostFromTheHostField() {
        let request = HTTPRequest(method: .get, target: "/a?b", headers: ["Host": "localhost:1"])
        #expect(request.authority == nil)
        #expect(request.host == "localhost:1")
        #expect(HTTPRequest(method: .get, target: "HTTPS://h?q").authority == "h")
    }

    @Test func absoluteFormTargetsMustBeHTTPWithAHostAndNoUserinfo() {
        for target in ["ftp://h/", "http:///x", "http://:1/x", "http://u:p@h/x", "https://u@h"] {
            #expect(parseEveryWay("GET \(target) HTTP/1.1\r\nHost: h\r\n\r\n").errorStatus == 400, "\(target)")
        }
        #expect(parseEveryWay("GET https://[::1]:8080 HTTP/1.1\r\nHost: h\r\n\r\n").requests.first?.path == "/")
    }

    @Test func anExpectationOtherThanContinueIs417() {
        #expect(parseEveryWay("GET / HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\n\r\n").errorStatus == 417)
        #expect(parseEveryWay("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue, x\r\nContent-Length: 1\r\n\r\na").errorStatus == 417)
        #expect(parseEveryWay("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-CONTINUE\r\nContent-Length: 1\r\n\r\na").requests.count == 1)
        #expect(parseEveryWay("GET / HTTP/1.1\r\nHost: a\r\nExpect:\r\n\r\n").requests.count == 1)
    }
}
