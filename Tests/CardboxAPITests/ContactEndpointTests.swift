import CardboxAPI
import Foundation
import HTTPTestSupport
import JSON
import Testing

@Suite("Contact endpoints over real sockets (SPEC §2.3)")
struct ContactEndpointTests {
    static let ana = """
    {"display_name": "Ana García", "first_name": "Ana", "last_name": "García",
     "emails": [{"address": "ana@acme-labs.example", "label": "work", "primary": true}],
     "phones": [{"number": "+34612345678", "label": "mobile", "primary": true}],
     "company": "Acme Labs", "job_title": "Head of Partnerships", "tags": ["partnership"]}
    """

    @Test func createThenReadBackTheReferenceExample() throws {
        let server = try APITestServer()
        let created = try server.request("POST", "/api/v1/contacts", body: Self.ana)
        #expect(created.status == 201)
        let contact = try created.data()
        let id = try #require(contact["id"]?.stringValue)
        #expect(created.headers["Location"] == "/api/v1/contacts/\(id)")
        #expect(created.headers["ETag"]?.hasPrefix("\"") == true)
        #expect(contact.keys == ["id", "display_name", "first_name", "last_name", "emails", "phones", "company", "job_title", "addresses",
                                 "notes", "avatar_path", "tags", "custom_fields", "source", "created_at", "updated_at", "deleted_at"])
        #expect(contact["display_name"] == .string("Ana García"))
        #expect(contact["emails"] == (try JSONParser.parse(#"[{"address":"ana@acme-labs.example","label":"work","primary":true}]"#)))
        #expect(contact["source"] == .string("api") && contact["deleted_at"] == .null && contact["custom_fields"] == .null)
        let read = try server.get("/api/v1/contacts/\(id)")
        #expect(read.status == 200)
        #expect(read.body == created.body)
        #expect(read.headers["ETag"] == created.headers["ETag"])
        #expect(FileManager.default.fileExists(atPath: server.directory + "/\(id).vcf"))
    }

    @Test func listEnvelopeAndCompactFormat() throws {
        let server = try APITestServer()
        try server.create(Self.ana)
        try server.create(#"{"display_name": "Bob", "emails": [{"address": "b1@x.io"}, {"address": "b2@x.io", "primary": true}]}"#)
        let list = try server.get("/api/v1/contacts")
        #expect(list.status == 200)
        let object = try #require(list.json.objectValue)
        #expect(object["data"]?.arrayValue?.count == 2)
        #expect(object["meta"] == (try JSONParser.parse(#"{"total":2,"limit":20,"offset":0,"has_more":false}"#)))
        let compact = try server.get("/api/v1/contacts?format=compact&limit=1&offset=1")
        let items = try #require(compact.json.objectValue?["data"]?.arrayValue)
        #expect(items.count == 1)
        let bob = try #require(items.first?.objectValue)
        #expect(bob.keys == ["id", "display_name", "email"])
        #expect(bob["email"] == .string("b2@x.io"))
        #expect(compact.json.objectValue?["meta"]?.objectValue?["has_more"] == .bool(false))
        #expect(!compact.text.contains(" ") || !compact.text.contains(": "))
        let single = try server.get("/api/v1/contacts/\(try #require(bob["id"]?.stringValue))?format=compact")
        #expect(try single.data().keys == ["id", "display_name", "emails", "source", "created_at", "updated_at"])
    }

    @Test func patchCustomDeleteRestoreAndPermanentDelete() throws {
        let server = try APITestServer()
        let id = try #require(try server.create(Self.ana)["id"]?.stringValue)
        let base = "/api/v1/contacts/\(id)"
        let patched = try server.request("PATCH", base, body: #"{"job_title": null, "tags": ["a", "b"]}"#)
        #expect(patched.status == 200)
        #expect(try patched.data()["job_title"] == .null)
        let custom = try server.request("PATCH", base + "/custom", body: #"{"tier": "gold", "n": 1}"#)
        #expect(try custom.data()["custom_fields"] == (try JSONParser.parse(#"{"n":1,"tier":"gold"}"#)))
        let custom2 = try server.request("PATCH", base + "/custom", body: #"{"tier": null}"#)
        #expect(try custom2.data()["custom_fields"] == (try JSONParser.parse(#"{"n":1}"#)))

        let deleted = try server.request("DELETE", base)
        #expect(deleted.status == 200)
        #expect(try deleted.data()["deleted_at"]?.stringValue != nil)
        #expect(try server.get(base).status == 404)
        #expect(try server.request("DELETE", base).status == 404)
        #expect(try server.request("PATCH", base, body: #"{"notes": "x"}"#).status == 404)
        #expect(try server.get("/api/v1/contacts?only_deleted=true").json.objectValue?["meta"]?.objectValue?["total"] == .number("1"))
        let restored = try server.request("POST", base + "/restore")
        #expect(restored.status == 200)
        #expect(try restored.data()["deleted_at"] == .null)
        let again = try server.request("POST", base + "/restore")
        #expect(again.status == 409 && again.errorCode == "CONFLICT")
        let gone = try server.request("DELETE", base + "?permanent=true")
        #expect(gone.status == 204 && gone.body.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: server.directory + "/\(id).vcf"))
        #expect(try server.request("DELETE", base + "?permanent=true").status == 404)
    }

    @Test func permanentDeleteEmptiesTheTrash() throws {
        let server = try APITestServer()
        let id = try #require(try server.create(Self.ana)["id"]?.stringValue)
        #expect(try server.request("DELETE", "/api/v1/contacts/\(id)").status == 200)
        #expect(try server.request("DELETE", "/api/v1/contacts/\(id)?permanent=1").status == 204)
        #expect(try server.get("/api/v1/status").data()["deleted"] == .number("0"))
    }

    @Test func ifMatchAndETags() throws {
        let server = try APITestServer()
        let created = try server.request("POST", "/api/v1/contacts", body: Self.ana)
        let id = try #require(try created.data()["id"]?.stringValue)
        let etag = try #require(created.headers["ETag"])
        let stale = try server.request("PATCH", "/api/v1/contacts/\(id)", headers: ["If-Match": "\"0000000000000000\""], body: #"{"notes": "x"}"#)
        #expect(stale.status == 412 && stale.errorCode == "PRECONDITION_FAILED")
        let fresh = try server.request("PATCH", "/api/v1/contacts/\(id)", headers: ["If-Match": etag], body: #"{"notes": "x"}"#)
        #expect(fresh.status == 200)
        #expect(fresh.headers["ETag"] != etag)
        #expect(try server.request("DELETE", "/api/v1/contacts/\(id)", headers: ["If-Match": etag]).status == 412)
        let notModified = try server.get("/api/v1/contacts/\(id)", headers: ["If-None-Match": try #require(fresh.headers["ETag"])])
        #expect(notModified.status == 304)
    }

    @Test func headAnswersLikeGetWithoutBody() throws {
        let server = try APITestServer()
        let id = try #require(try server.create(Self.ana)["id"]?.stringValue)
        let get = try server.get("/api/v1/contacts/\(id)")
        let head = try server.request("HEAD", "/api/v1/contacts/\(id)")
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(head.headers["Content-Length"] == String(get.body.count))
        #expect(head.headers["ETag"] == get.headers["ETag"])
    }

    @Test func statusAndOpenAPI() throws {
        let server = try APITestServer(files: ["bad.vcf": "BEGIN:VCARD\r\nFN:x\r\n", "g.vcf": "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:group\r\nFN:G\r\nEND:VCARD\r\n"])
        try server.create(Self.ana)
        let status = try server.get("/api/v1/status").data()
        #expect(status["contacts"] == .number("1") && status["deleted"] == .number("0") && status["groups"] == .number("1"))
        #expect(status["problems"] == (try JSONParser.parse(#"[{"file":"bad.vcf","line":2,"reason":"file ends before END:VCARD (card began on line 1)"}]"#)))
        #expect(status["watching"] == .bool(true) && status["version"]?.stringValue != nil)
        let document = try server.get("/api/v1/openapi.json")
        #expect(document.status == 200)
        #expect(document.json.objectValue?["openapi"] == .string("3.1.0"))
    }
}
