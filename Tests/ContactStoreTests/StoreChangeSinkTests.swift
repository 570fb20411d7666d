import CardboxAPI
import Dispatch
import Foundation
import JSON
import TestSupport
import Testing
@testable import ContactStore

@Suite("Changes handed to the store's sink")
struct StoreChangeSinkTests {
    /// Records each change and whether the store's writer lock was free when it arrived.
    final class LockProbe: StoreChangeSink, @unchecked Sendable {
        // @unchecked: every field is guarded by `lock`; `store` is set once before any write.
        private let lock = NSLock()
        var store: ContactStore?
        private var received: [(change: StoreChange, writerWasFree: Bool)] = []

        func publish(_ change: StoreChange) {
            let free = store?.writer.withLockIfAvailable { _ in true } ?? false
            lock.lock()
            received.append((change, free))
            lock.unlock()
        }

        var all: [(change: StoreChange, writerWasFree: Bool)] {
            lock.lock()
            defer { lock.unlock() }
            return received
        }
    }

    @Test func everyChangeArrivesOnceInOrderAfterTheWriterLockIsReleased() throws {
        let folder = TemporaryFolder()
        folder.write("hand.vcf", "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Hand\r\nEND:VCARD\r\n")
        let probe = LockProbe()
        let store = ContactStore(directory: folder.path, changes: probe)
        probe.store = store
        try store.load()
        let id = try store.create(ContactInput.creation(JSONParser.parse(#"{"display_name": "Ana"}"#))).entry.id
        _ = try store.update(id: id, ContactInput.update(JSONParser.parse(#"{"notes": "one"}"#)))
        _ = try store.softDelete(id: id)
        _ = try store.restore(id: id)
        folder.write("hand.vcf", "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Hand Edited\r\nEND:VCARD\r\n")
        store.reconcile(fileName: "hand.vcf")
        try store.deletePermanently(id: id)
        let received = probe.all
        let summaries = received.map { "\($0.change.kind.rawValue) \($0.change.contact.id) \($0.change.origin.rawValue)" }
        #expect(summaries == [
            "contact.created \(id) api", "contact.updated \(id) api", "contact.deleted \(id) api",
            "contact.restored \(id) api", "contact.updated hand file", "contact.deleted \(id) api",
        ])
        #expect(received.allSatisfy { $0.writerWasFree })
    }

    @Test func concurrentWritersDeliverEachContactsChangesInTheOrderTheyWereMade() throws {
        let fixture = try StoreFixture()
        let ids = try (0..<4).map { try fixture.create(#"{"display_name": "Writer \#($0)"}"#).id }
        let rounds = 25
        DispatchQueue.concurrentPerform(iterations: ids.count) { writer in
            for round in 0..<rounds {
                _ = try? fixture.patch(ids[writer], #"{"notes": "\#(round)"}"#)
            }
        }
        let updates = fixture.changes.all.filter { $0.kind == .updated }
        #expect(updates.count == ids.count * rounds)
        for id in ids {
            let notes = updates.filter { $0.contact.id == id }.map { $0.contact.notes ?? "" }
            #expect(notes == (0..<rounds).map(String.init))
        }
    }
}
