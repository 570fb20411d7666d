import Foundation
import HTTPTestSupport
import JSON
import Testing

@Suite("POST /contacts/:id/merge over a real socket")
struct MergeEndpointTests {
    func id(_ object: JSONObject) throws -> String { try #require(object["id"]?.stringValue) }

    func event(_ client: WebSocketTestClient) throws -> JSONObject {
        let text = try #require(try client.nextText(), "the stream ended")
        return try #require(try JSONParser.parse(text).objectValue)
    }

    @Test("Merging answers the enriched contact, trashes the others with one event each, and restore brings them back")
    func mergeAndRestore() throws {
        let server = try APITestServer()
        let ana = try id(server.create(#"{"display_name": "Ana García", "emails": [{"address": "ana@acme.example"}]}"#))
        let copy = try id(server.create(#"{"first_name": "Ana", "emails": [{"address": "ANA@acme.example"}, {"address": "ana@home.example"}], "phones": [{"number": "+34 612 34 56 78"}], "company": "Acme", "tags": ["vip"], "custom_fields": {"tier": "gold"}}"#))
        let events = try WebSocketTestClient(port: server.port, target: "/api/v1/events")

        let response = try server.request("POST", "/api/v1/contacts/\(ana)/merge", body: #"{"from": ["\#(copy)"]}"#)
        #expect(response.status == 200, "\(response.text)")
        let merged = try response.data()
        #expect(merged["emails"]?.arrayValue?.compactMap { $0.objectValue?["address"]?.stringValue } == ["ana@acme.example", "ana@home.example"])
        #expect(merged["phones"]?.arrayValue?.count == 1)
        #expect(merged["company"] == .string("Acme"))
        #expect(merged["first_name"] == .string("Ana"))
        #expect(merged["tags"] == .array([.string("vip")]))
        #expect(merged["custom_fields"]?.objectValue?["tier"] == .string("gold"))
        #expect(response.headers["ETag"] != nil)

        let first = try event(events)
        let second = try event(events)
        #expect(first["type"] == .string("contact.updated"))
        #expect(first["id"] == .string(ana))
        #expect(second["type"] == .string("contact.deleted"))
        #expect(second["id"] == .string(copy))
        #expect(second["permanent"] == .bool(false))

        #expect(try server.get("/api/v1/contacts/\(copy)").status == 404)
        #expect(try server.request("POST", "/api/v1/contacts/\(copy)/restore").status == 200)
        #expect(try server.get("/api/v1/contacts/\(copy)").status == 200)
        #expect(try server.get("/api/v1/contacts/\(ana)").data()["company"] == .string("Acme"))
    }

    @Test("A dry run answers the same contact and changes nothing")
    func dryRun() throws {
        let server = try APITestServer()
        let ana = try id(server.create(#"{"display_name": "Ana"}"#))
        let copy = try id(server.create(#"{"display_name": "Ana", "job_title": "CTO"}"#))
        let response = try server.request("POST", "/api/v1/contacts/\(ana)/merge?dry_run=true", body: #"{"from": ["\#(copy)"]}"#)
        #expect(response.status == 200)
        #expect(try response.data()["job_title"] == .string("CTO"))
        #expect(try server.get("/api/v1/contacts/\(ana)").data()["job_title"] == .null)
        #expect(try server.get("/api/v1/contacts/\(copy)").status == 200)
    }

    @Test("Bad bodies are 422 naming the field, bad ids 404, bad parameters 400", arguments: [
        (#"{}"#, 422, "from"), (#"{"from": []}"#, 422, "from"), (#"{"from": "x"}"#, 422, "from"),
        (#"{"from": [1]}"#, 422, "from[0]"), (#"{"from": ["SELF"]}"#, 422, "from[0]"),
        (#"{"from": ["OTHER", "OTHER"]}"#, 422, "from[1]"), (#"{"from": ["nobody"]}"#, 422, "from[0]"),
        (#"{"from": ["OTHER"], "into": "x"}"#, 422, "into"), (#"["OTHER"]"#, 422, ""), (#"{"from": ["OTHER"]"#, 400, ""),
    ])
    func badRequests(body: String, status: Int, field: String) throws {
        let server = try APITestServer()
        let target = try id(server.create(#"{"display_name": "Ana"}"#))
        let other = try id(server.create(#"{"display_name": "Ana"}"#))
        let text = body.replacingOccurrences(of: "SELF", with: target).replacingOccurrences(of: "OTHER", with: other)
        let response = try server.request("POST", "/api/v1/contacts/\(target)/merge", body: text)
        #expect(response.status == status, "\(response.text)")
        if status == 422 { #expect(response.errorFields == [field]) }
        #expect(try server.get("/api/v1/contacts/\(other)").status == 200)
    }

    @Test("An unknown target is 404, an unknown parameter 400, a non-JSON body 415")
    func otherErrors() throws {
        let server = try APITestServer()
        let other = try id(server.create(#"{"display_name": "Ana"}"#))
        #expect(try server.request("POST", "/api/v1/contacts/nobody/merge", body: #"{"from": ["\#(other)"]}"#).status == 404)
        let target = try id(server.create(#"{"display_name": "Ana"}"#))
        #expect(try server.request("POST", "/api/v1/contacts/\(target)/merge?force=1", body: #"{"from": ["\#(other)"]}"#).status == 400)
        #expect(try server.request("POST", "/api/v1/contacts/\(target)/merge", body: "from=x", contentType: "text/plain").status == 415)
    }
}
