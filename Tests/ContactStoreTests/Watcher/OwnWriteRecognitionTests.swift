import CardboxAPI
import JSON
import Testing
@testable import ContactStore

/// Cardbox's own writes are recognised by the fingerprint the store indexed when
/// it wrote them (inode, size, mtime, hash of the bytes): the watcher does not
/// parse them again, and a hand edit right after one is still its own event.
@Suite("Own writes", .serialized)
struct OwnWriteRecognitionTests {
    @Test func anOwnWriteIsNotReadAgainAsAContact() throws {
        let watched = try WatchedFolder()
        let created = try watched.store.create(ContactInput.creation(JSONParser.parse(#"{"display_name": "Ana"}"#))).entry
        let patched = try watched.store.update(id: created.id, ContactInput.update(JSONParser.parse(#"{"company": "Acme"}"#)))
        watched.settle()
        #expect(watched.takeEvents() == ["contact.created \(created.id) api", "contact.updated \(created.id) api"])
        // What the write indexed is still in the index: the watcher saw the
        // fingerprint it recorded and reported nothing more.
        let indexed = try #require(watched.store.entry(created.id))
        #expect(indexed.file == patched.entry.file)
        #expect(indexed.contact == patched.entry.contact)
    }

    /// The quiet period is widened so the hand edit surely falls in the same batch
    /// as the own write. The edit keeps the size and is made in place (same inode,
    /// and often the same mtime tick), so only the hash of the bytes tells it apart.
    @Test func aHandEditRightAfterAnOwnWriteIsItsOwnEvent() throws {
        let watched = try WatchedFolder(quietPeriod: .milliseconds(200), maximumDelay: .milliseconds(400))
        let created = try watched.store.create(ContactInput.creation(JSONParser.parse(#"{"display_name": "Ana"}"#))).entry
        watched.settle()
        _ = watched.takeEvents()
        _ = try watched.store.update(id: created.id, ContactInput.update(JSONParser.parse(#"{"company": "Acme"}"#)))
        let text = String(decoding: try #require(watched.folder.value.read(created.fileName)), as: UTF8.self)
        let edited = text.replacingOccurrences(of: "ORG:Acme", with: "ORG:Acne")
        #expect(edited.utf8.count == text.utf8.count)
        watched.write(created.fileName, edited)
        watched.settle()
        #expect(watched.takeEvents() == ["contact.updated \(created.id) api", "contact.updated \(created.id) file"])
        #expect(watched.store.entry(created.id)?.contact.company == "Acne")
    }
}
