import CardboxAPI
import Foundation
import HTTPTestSupport
import Testing

@Suite("Control characters through the API")
struct ControlCharacterTests {
    @Test func aNULInABodyIs422NamingTheFieldAndNothingIsWritten() throws {
        let server = try APITestServer()
        let created = try server.request("POST", "/api/v1/contacts", body: #"{"display_name": "Ana", "notes": "a\u0000b"}"#)
        #expect(created.status == 422 && created.errorCode == "VALIDATION_ERROR" && created.errorFields == ["notes"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: server.directory).isEmpty)

        let id = try #require(try server.create(#"{"display_name": "Ana"}"#)["id"]?.stringValue)
        let before = try String(contentsOfFile: server.directory + "/\(id).vcf", encoding: .utf8)
        let patched = try server.request("PATCH", "/api/v1/contacts/\(id)", body: #"{"company": "Acme\u001b", "tags": ["\u0007"]}"#)
        #expect(patched.status == 422 && patched.errorFields == ["company", "tags[0]"])
        #expect(try String(contentsOfFile: server.directory + "/\(id).vcf", encoding: .utf8) == before)
    }

    @Test func multiLineNotesAreStoredAndReadBack() throws {
        let server = try APITestServer()
        let created = try server.create(#"{"display_name": "Ana", "notes": "first\tline\nsecond line"}"#)
        #expect(created["notes"]?.stringValue == "first\tline\nsecond line")
    }
}
