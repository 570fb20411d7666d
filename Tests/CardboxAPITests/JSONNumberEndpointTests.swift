import JSON
import Testing

/// JSON numbers from clients at and beyond every machine limit (issue 9): the
/// server never traps and `custom_fields` gives back exactly the text it was sent.
@Suite("JSON numbers over the API")
struct JSONNumberEndpointTests {
    static let literals = ["18446744073709551616", "-9223372036854775809", "1e400", "-0", "1e-400",
                           String(repeating: "7", count: 400)]

    @Test func customFieldNumbersComeBackAsSent() throws {
        let server = try APITestServer()
        let fields = Self.literals.enumerated().map { "\"k\($0.offset)\": \($0.element)" }.joined(separator: ", ")
        let created = try server.create(#"{"display_name": "Numbers", "custom_fields": {"# + fields + "}}")
        let id = try #require(created["id"]?.stringValue)
        let fetched = try server.get("/api/v1/contacts/\(id)")
        #expect(fetched.status == 200)
        for (index, literal) in Self.literals.enumerated() {
            #expect(fetched.text.contains("\"k\(index)\":\(literal)"), "k\(index)")
        }
        let patched = try server.request("PATCH", "/api/v1/contacts/\(id)/custom", body: #"{"big": 1E+99999999999999999999}"#)
        #expect(patched.status == 200)
        #expect(patched.text.contains(#""big":1E+99999999999999999999"#))
    }

    @Test func nestingBeyondTheLimitIsABadRequest() throws {
        let server = try APITestServer()
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let response = try server.request("POST", "/api/v1/contacts", body: #"{"display_name": "Deep", "custom_fields": {"d": "# + deep + "}}")
        #expect(response.status == 400)
        #expect(response.errorCode == "BAD_REQUEST")
        #expect(try server.get("/api/v1/status").status == 200)
    }
}
