import Testing
@testable import HTTPServer

/// `Content-Length` and chunk sizes at their extremes: a 400 or 413, never an
/// overflow, and leading zeros are still digits.
@Suite("Request framing numbers at their extremes")
struct HTTPRequestParserIntegerTests {
    func post(contentLength: String) -> ParsedRequests {
        parseEveryWay("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \(contentLength)\r\n\r\nabcde")
    }

    func chunked(size: String) -> ParsedRequests {
        parseEveryWay("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n\(size)\r\nabcde\r\n0\r\n\r\n")
    }

    @Test func contentLengthsThatFitButExceedTheBodyLimitAre413() {
        #expect(post(contentLength: "9223372036854775807").errorStatus == 413)  // Int64.max
        #expect(post(contentLength: "1048577").errorStatus == 413)
    }

    @Test func contentLengthsBeyondSixtyFourBitsAreInvalid() {
        #expect(post(contentLength: "9223372036854775808").errorStatus == 400)  // Int64.max + 1
        #expect(post(contentLength: "18446744073709551616").errorStatus == 400)  // 2^64
        #expect(post(contentLength: String(repeating: "9", count: 1000)).errorStatus == 400)
    }

    @Test func signedOrBlankContentLengthsAreInvalid() {
        for text in ["-9223372036854775808", "-0", "+5", "5 5", "0x5", "5.0"] {
            #expect(post(contentLength: text).errorStatus == 400, "Content-Length \(text)")
        }
    }

    @Test func leadingZerosInAContentLengthAreDigits() {
        let parsed = post(contentLength: String(repeating: "0", count: 40) + "5")
        #expect(parsed.errorStatus == nil)
        #expect(parsed.requests.first?.body == Array("abcde".utf8))
    }

    @Test func hugeChunkSizesAre413() {
        #expect(chunked(size: "7FFFFFFFFFFFFFFF").errorStatus == 413)
        #expect(chunked(size: "10000000000000000").errorStatus == 413)  // 2^64
        #expect(chunked(size: String(repeating: "F", count: 900)).errorStatus == 413)
    }

    @Test func signedChunkSizesAreInvalidAndLeadingZerosAreDigits() {
        #expect(chunked(size: "-5").errorStatus == 400)
        #expect(chunked(size: "+5").errorStatus == 400)
        #expect(chunked(size: String(repeating: "0", count: 500) + "5").requests.first?.body == Array("abcde".utf8))
    }
}
