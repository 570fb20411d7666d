@testable import ContactStore
import JSON
import Testing
import TestSupport
import VCard

/// The packed record the index keeps must give back exactly the contact it packed.
@Suite struct ContactRecordTests {
    @Test func everyFieldRoundTrips() {
        let contact = Contact(
            id: "ignored-by-the-record", displayName: "Ana García", firstName: "Ana", lastName: "",
            emails: [Contact.Email(address: "ana@acme.example", label: .work, primary: true),
                     Contact.Email(address: "a@b.example", label: .personal)],
            phones: [Contact.Phone(number: "+34 612 34 56 78", label: .mobile, primary: true),
                     Contact.Phone(number: "555", label: .home), Contact.Phone(number: "1", label: .work)],
            company: "Acme Labs", jobTitle: nil,
            addresses: [Contact.Address(street: "Calle 1\nPiso 2", city: nil, state: "", postalCode: "28001",
                                        country: "España", label: .work)],
            notes: String(repeating: "long note ✓ ", count: 50), avatarPath: "/tmp/a b.jpg", tags: ["vip", "Golf", ""],
            customFields: [Contact.CustomField(key: "tier", value: .string("gold")),
                           Contact.CustomField(key: "n", value: .number("1.50")),
                           Contact.CustomField(key: "deep", value: .array([.null, .bool(true), .bool(false),
                                                                         .object(JSONObject([.init(key: "k", value: .number("-0"))]))]))],
            source: "import", createdAt: VCardTimestamp(secondsSince1970: -62_135_596_800),
            updatedAt: VCardTimestamp(secondsSince1970: 253_402_300_799), deletedAt: VCardTimestamp(secondsSince1970: 0))
        let decoded = ContactRecord.decode(ContactRecord.encode(contact), id: "the-id")
        var expected = contact
        expected.id = "the-id"
        #expect(decoded == expected)
    }

    @Test func emptyAndExtremeValuesRoundTrip() {
        for seconds: Int64 in [.min, .max, -1, 1, 1 << 40, -(1 << 40)] {
            let contact = Contact(id: "x", displayName: "", customFields: [], source: "",
                                  createdAt: VCardTimestamp(secondsSince1970: seconds),
                                  updatedAt: VCardTimestamp(secondsSince1970: ~seconds))
            #expect(ContactRecord.decode(ContactRecord.encode(contact), id: "x") == contact)
        }
    }

    @Test func randomContactsRoundTrip() {
        var random = SeededGenerator(seed: 7)
        let words = ["", "a", "Ñandú", "名前", "x\\y;z,", String(repeating: "é", count: 200), "👩‍👩‍👧", "\u{0}nul"]
        func text() -> String { (0..<Int.random(in: 0...3, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ") }
        func optional() -> String? { Bool.random(using: &random) ? nil : text() }
        for _ in 0..<500 {
            let contact = Contact(
                id: "id", displayName: text(), firstName: optional(), lastName: optional(),
                emails: (0..<Int.random(in: 0...3, using: &random)).map { _ in
                    Contact.Email(address: text(), label: EmailLabel.allCases.randomElement(using: &random)!, primary: Bool.random(using: &random))
                },
                phones: (0..<Int.random(in: 0...3, using: &random)).map { _ in
                    Contact.Phone(number: text(), label: PhoneLabel.allCases.randomElement(using: &random)!, primary: Bool.random(using: &random))
                },
                company: optional(), jobTitle: optional(),
                addresses: (0..<Int.random(in: 0...2, using: &random)).map { _ in
                    Contact.Address(street: optional(), city: optional(), state: optional(), postalCode: optional(),
                                    country: optional(), label: AddressLabel.allCases.randomElement(using: &random)!)
                },
                notes: optional(), avatarPath: optional(), tags: (0..<Int.random(in: 0...3, using: &random)).map { _ in text() },
                customFields: Bool.random(using: &random) ? nil : (0..<Int.random(in: 0...3, using: &random)).map { _ in
                    Contact.CustomField(key: text(), value: Bool.random(using: &random) ? .string(text()) : .number("\(Int.random(in: -999...999, using: &random))"))
                },
                source: text(), createdAt: VCardTimestamp(secondsSince1970: Int64.random(in: -1 << 50 ... 1 << 50, using: &random)),
                updatedAt: VCardTimestamp(secondsSince1970: Int64.random(in: 0...2_000_000_000, using: &random)),
                deletedAt: Bool.random(using: &random) ? nil : VCardTimestamp(secondsSince1970: Int64.random(in: 0...2_000_000_000, using: &random)))
            #expect(ContactRecord.decode(ContactRecord.encode(contact), id: "id") == contact)
        }
    }
}
