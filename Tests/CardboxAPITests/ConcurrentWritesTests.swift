import ContactStore
import Dispatch
import Foundation
import HTTPTestSupport
import JSON
import Testing

@Suite("Parallel clients")
struct ConcurrentWritesTests {
    @Test func thirtyTwoClientsCreatingAndPatchingEndWithEveryFileValidAndEveryChangePresent() throws {
        let server = try APITestServer()
        let failures = ConcurrentFailures()
        DispatchQueue.concurrentPerform(iterations: 32) { client in
            do {
                for round in 0..<5 {
                    let contact = try server.create(#"{"display_name": "Client \#(client) round \#(round)", "tags": ["c\#(client)"]}"#)
                    guard let id = contact["id"]?.stringValue else { throw HTTPTestClientError(description: "no id") }
                    let patched = try server.request("PATCH", "/api/v1/contacts/\(id)", body: #"{"notes": "patched by \#(client)/\#(round)"}"#)
                    guard patched.status == 200 else { throw HTTPTestClientError(description: "patch: \(patched.status) \(patched.text)") }
                }
            } catch {
                failures.add("\(client): \(error)")
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        let reloaded = ContactStore(directory: server.directory)
        try reloaded.load()
        let status = reloaded.status()
        #expect(status.contacts == 160 && status.problems.isEmpty)
        var query = ContactQuery()
        query.limit = 1000
        let notes = Set(reloaded.query(query).entries.compactMap(\.contact.notes))
        for client in 0..<32 { for round in 0..<5 { #expect(notes.contains("patched by \(client)/\(round)")) } }
    }
}

final class ConcurrentFailures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ text: String) { lock.lock(); items.append(text); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
