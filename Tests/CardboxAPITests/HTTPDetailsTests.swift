@testable import CardboxAPI
import HTTPTestSupport
import Testing

/// HTTP details where RFC 9110/9112 decide: absolute-form targets, `Expect`,
/// `OPTIONS`/`Allow` per route, `HEAD`, and the code of a 426.
@Suite("HTTP details of the API")
struct HTTPDetailsTests {
    @Test func anAbsoluteFormTargetIsRoutedByItsPath() throws {
        let server = try APITestServer()
        let response = try server.get("http://localhost:\(server.port)/api/v1/status?")
        #expect(response.status == 200, "\(response.text)")
        #expect(response.text.contains(#""contacts":0"#))
    }

    @Test func anAbsoluteFormTargetsAuthorityReplacesHostForTheRebindingCheck() throws {
        let server = try APITestServer()
        let evil = try server.get("http://evil.com/api/v1/contacts", headers: ["Host": "localhost"])
        #expect(evil.status == 403 && evil.errorCode == "FORBIDDEN", "\(evil.text)")
        let loopback = try server.get("http://127.0.0.1:\(server.port)/api/v1/contacts", headers: ["Host": "evil.com"])
        #expect(loopback.status == 200, "\(loopback.text)")
    }

    @Test func absoluteFormTargetsWithAnotherSchemeNoHostOrUserinfoAreBadRequests() throws {
        let server = try APITestServer()
        for target in ["ftp://localhost/api/v1/status", "http:///api/v1/status", "http://:80/api/v1/status",
                       "http://user@localhost/api/v1/status"] {
            #expect(try server.get(target).status == 400, "\(target)")
        }
    }

    @Test func aWrongWebSocketVersionIsUpgradeRequiredNotAnInternalError() throws {
        let server = try APITestServer()
        let plain = try server.get("/api/v1/events")
        #expect(plain.status == 426)
        #expect(plain.errorCode == "UPGRADE_REQUIRED")
        let version = try server.get("/api/v1/events", headers: [
            "Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
            "Sec-WebSocket-Version": "8",
        ])
        #expect(version.status == 426 && version.errorCode == "UPGRADE_REQUIRED")
        #expect(version.headers["Sec-WebSocket-Version"] == "13")
    }

    @Test func anExpectationOtherThanContinueIs417() throws {
        let server = try APITestServer()
        let response = try server.get("/api/v1/status", headers: ["Expect": "200-ok"])
        #expect(response.status == 417)
        #expect(response.errorCode == "EXPECTATION_FAILED")
        let mixed = try server.request("POST", "/api/v1/contacts", headers: ["Expect": "100-continue, fancy"], body: "{}")
        #expect(mixed.status == 417)
        let continued = try server.request("POST", "/api/v1/contacts", headers: ["Expect": "100-Continue"],
                                           body: #"{"display_name": "Ana"}"#)
        #expect(continued.status == 201)
    }

    @Test func optionsAdvertisesOnlyThePathsMethods() throws {
        let server = try APITestServer()
        let expected = [
            "/api/v1/contacts": "GET, HEAD, POST, OPTIONS",
            "/api/v1/contacts/abc": "GET, HEAD, PATCH, DELETE, OPTIONS",
            "/api/v1/contacts/abc/custom": "PATCH, OPTIONS",
            "/api/v1/contacts/abc/restore": "POST, OPTIONS",
            "/api/v1/status": "GET, HEAD, OPTIONS",
            "/api/v1/events": "GET, HEAD, OPTIONS",
        ]
        for (path, allow) in expected {
            let response = try server.request("OPTIONS", path)
            #expect(response.status == 204, "\(path)")
            #expect(response.headers["Allow"] == allow, "\(path)")
        }
        let unknown = try server.request("OPTIONS", "/api/v1/nothing")
        #expect(unknown.status == 404 && unknown.errorCode == "NOT_FOUND")
        let server204 = try server.request("OPTIONS", "*")
        #expect(server204.status == 204)
        #expect(server204.headers["Allow"] == "GET, HEAD, POST, PATCH, DELETE, OPTIONS")
    }

    @Test func aPreflightListsThePathsMethodsToo() throws {
        let server = try APITestServer(security: SecurityPolicy(token: "t", allowedOrigins: ["http://localhost:3000"]))
        let preflight = try server.request("OPTIONS", "/api/v1/contacts/abc/restore", headers: [
            "Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST",
        ])
        #expect(preflight.status == 204)
        #expect(preflight.headers["Access-Control-Allow-Methods"] == "POST, OPTIONS")
    }

    @Test func headAnswersWhereGetDoesWithTheSameHeadersAndNoBody() throws {
        let server = try APITestServer()
        let id = try #require(try server.create(#"{"display_name": "Ana"}"#)["id"]?.stringValue)
        for path in ["/api/v1/contacts", "/api/v1/contacts/\(id)", "/api/v1/status", "/api/v1/openapi.json"] {
            let get = try server.get(path)
            let head = try server.request("HEAD", path)
            #expect(head.status == 200, "\(path)")
            #expect(head.body.isEmpty)
            #expect(head.headers["Content-Length"] == get.headers["Content-Length"], "\(path)")
            #expect(head.headers["ETag"] == get.headers["ETag"])
        }
        let post = try server.request("HEAD", "/api/v1/contacts/\(id)/restore")
        #expect(post.status == 405)
        #expect(post.headers["Allow"] == "POST, OPTIONS")
    }
}
