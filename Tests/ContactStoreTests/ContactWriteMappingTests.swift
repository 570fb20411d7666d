import JSON
import Testing
import VCard
@testable import ContactStore

@Suite("contact → vCard, every row of SPEC §1.3")
struct ContactWriteMappingTests {
    static let everything = """
    {"display_name": "Zoë O'Brien, PhD", "first_name": "Zoë", "last_name": "O'Brien",
     "emails": [{"address": "zoe@work.example", "label": "work", "primary": true}, {"address": "zoe@home.example", "label": "personal"},
                {"address": "zoe@other.example"}],
     "phones": [{"number": "+34 612 345 678", "label": "mobile"}, {"number": "+1 555 0100", "label": "work", "primary": true},
                {"number": "555-0101", "label": "home"}, {"number": "555-0102", "label": "other"}],
     "company": "Smith, Jones; Partners", "job_title": "Head, R&D",
     "addresses": [{"street": "Calle Mayor 1; 2º", "city": "Madrid", "postal_code": "28013", "country": "Spain", "label": "home"},
                   {"street": "Main St", "label": "work"}, {"city": "Nowhere"}],
     "notes": "line one\\nline two, with \\\\ backslash; and semicolon", "avatar_path": "/home/zoë/My Pictures/zoe.jpg",
     "tags": ["vip", "smith, jones"], "custom_fields": {"tier": "gold", "score": 42, "flag": false, "none": null, "numeric text": "42",
     "nested": {"a": [1, "b,c"]}}, "source": "crm"}
    """

    @Test func everyFieldIsWrittenAsTheTableSaysAndReadsBack() throws {
        let fixture = try StoreFixture()
        let entry = try fixture.create(Self.everything)
        let lines = fixture.file(entry.fileName).components(separatedBy: "\r\n")
        let expected = [
            #"FN:Zoë O'Brien\, PhD"#, "N:O'Brien;Zoë;;;",
            "EMAIL;TYPE=work;PREF=1:zoe@work.example", "EMAIL;TYPE=home:zoe@home.example", "EMAIL:zoe@other.example",
            "TEL;TYPE=cell:+34 612 345 678", "TEL;TYPE=work;PREF=1:+1 555 0100", "TEL;TYPE=home:555-0101", "TEL:555-0102",
            #"ORG:Smith\, Jones\; Partners"#, #"TITLE:Head\, R&D"#,
            #"ADR;TYPE=home:;;Calle Mayor 1\; 2º;Madrid;;28013;Spain"#, "ADR;TYPE=work:;;Main St;;;;", "ADR:;;;Nowhere;;;",
            #"NOTE:line one\nline two\, with \\ backslash; and semicolon"#,
            "PHOTO:file:///home/zo%C3%AB/My%20Pictures/zoe.jpg",
            #"X-TAGS:vip,smith\, jones"#,
            "X-CUSTOM;X-KEY=flag:false", #"X-CUSTOM;X-KEY=nested:{"a":[1\,"b\,c"]}"#, #"X-CUSTOM;X-KEY=numeric text:"42""#,
            "X-CUSTOM;X-KEY=score:42", "X-CUSTOM;X-KEY=tier:gold", "X-SOURCE:crm",
        ]
        for line in expected { #expect(lines.contains(line), "missing \(line)") }
        #expect(!lines.contains { $0.contains("X-KEY=none") })

        // Reading the file again gives back every field.
        let reloaded = ContactStore(directory: fixture.path)
        try reloaded.load()
        let read = try #require(reloaded.entry(entry.id)).contact
        #expect(read == entry.contact)
        #expect(read.customFields?.first { $0.key == "numeric text" }?.value == .string("42"))
        #expect(read.avatarPath == "/home/zoë/My Pictures/zoe.jpg")
        #expect(read.tags == ["vip", "smith, jones"])
        #expect(read.notes == "line one\nline two, with \\ backslash; and semicolon")
        #expect(read.source == "crm")
    }

    @Test func version3FilesGetVersion3Syntax() throws {
        let fixture = try StoreFixture(files: ["v3.vcf": "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Old\r\nEND:VCARD\r\n"])
        let outcome = try fixture.patch("v3", """
        {"emails": [{"address": "a@example.com", "label": "work", "primary": true}], "phones": [{"number": "1", "label": "mobile"}],
         "notes": "a;b", "avatar_path": "/x.jpg"}
        """)
        let text = fixture.file("v3.vcf")
        #expect(text.contains("EMAIL;TYPE=work,pref:a@example.com\r\n"))
        #expect(text.contains("TEL;TYPE=cell:1\r\n"))
        #expect(text.contains("NOTE:a\\;b\r\n"))
        #expect(text.contains("PHOTO;VALUE=uri:file:///x.jpg\r\n"))
        #expect(text.hasPrefix("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Old\r\n"))
        #expect(outcome.entry.contact.emails.first?.primary == true)
    }

    @Test func embeddedPhotoIsKeptWhenAvatarIsCleared() throws {
        let photo = "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRg=="
        let fixture = try StoreFixture(files: ["p.vcf": "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P\r\n\(photo)\r\nEND:VCARD\r\n"])
        let outcome = try fixture.patch("p", #"{"avatar_path": null, "job_title": "x"}"#)
        #expect(fixture.file("p.vcf").contains(photo + "\r\n"))
        #expect(outcome.entry.contact.avatarPath == nil)
    }
}
