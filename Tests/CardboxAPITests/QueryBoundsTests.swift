import HTTPTestSupport
import JSON
import Testing

/// Every integer a client puts in a query is bounded (SPEC §2.3), however
/// extreme: the answer is a 400, never a crash.
@Suite("Integer query parameters at their extremes")
struct QueryBoundsTests {
    /// Values that are not a whole number in range for `offset` (0…2,147,483,647),
    /// `limit` (0…1000) and `since` (0…2⁶³−1).
    static let outOfRange = [
        "9223372036854775807", "-9223372036854775808", "18446744073709551616", "2147483648", "-1",
        String(repeating: "9", count: 400), "%2B1", "-0", "%201", "1%20", "1.0", "1e3", "0x10", "",
    ]

    @Test(arguments: outOfRange)
    func offsetOutsideItsRangeIsABadRequest(value: String) throws {
        let server = try APITestServer()
        try server.create(#"{"display_name": "Ana"}"#)
        let response = try server.get("/api/v1/contacts?offset=" + value)
        #expect(response.status == 400, "offset=\(value): \(response.text)")
        #expect(response.errorCode == "BAD_REQUEST")
        #expect(try server.get("/api/v1/status").status == 200, "the server must still answer")
    }

    @Test(arguments: outOfRange + ["1001"])
    func limitOutsideItsRangeIsABadRequest(value: String) throws {
        let server = try APITestServer()
        let response = try server.get("/api/v1/contacts?limit=" + value)
        #expect(response.status == 400, "limit=\(value): \(response.text)")
    }

    @Test func theLargestOffsetAndLimitGiveAnEmptyPageWithTheTotal() throws {
        let server = try APITestServer()
        try server.create(#"{"display_name": "Ana"}"#)
        try server.create(#"{"display_name": "Bob", "tags": ["x"]}"#)
        for filter in ["", "&search=a", "&tag=x", "&company=c", "&include_deleted=true"] {
            let response = try server.get("/api/v1/contacts?offset=2147483647&limit=1000" + filter)
            #expect(response.status == 200, "\(filter): \(response.text)")
            let object = try #require(response.json.objectValue)
            #expect(object["data"] == .array([]))
            #expect(object["meta"]?.objectValue?["has_more"] == .bool(false))
            #expect(object["meta"]?.objectValue?["offset"] == .number("2147483647"))
        }
        let leadingZeros = try server.get("/api/v1/contacts?offset=0000000000000000000000001&limit=0001")
        #expect(leadingZeros.status == 200)
        #expect(leadingZeros.json.objectValue?["meta"]?.objectValue?["offset"] == .number("1"))
    }

    @Test(arguments: ["9223372036854775808", "18446744073709551615", "18446744073709551616", "-1", "%2B1", "-0", String(repeating: "1", count: 100)])
    func eventSinceOutsideItsRangeIsABadRequest(value: String) throws {
        let server = try APITestServer()
        let response = try server.get("/api/v1/events?since=" + value)
        #expect(response.status == 400, "since=\(value): \(response.text)")
    }

    @Test func theLargestSinceIsAcceptedAndAsksForAResync() throws {
        let server = try APITestServer()
        let client = try WebSocketTestClient(port: server.port, target: "/api/v1/events?since=9223372036854775807")
        #expect(client.handshake.status == 101)
        #expect(try client.nextText() == #"{"type":"resync"}"#)
    }
}
