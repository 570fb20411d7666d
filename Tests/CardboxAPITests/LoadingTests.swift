import HTTPTestSupport
import JSON
import Testing
import CardboxAPI

/// While the folder loads (SPEC §2.3): `/status` answers with `"loading": true`
/// and the counts so far, every other route `503 LOADING` with `Retry-After`.
@Suite("Answers while the folder is loading")
struct LoadingTests {
    @Test func statusSaysLoadingWithTheProgressSoFar() throws {
        let server = try APITestServer(loading: true)
        server.api.reportLoadingProgress(filesRead: 256, filesTotal: 3000)
        let status = try server.get("/api/v1/status")
        #expect(status.status == 200)
        let data = try status.data()
        #expect(data["loading"] == .bool(true))
        #expect(data["files_read"] == .number("256"))
        #expect(data["files_total"] == .number("3000"))
        #expect(data["contacts"] == .number("0"))
    }

    @Test(arguments: ["/api/v1/contacts", "/api/v1/contacts/abc", "/api/v1/openapi.json", "/api/v1/events"])
    func otherRoutesAnswer503WithRetryAfter(path: String) throws {
        let server = try APITestServer(loading: true)
        let response = try server.get(path)
        #expect(response.status == 503)
        #expect(response.errorCode == "LOADING")
        #expect(response.headers["Retry-After"] == "1")
        let write = try server.request("POST", "/api/v1/contacts", body: #"{"display_name": "Ana"}"#)
        #expect(write.status == 503 && write.errorCode == "LOADING")
    }

    @Test func securityAndRoutingStillComeFirst() throws {
        let server = try APITestServer(security: SecurityPolicy(token: "t"), loading: true)
        #expect(try server.get("/api/v1/contacts").status == 401)
        #expect(try server.get("/api/v1/status", headers: ["Host": "evil.example"]).status == 403)
        #expect(try server.get("/api/v1/nothing", headers: ["Authorization": "Bearer t"]).status == 404)
        #expect(try server.get("/api/v1/status", headers: ["Authorization": "Bearer t"]).status == 200)
    }

    @Test func onceLoadedEveryRouteAnswersAndStatusSaysSo() throws {
        let server = try APITestServer(loading: true)
        server.api.finishLoading()
        #expect(try server.get("/api/v1/contacts").status == 200)
        let data = try server.get("/api/v1/status").data()
        #expect(data["loading"] == .bool(false))
        #expect(data["files_read"] == nil)
    }
}
