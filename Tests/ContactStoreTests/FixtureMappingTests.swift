import Foundation
import Testing
@testable import ContactStore

/// The contacts of `fixtures/vcard/valid` as `expected.json` describes them
/// (labels and primary flags per SPEC §1.3).
@Suite("Fixtures map to the expected contacts")
struct FixtureMappingTests {
    static var expectations: [[String: Any]] {
        guard let bytes = fixtureBytes("expected.json"),
              let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return [] }
        return (object["valid"] as? [[String: Any]] ?? []).filter { $0["is_contact"] as? Bool != false }
    }

    /// The valid fixtures loaded once for every case.
    static let validStore: ContactStore = {
        let store = ContactStore(directory: fixturesPath("valid"))
        try? store.load()
        return store
    }()

    @Test func folderLoadsEveryValidFixture() throws {
        let status = Self.validStore.status()
        #expect(status.contacts == 37)
        #expect(status.groups == 1)
        #expect(status.problems.isEmpty)
        #expect(status.warnings.isEmpty)
    }

    @Test func brokenFixturesAreProblemsWithLines() throws {
        let store = ContactStore(directory: fixturesPath("broken"))
        try store.load()
        let status = store.status()
        #expect(status.contacts == 0)
        #expect(status.problems.count == fixtureNames("broken").count)
        #expect(status.problems.allSatisfy { $0.line >= 1 && !$0.reason.isEmpty })
    }

    @Test(arguments: expectations.compactMap { $0["file"] as? String })
    func fixtureMapsAsExpected(file: String) throws {
        let expected = try #require(Self.expectations.first { $0["file"] as? String == file })
        let contact = try #require(Self.validStore.entry(String(file.dropLast(4)))).contact
        #expect(contact.displayName == expected["fn"] as? String)
        let emails = (expected["emails"] as? [[String: Any]] ?? []).map {
            Contact.Email(address: $0["address"] as! String, label: EmailLabel(rawValue: $0["label"] as! String)!,
                          primary: $0["primary"] as! Bool)
        }
        #expect(contact.emails == emails)
        let phones = (expected["phones"] as? [[String: Any]] ?? []).map {
            Contact.Phone(number: $0["number"] as! String, label: PhoneLabel(rawValue: $0["label"] as! String)!,
                          primary: $0["primary"] as! Bool)
        }
        #expect(contact.phones == phones)
        if let addresses = expected["addresses"] as? [[String: Any]] {
            func field(_ address: [String: Any], _ key: String) -> String? {
                (address[key] as? String).flatMap { $0.isEmpty ? nil : $0 }
            }
            #expect(contact.addresses == addresses.map {
                Contact.Address(street: field($0, "street"), city: field($0, "city"), state: field($0, "state"),
                                postalCode: field($0, "postal_code"), country: field($0, "country"),
                                label: AddressLabel(rawValue: $0["label"] as! String)!)
            })
        }
        #expect(contact.company == (expected["org"] as? [String])?.first)
        #expect(contact.jobTitle == expected["title"] as? String)
        #expect(contact.notes == expected["note"] as? String)
        if let updated = expected["updated_at"] as? String { #expect(contact.updatedAt.rfc3339 == updated) }
        #expect(contact.avatarPath == nil)
    }
}

func fixturesPath(_ folder: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/vcard/" + folder).path
}
