import JSON
import Testing
@testable import CardboxAPI

@Suite("The OpenAPI document matches the routes")
struct OpenAPIDocumentTests {
    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws {
        let document = try JSONParser.parse(OpenAPIDocument.bytes)
        #expect(document.objectValue?["openapi"] == .string("3.1.0"))
        let paths = try #require(document.objectValue?["paths"]?.objectValue)
        var documented = Set<String>()
        let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        for member in paths.members {
            for operation in member.value.objectValue?.members ?? [] where methods.contains(operation.key) {
                documented.insert(operation.key.uppercased() + " " + member.key)
            }
        }
        let routed = Set(Endpoint.router.routes.map { $0.method.rawValue + " " + $0.openAPIPath })
        #expect(routed == documented, "only routed: \(routed.subtracting(documented)), only documented: \(documented.subtracting(routed))")
    }

    @Test func everyReferenceResolves() throws {
        let text = OpenAPIDocument.text
        let document = try JSONParser.parse(text)
        var references: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let object):
                for member in object.members {
                    if member.key == "$ref", let target = member.value.stringValue { references.append(target) } else { collect(member.value) }
                }
            case .array(let array): array.forEach(collect)
            default: break
            }
        }
        collect(document)
        #expect(!references.isEmpty)
        for reference in references {
            var node: JSONValue? = document
            for part in reference.dropFirst(2).split(separator: "/") { node = node?.objectValue?[String(part)] }
            #expect(node != nil, "unresolved \(reference)")
        }
    }

    @Test func theServerURLIsRelativeSoTheDocumentHoldsOnAnyHostAndPort() throws {
        let document = try JSONParser.parse(OpenAPIDocument.bytes)
        let servers = try #require(document.objectValue?["servers"]?.arrayValue)
        #expect(servers.map { $0.objectValue?["url"] } == [.string("/")])
    }

    @Test func everyErrorCodeTheAPIAnswersWithIsInTheErrorSchema() throws {
        let document = try JSONParser.parse(OpenAPIDocument.bytes)
        let error = document.objectValue?["components"]?.objectValue?["schemas"]?.objectValue?["Error"]
        let inner = error?.objectValue?["properties"]?.objectValue?["error"]
        let codes = try #require(inner?.objectValue?["properties"]?.objectValue?["code"]?.objectValue?["enum"]?.arrayValue)
        for status in [400, 401, 403, 404, 405, 408, 409, 412, 413, 415, 422, 431, 500, 501, 505] {
            #expect(codes.contains(.string(APIError.code(forStatus: status))), "status \(status)")
        }
    }
}
