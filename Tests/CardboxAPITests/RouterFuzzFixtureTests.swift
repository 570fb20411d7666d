import ContactStore
import Foundation
import HTTPServer
import Testing
@testable import CardboxAPI

/// The inputs of the query-string and router fuzzer (Tests/Fuzz/FuzzAPI.swift),
/// seeds and findings, kept in `fixtures/network/api/`: each request target is
/// routed and its query read without a crash, within the parameters' bounds.
@Suite("Router fuzzer inputs stay fixed")
struct RouterFuzzFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/network/api")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test(arguments: inputs)
    func targetIsRoutedAndItsQueryReadWithinBounds(name: String) throws {
        let target = String(decoding: try Data(contentsOf: Self.folder.appendingPathComponent(name)), as: UTF8.self)
        let request = HTTPRequest(method: .get, target: target, headers: ["Host": "localhost"])
        _ = request.host.map(SecurityPolicy.isLoopbackHost)
        _ = LogRedaction.target(target)
        let router = Endpoint.router
        for method in [HTTPMethod.get, .head, .post, .put, .patch, .delete, .options] { _ = router.match(method, path: request.path) }
        guard let query = try? QueryString(request.query) else { return }
        if let contactQuery = try? CardboxAPI.contactQuery(query) {
            #expect((0...1000).contains(contactQuery.limit))
            #expect((0...Int(Int32.max)).contains(contactQuery.offset))
            let result = ContactStore(directory: "/nonexistent").query(contactQuery)
            #expect(result.entries.count <= contactQuery.limit)
        }
        _ = try? CardboxAPI.eventStreamParameters(query)
    }
}
