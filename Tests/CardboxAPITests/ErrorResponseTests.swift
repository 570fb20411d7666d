import Foundation
import HTTPTestSupport
import Testing

@Suite("Every error in the envelope with the right code (SPEC §2.1)")
struct ErrorResponseTests {
    @Test func unknownRoutesAndMethods() throws {
        let server = try APITestServer()
        let missing = try server.get("/api/v1/nothing-here")
        #expect(missing.status == 404 && missing.errorCode == "NOT_FOUND")
        #expect(try server.get("/").errorCode == "NOT_FOUND")
        let method = try server.request("PUT", "/api/v1/contacts", body: "{}")
        #expect(method.status == 405 && method.errorCode == "METHOD_NOT_ALLOWED")
        #expect(method.headers["Allow"] == "GET, HEAD, POST, OPTIONS")
        #expect(try server.get("/api/v1/contacts/nope").errorCode == "NOT_FOUND")
        #expect(try server.get("/api/v1/contacts/..%2F..%2Fetc%2Fpasswd").status == 404)
        #expect(try server.get("/api/v1/contacts/.hidden").status == 404)
    }

    @Test(arguments: ["limit=1001", "limit=-1", "limit=x", "offset=-5", "sort=name", "order=up", "include_deleted=yes", "only_deleted=1&include_deleted=yes", "format=full",
                      "bogus=1", "limit=1&limit=2", "search=%zz"])
    func badQueryParametersAre400(query: String) throws {
        let server = try APITestServer()
        let response = try server.get("/api/v1/contacts?\(query)")
        #expect(response.status == 400)
        #expect(response.errorCode == "BAD_REQUEST")
    }

    @Test func bodiesMalformedWrongTypeAndInvalid() throws {
        let server = try APITestServer()
        let malformed = try server.request("POST", "/api/v1/contacts", body: #"{"display_name": "#)
        #expect(malformed.status == 400 && malformed.errorCode == "BAD_REQUEST")
        let wrongType = try server.request("POST", "/api/v1/contacts", body: #"{"display_name": "x"}"#, contentType: "text/plain")
        #expect(wrongType.status == 415 && wrongType.errorCode == "UNSUPPORTED_MEDIA_TYPE")
        let withCharset = try server.request("POST", "/api/v1/contacts", headers: ["Content-Type": "application/json; charset=utf-8"],
                                             body: #"{"display_name": "x"}"#)
        #expect(withCharset.status == 201)
        let invalid = try server.request("POST", "/api/v1/contacts", body: #"{"emails": [{"address": "nope", "label": "home"}], "id": "x"}"#)
        #expect(invalid.status == 422 && invalid.errorCode == "VALIDATION_ERROR")
        #expect(invalid.errorFields == ["id", "emails[0].address", "emails[0].label", "display_name"])
        let hostile = try server.request("POST", "/api/v1/contacts", body: String(repeating: "[", count: 50_000))
        #expect(hostile.status == 400)
    }

    @Test func limitsOfTheHTTPLayerUseTheEnvelope() throws {
        let server = try APITestServer()
        let big = try server.request("POST", "/api/v1/contacts", body: String(repeating: "x", count: 1_048_577))
        #expect(big.status == 413 && big.errorCode == "PAYLOAD_TOO_LARGE")
        let headers = try server.get("/api/v1/status", headers: ["X-Big": String(repeating: "a", count: 17_000)])
        #expect(headers.status == 431 && headers.errorCode == "HEADERS_TOO_LARGE")
        #expect(try server.get("/api/v1/status").status == 200)
    }
}

@Suite("Server-side failures")
struct InternalErrorTests {
    @Test func aFolderThatVanishedGivesInternalErrorAndTheServerStaysUp() throws {
        let server = try APITestServer()
        try FileManager.default.removeItem(atPath: server.directory)
        let failed = try server.request("POST", "/api/v1/contacts", body: #"{"display_name": "Nowhere"}"#)
        #expect(failed.status == 500 && failed.errorCode == "INTERNAL_ERROR")
        #expect(try server.get("/api/v1/status").status == 200)
    }
}
