import JSON
import Testing
import VCard
@testable import ContactStore

/// Maps an inline card (lines joined with CRLF) to a contact.
func contact(_ lines: String..., id: String = "test-id", mtime: Int64 = 1_700_000_000) throws -> Contact {
    let card = try #require(try VCardReader.read(Array((lines.joined(separator: "\r\n") + "\r\n").utf8)).first)
    return Contact(card: card, id: id, fileModified: VCardTimestamp(secondsSince1970: mtime))
}

@Suite("vCard → contact, every row of SPEC §1.3")
struct ContactMappingTests {
    @Test func displayNameFallbackChain() throws {
        #expect(try contact("BEGIN:VCARD", "VERSION:4.0", "FN:Ana García", "END:VCARD").displayName == "Ana García")
        #expect(try contact("BEGIN:VCARD", "VERSION:4.0", "N:García;Ana;;;", "END:VCARD").displayName == "Ana García")
        #expect(try contact("BEGIN:VCARD", "VERSION:4.0", "N:García;;;;", "ORG:Acme", "END:VCARD").displayName == "García")
        #expect(try contact("BEGIN:VCARD", "VERSION:4.0", "FN:", "ORG:Acme;Sales", "END:VCARD").displayName == "Acme")
        #expect(try contact("BEGIN:VCARD", "VERSION:4.0", "EMAIL:a@example.com", "END:VCARD").displayName == "a@example.com")
        #expect(try contact("BEGIN:VCARD", "VERSION:4.0", "END:VCARD", id: "file-name").displayName == "file-name")
    }

    @Test func namesFromN() throws {
        let c = try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x", "N:García López;Ana;María;Dr.;PhD", "END:VCARD")
        #expect(c.firstName == "Ana")
        #expect(c.lastName == "García López")
        let empty = try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x", "N:;;;;", "END:VCARD")
        #expect(empty.firstName == nil && empty.lastName == nil)
    }

    @Test func emailsWithLabelsAndPrimary() throws {
        let c = try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x",
                            "EMAIL;TYPE=work;PREF=1:w@example.com", "EMAIL;TYPE=home:h@example.com",
                            "EMAIL;TYPE=INTERNET,x-custom:o@example.com", "END:VCARD")
        #expect(c.emails == [
            Contact.Email(address: "w@example.com", label: .work, primary: true),
            Contact.Email(address: "h@example.com", label: .personal, primary: false),
            Contact.Email(address: "o@example.com", label: .other, primary: false),
        ])
        let v3 = try contact("BEGIN:VCARD", "VERSION:3.0", "FN:x", "EMAIL;TYPE=INTERNET;TYPE=WORK;TYPE=pref:w@example.com", "END:VCARD")
        #expect(v3.emails == [Contact.Email(address: "w@example.com", label: .work, primary: true)])
    }

    @Test func phonesWithLabelsTelURIsAndPrimary() throws {
        let c = try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x",
                            "TEL;TYPE=cell;PREF=1:+34 612 345 678", "TEL;TYPE=\"voice,work\";VALUE=uri:tel:+1-555-0100",
                            "TEL;TYPE=home:1", "TEL;TYPE=iphone:2", "TEL;TYPE=MOBILE:3", "TEL:4", "END:VCARD")
        #expect(c.phones.map(\.number) == ["+34 612 345 678", "+1-555-0100", "1", "2", "3", "4"])
        #expect(c.phones.map(\.label) == [.mobile, .work, .home, .mobile, .mobile, .other])
        #expect(c.phones.map(\.primary) == [true, false, false, false, false, false])
    }

    @Test func companyAndTitle() throws {
        let c = try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x", #"ORG:Smith\, Jones;R&D"#, "TITLE:CTO", "END:VCARD")
        #expect(c.company == "Smith, Jones")
        #expect(c.jobTitle == "CTO")
    }

    @Test func addresses() throws {
        let c = try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x", "ADR;TYPE=home:PO Box 1;Apt 2;Calle Mayor 1;Madrid;;28013;Spain",
                            "ADR;TYPE=work:;;Main St;;;;", "ADR:;;x;;;;", "END:VCARD")
        #expect(c.addresses == [
            Contact.Address(street: "Calle Mayor 1", city: "Madrid", state: nil, postalCode: "28013", country: "Spain", label: .home),
            Contact.Address(street: "Main St", label: .work),
            Contact.Address(street: "x", label: .other),
        ])
    }

    @Test func multiLineNotes() throws {
        let c = try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x", #"NOTE:line 1\nline 2\, with comma\\"#, "END:VCARD")
        #expect(c.notes == "line 1\nline 2, with comma\\")
    }

    @Test func avatarPathOnlyForFileURIs() throws {
        let file = try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x", "PHOTO:file:///home/ana/Pictures/ana%20garc%C3%ADa.jpg", "END:VCARD")
        #expect(file.avatarPath == "/home/ana/Pictures/ana garcía.jpg")
        let embedded = try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x", "PHOTO:data:image/png;base64,iVBORw0KGgo=", "END:VCARD")
        #expect(embedded.avatarPath == nil)
        let remote = try contact("BEGIN:VCARD", "VERSION:3.0", "FN:x", "PHOTO;VALUE=uri:https://example.com/a.jpg", "END:VCARD")
        #expect(remote.avatarPath == nil)
    }

    @Test func tagsAreAnEscapedList() throws {
        let c = try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x", #"X-TAGS:vip,smith\, jones, golf "#, "END:VCARD")
        #expect(c.tags == ["vip", "smith, jones", "golf"])
        #expect(try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x", "END:VCARD").tags == [])
    }

    @Test func customFieldsAreJSONOrText() throws {
        let c = try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x",
                            "X-CUSTOM;X-KEY=tier:gold", "X-CUSTOM;X-KEY=score:42", #"X-CUSTOM;X-KEY=quoted:"42""#,
                            #"X-CUSTOM;X-KEY=list:[1\,"a"\,null]"#, "X-CUSTOM;X-KEY=flag:true", "X-CUSTOM;X-KEY=empty:",
                            "END:VCARD")
        let fields = try #require(c.customFields)
        #expect(fields.map(\.key) == ["empty", "flag", "list", "quoted", "score", "tier"])
        #expect(fields.map(\.value) == [.string(""), .bool(true), .array([.number("1"), .string("a"), .null]), .string("42"),
                                        .number("42"), .string("gold")])
        #expect(try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x", "END:VCARD").customFields == nil)
    }

    @Test func sourceDefaultsToFile() throws {
        #expect(try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x", "END:VCARD").source == "file")
        #expect(try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x", "X-SOURCE:import", "END:VCARD").source == "import")
    }

    @Test func timestampsWithMtimeFallback() throws {
        let c = try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x", "CREATED:20200102T030405Z", "REV:2024-05-01T10:00:00Z",
                            "X-DELETED-AT:20261129T145227Z", "END:VCARD")
        #expect(c.createdAt.rfc3339 == "2020-01-02T03:04:05Z")
        #expect(c.updatedAt.rfc3339 == "2024-05-01T10:00:00Z")
        #expect(c.deletedAt?.rfc3339 == "2026-11-29T14:52:27Z")
        let bare = try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x", "REV:garbage", "END:VCARD", mtime: 1_795_963_947)
        #expect(bare.createdAt.rfc3339 == "2026-11-29T14:52:27Z")
        #expect(bare.updatedAt.rfc3339 == "2026-11-29T14:52:27Z")
        #expect(bare.deletedAt == nil)
    }
}
