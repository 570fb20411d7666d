import Foundation
import Testing
import VCard
@testable import ContactStore

/// The files of `fixtures/vcard/charsets` (legacy charsets and base64 text, SPEC §1.2)
/// map to contacts with their text decoded, and keep it when Cardbox rewrites them.
@Suite("Legacy charsets and base64 text map and convert")
struct CharsetFixtureTests {
    static var expectations: [[String: Any]] {
        guard let bytes = fixtureBytes("expected.json"),
              let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return [] }
        return object["charsets"] as? [[String: Any]] ?? []
    }

    static var fileNames: [String] { expectations.compactMap { $0["file"] as? String } }

    /// The contact's fields that the fixture's expectations name.
    func check(_ contact: Contact, against expected: [String: Any], file: String) {
        #expect(contact.displayName == expected["fn"] as? String, "\(file)")
        if let n = expected["n"] as? [String] {
            #expect(contact.lastName == n.first.flatMap { $0.isEmpty ? nil : $0 }, "\(file)")
            #expect(contact.firstName == (n.count > 1 && !n[1].isEmpty ? n[1] : nil), "\(file)")
        }
        #expect(contact.company == (expected["org"] as? [String])?.first, "\(file)")
        #expect(contact.notes == expected["note"] as? String, "\(file)")
        #expect(contact.emails.map(\.address) == (expected["emails"] as? [[String: Any]] ?? []).map { $0["address"] as? String ?? "" })
        if let addresses = expected["addresses"] as? [[String: Any]] {
            #expect(contact.addresses.map(\.street) == addresses.map { $0["street"] as? String })
            #expect(contact.addresses.map(\.city) == addresses.map { $0["city"] as? String })
        }
    }

    @Test func folderLoadsEveryCharsetFixtureAsOneContact() throws {
        let store = ContactStore(directory: fixturesPath("charsets"))
        try store.load()
        let status = store.status()
        #expect(status.contacts == Self.fileNames.count)
        #expect(status.problems.isEmpty)
        for expected in Self.expectations {
            let file = try #require(expected["file"] as? String)
            let contact = try #require(store.entry(String(file.dropLast(4))), "\(file)").contact
            check(contact, against: expected, file: file)
            #expect(contact.jobTitle == expected["title"] as? String, "\(file)")
        }
    }

    /// A write converts a 2.1 card to 4.0 (or rewrites one line of a 3.0 card):
    /// the decoded text is what the file then holds, and it reads back the same.
    @Test(arguments: fileNames)
    func rewrittenFileKeepsTheDecodedText(file: String) throws {
        let expected = try #require(Self.expectations.first { $0["file"] as? String == file })
        let bytes = try #require(fixtureBytes("charsets/\(file)"))
        let fixture = try StoreFixture(byteFiles: [file: bytes])
        let id = String(file.dropLast(4))
        let before = try #require(fixture.store.entry(id)).contact
        let outcome = try fixture.patch(id, #"{"job_title": "Patched"}"#)

        let written = try #require(fixture.folder.value.read(file))
        let text = String(decoding: written, as: UTF8.self)
        #expect(text.contains("TITLE:Patched\r\n"))
        // A 2.1 card is converted whole to UTF-8 4.0; a 3.0 card keeps its other lines as they were (SPEC §1.1).
        if expected["version"] as? String == "2.1" {
            #expect(written.withUnsafeBufferPointer { UTF8Validation.isValid($0) }, "\(file) is not UTF-8 after the write")
            #expect(text.contains("VERSION:4.0\r\n"))
            #expect(text.contains("\r\nFN:\(VCardEscaping.escape(try #require(expected["fn"] as? String), semicolons: false))\r\n"))
        }
        if expected["charset"] as? String == "X-EXAMPLE-LEGACY" {
            #expect(text.contains("NOTE;CHARSET=X-EXAMPLE-LEGACY;ENCODING=b:R3LDvMOfZSBhdXMgS8O2bG4=\r\n"))
        }

        let reloaded = ContactStore(directory: fixture.path)
        try reloaded.load()
        let after = try #require(reloaded.entry(id)).contact
        check(after, against: expected, file: file)
        var unchanged = before
        unchanged.jobTitle = "Patched"
        unchanged.updatedAt = outcome.entry.contact.updatedAt
        #expect(after == unchanged, "\(file)")
    }
}
