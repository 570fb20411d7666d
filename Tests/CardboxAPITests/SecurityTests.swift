@testable import CardboxAPI
import HTTPTestSupport
import Testing

@Suite("Security (SPEC §2.6)")
struct SecurityTests {
    @Test func tokenIsRequiredOnEveryAPIRequest() throws {
        let server = try APITestServer(security: SecurityPolicy(token: "s3cret"))
        let missing = try server.get("/api/v1/status")
        #expect(missing.status == 401 && missing.errorCode == "UNAUTHORIZED")
        #expect(missing.headers["WWW-Authenticate"] == "Bearer")
        #expect(try server.get("/api/v1/status", headers: ["Authorization": "Bearer wrong"]).status == 401)
        #expect(try server.get("/api/v1/status", headers: ["Authorization": "Bearer s3cret"]).status == 200)
        #expect(try server.get("/api/v1/status", headers: ["Authorization": "bearer s3cret"]).status == 200)
        #expect(try server.get("/api/v1/nothing").status == 401)
    }

    @Test func hostOutsideLoopbackIsRefused() throws {
        let server = try APITestServer()
        for host in ["evil.example", "127.0.0.1.evil.example", "localhost.evil", "10.0.0.1"] {
            let response = try server.get("/api/v1/status", headers: ["Host": host])
            #expect(response.status == 403 && response.errorCode == "FORBIDDEN", "\(host)")
        }
        for host in ["localhost", "127.0.0.1:8080", "[::1]:9", "LOCALHOST:1"] {
            #expect(try server.get("/api/v1/status", headers: ["Host": host]).status == 200, "\(host)")
        }
    }

    @Test func originsAndCORS() throws {
        let server = try APITestServer(security: SecurityPolicy(token: "t", allowedOrigins: ["http://localhost:3000"]))
        let foreign = try server.get("/api/v1/status", headers: ["Origin": "http://evil.example", "Authorization": "Bearer t"])
        #expect(foreign.status == 403)
        #expect(foreign.headers["Access-Control-Allow-Origin"] == nil)
        let allowed = try server.get("/api/v1/status", headers: ["Origin": "http://localhost:3000", "Authorization": "Bearer t"])
        #expect(allowed.status == 200)
        #expect(allowed.headers["Access-Control-Allow-Origin"] == "http://localhost:3000")
        let preflight = try server.request("OPTIONS", "/api/v1/contacts", headers: [
            "Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization",
        ])
        #expect(preflight.status == 204)
        // Only the path's methods (issue 9: OPTIONS advertised every method on every path).
        #expect(preflight.headers["Access-Control-Allow-Methods"] == "GET, HEAD, POST, OPTIONS")
        #expect(preflight.headers["Access-Control-Allow-Headers"]?.contains("Authorization") == true)
        #expect(try server.request("OPTIONS", "/api/v1/contacts", headers: ["Origin": "http://evil.example"]).status == 403)
    }

    @Test func policyHelpers() {
        #expect(SecurityPolicy.constantTimeEquals("abc", "abc"))
        #expect(!SecurityPolicy.constantTimeEquals("abc", "abd"))
        #expect(!SecurityPolicy.constantTimeEquals("abc", "abcd"))
        #expect(!SecurityPolicy.constantTimeEquals("", "a"))
        #expect(SecurityPolicy.isLoopbackHost("localhost.") && SecurityPolicy.isLoopbackHost("[::1]"))
        #expect(!SecurityPolicy.isLoopbackHost("[::1]x") && !SecurityPolicy.isLoopbackHost("localhost:80x"))
    }
}
