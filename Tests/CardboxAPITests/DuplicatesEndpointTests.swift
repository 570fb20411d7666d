import Foundation
import HTTPTestSupport
import JSON
import Testing

@Suite("GET /duplicates over a real socket")
struct DuplicatesEndpointTests {
    func groups(_ server: APITestServer, _ query: String = "") throws -> (groups: [JSONObject], meta: JSONObject) {
        let response = try server.get("/api/v1/duplicates" + query)
        #expect(response.status == 200, "\(response.text)")
        let object = try #require(response.json.objectValue)
        return (object["data"]?.arrayValue?.compactMap(\.objectValue) ?? [], try #require(object["meta"]?.objectValue))
    }

    func number(_ value: JSONValue?) -> String? {
        if case .number(let text) = value { return text }
        return nil
    }

    @Test("The same person created twice is one group with its score and reasons, and follows later changes")
    func groupsFollowChanges() throws {
        let server = try APITestServer()
        let ana = try server.create(#"{"display_name": "Ana García", "emails": [{"address": "ana@acme.example"}], "phones": [{"number": "+34 612 34 56 78"}]}"#)
        let copy = try server.create(#"{"first_name": "ana", "last_name": "garcia", "emails": [{"address": "ANA@Acme.example"}], "phones": [{"number": "0034612345678"}]}"#)
        try server.create(#"{"display_name": "Ana López", "emails": [{"address": "ana.lopez@acme.example"}]}"#)
        let first = try groups(server)
        try #require(first.groups.count == 1)
        let group = first.groups[0]
        let ids = try [ana, copy].map { try #require($0["id"]?.stringValue) }
        #expect(group["ids"]?.arrayValue?.compactMap(\.stringValue) == ids.sorted())
        #expect(number(group["score"]) == "0.99")
        #expect(group["reasons"]?.arrayValue?.compactMap(\.stringValue) == ["same email ana@acme.example", "same phone +34612345678", "same name"])
        #expect(number(first.meta["total"]) == "1")
        #expect(first.meta["has_more"] == .bool(false))

        let deleted = try server.request("DELETE", "/api/v1/contacts/\(ids[1])")
        #expect(deleted.status == 200)
        #expect(try groups(server).groups.isEmpty)
        #expect(try server.request("POST", "/api/v1/contacts/\(ids[1])/restore").status == 200)
        #expect(try groups(server).groups.count == 1)
    }

    @Test("Groups are paged with limit and offset like contacts")
    func paging() throws {
        let server = try APITestServer()
        for index in 0..<5 {
            for _ in 0..<2 { try server.create(#"{"display_name": "Person \#(index)", "emails": [{"address": "p\#(index)@example.org"}]}"#) }
        }
        let page = try groups(server, "?limit=2&offset=3")
        #expect(page.groups.count == 2)
        #expect(number(page.meta["total"]) == "5")
        #expect(number(page.meta["limit"]) == "2")
        #expect(number(page.meta["offset"]) == "3")
        #expect(page.meta["has_more"] == .bool(false))
        #expect(try groups(server, "?limit=2").meta["has_more"] == .bool(true))
    }

    @Test("Bad or unknown query parameters are refused", arguments: ["?limit=1001", "?offset=-1", "?limit=abc", "?sort=score"])
    func badParameters(query: String) throws {
        let server = try APITestServer()
        let response = try server.get("/api/v1/duplicates" + query)
        #expect(response.status == 400)
        #expect(response.errorCode == "BAD_REQUEST")
    }
}
