import Foundation
import Testing
import VCard
@testable import ContactStore

/// Exact bytes after a change to files written by other tools (SPEC §1.1).
@Suite("Minimal diffs on foreign files")
struct MinimalDiffTests {
    /// A store over a copy of one fixture file.
    func fixtureStore(_ name: String) throws -> (StoreFixture, String, String) {
        let text = String(decoding: try #require(fixtureBytes("valid/\(name)")), as: UTF8.self)
        let fixture = try StoreFixture(files: [name: text])
        return (fixture, String(name.dropLast(4)), text)
    }

    /// `original` with `CREATED`/`REV` lines as the store stamps them added before END.
    func stamped(_ original: String, _ outcome: WriteOutcome, created: Bool = true, lineEnding: String = "\r\n") -> String {
        var lines = ""
        if created { lines += "CREATED:\(outcome.entry.contact.createdAt.vCardText)\(lineEnding)" }
        lines += "REV:\(outcome.entry.contact.updatedAt.vCardText)\(lineEnding)"
        return original.replacingOccurrences(of: "END:VCARD", with: lines + "END:VCARD")
    }

    @Test func appleChangingOneEmailRewritesOnlyThatLine() throws {
        let (fixture, id, original) = try fixtureStore("apple-contacts-3.0.vcf")
        let outcome = try fixture.patch(id, """
        {"emails": [{"address": "ada@lab.example", "label": "work", "primary": true},
                    {"address": "ada.okafor@example.org", "label": "personal"}]}
        """)
        let expected = stamped(original.replacingOccurrences(
            of: "item1.EMAIL;type=INTERNET;type=pref;type=WORK:adaeze.okafor@brightwater.exa\r\n mple.com\r\n",
            with: "item1.EMAIL;type=INTERNET;type=pref;type=WORK:ada@lab.example\r\n"), outcome)
        #expect(fixture.file("\(id).vcf") == expected)
        #expect(fixture.file("\(id).vcf").contains("item1.X-ABLabel:Lab"))
    }

    @Test func appleRemovingAnEmailRemovesItsLabelLine() throws {
        let (fixture, id, original) = try fixtureStore("apple-contacts-3.0.vcf")
        let outcome = try fixture.patch(id, #"{"emails": [{"address": "ada.okafor@example.org", "label": "personal"}]}"#)
        let expected = stamped(original.replacingOccurrences(
            of: "item1.EMAIL;type=INTERNET;type=pref;type=WORK:adaeze.okafor@brightwater.exa\r\n mple.com\r\nitem1.X-ABLabel:Lab\r\n",
            with: ""), outcome)
        #expect(fixture.file("\(id).vcf") == expected)
        #expect(outcome.entry.contact.emails == [Contact.Email(address: "ada.okafor@example.org", label: .personal)])
    }

    @Test func appleKeepsPhotoAndUnknownLinesWhenNotesChange() throws {
        let (fixture, id, original) = try fixtureStore("apple-contacts-3.0.vcf")
        let outcome = try fixture.patch(id, #"{"notes": "New note; with semicolon, and comma\nsecond line"}"#)
        let oldNote = "NOTE:Met at the Lisbon workshop\\, October 2023.\\nPrefers email over phone c\r\n alls\\; answers fast on Signal.\\nAllergic to peanuts.\r\n"
        #expect(original.contains(oldNote))
        let expected = stamped(original.replacingOccurrences(
            of: oldNote, with: "NOTE:New note\\; with semicolon\\, and comma\\nsecond line\r\n"), outcome)
        #expect(fixture.file("\(id).vcf") == expected)
    }

    @Test func googleChangingAPhoneLabelKeepsEverythingElse() throws {
        let (fixture, id, original) = try fixtureStore("google-export-3.0.vcf")
        let outcome = try fixture.patch(id, """
        {"phones": [{"number": "+34 612 345 678", "label": "mobile", "primary": true}, {"number": "+34 698 765 432", "label": "home"}]}
        """)
        let expected = stamped(original
            .replacingOccurrences(of: "TEL;TYPE=CELL:+34 612 345 678", with: "TEL;TYPE=CELL,pref:+34 612 345 678")
            .replacingOccurrences(of: "TEL;TYPE=WORK:+34 698 765 432", with: "TEL;TYPE=home:+34 698 765 432"), outcome)
        #expect(fixture.file("\(id).vcf") == expected)
        #expect(outcome.entry.contact.phones.map(\.label) == [.mobile, .home])
        #expect(outcome.entry.contact.phones.map(\.primary) == [true, false])
    }

    @Test func addingAnEmailAppendsItAfterTheLastOne() throws {
        let (fixture, id, original) = try fixtureStore("google-export-3.0.vcf")
        let outcome = try fixture.patch(id, """
        {"emails": [{"address": "lucia.fernandez@example.com", "label": "personal"},
                    {"address": "lfernandez@studio.example.org", "label": "work"},
                    {"address": "new@example.net"}]}
        """)
        let expected = stamped(original.replacingOccurrences(
            of: "TYPE=WORK:lfernandez@studio.example.org\r\n", with: "TYPE=WORK:lfernandez@studio.example.org\r\nEMAIL:new@example.net\r\n"), outcome)
        #expect(fixture.file("\(id).vcf") == expected)
    }

    @Test func reorderingEmailsMovesLinesUnchanged() throws {
        let (fixture, id, original) = try fixtureStore("google-export-3.0.vcf")
        let outcome = try fixture.patch(id, """
        {"emails": [{"address": "lfernandez@studio.example.org", "label": "work"},
                    {"address": "lucia.fernandez@example.com", "label": "personal"}]}
        """)
        let home = "EMAIL;TYPE=INTERNET;TYPE=HOME:lucia.fernandez@example.com\r\n"
        let work = "EMAIL;TYPE=INTERNET;TYPE=WORK:lfernandez@studio.example.org\r\n"
        #expect(fixture.file("\(id).vcf") == stamped(original.replacingOccurrences(of: home + work, with: work + home), outcome))
        #expect(outcome.entry.contact.emails.map(\.address) == ["lfernandez@studio.example.org", "lucia.fernandez@example.com"])
    }

    @Test func lfOnlyFilesStayLFOnly() throws {
        let (fixture, id, original) = try fixtureStore("thunderbird-4.0-lf.vcf")
        let outcome = try fixture.patch(id, #"{"job_title": "Chair"}"#)
        let text = fixture.file("\(id).vcf")
        #expect(!text.contains("\r"))
        #expect(text.contains("TITLE:Chair\n"))
        #expect(text.count > original.count)
        #expect(outcome.entry.contact.jobTitle == "Chair")
    }

    @Test func version21FileIsConvertedWholeTo40KeepingEveryProperty() throws {
        let (fixture, id, original) = try fixtureStore("outlook-2.1-qp.vcf")
        let before = try #require(fixture.store.entry(id)).contact
        let outcome = try fixture.patch(id, #"{"job_title": "Director"}"#)
        let text = fixture.file("\(id).vcf")
        #expect(text.hasPrefix("BEGIN:VCARD\r\nVERSION:4.0\r\n"))
        #expect(!text.contains("QUOTED-PRINTABLE") && !text.contains("CHARSET"))
        for name in ["X-MS-OL-DEFAULT-POSTAL-ADDRESS:2", "X-MS-IMADDRESS:mwhitfield@im.example.com", "LABEL;TYPE=work;PREF=1:",
                     "URL;TYPE=work:http://www.northwind.example.com", "TEL;TYPE=work,voice:(555) 555-0142"] {
            #expect(text.contains(name), "missing \(name)")
        }
        var expected = before
        expected.jobTitle = "Director"
        expected.updatedAt = outcome.entry.contact.updatedAt
        #expect(outcome.entry.contact == expected)
        #expect(original.count > 0)
        let card = try #require(try VCardReader.read(Array(text.utf8)).first)
        #expect(card.properties.count == (try VCardReader.read(Array(original.utf8)).first!.properties.count) + 1)
    }

    @Test func everyFixtureSurvivesAPatchWithAllOtherFieldsUnchanged() throws {
        for file in fixtureNames("valid") where file != "apple-contacts-group-kind.vcf" {
            let (fixture, id, _) = try fixtureStore(file)
            let before = try #require(fixture.store.entry(id), "\(file) did not load").contact
            let outcome = try fixture.patch(id, #"{"notes": "patched"}"#)
            var expected = before
            expected.notes = "patched"
            expected.updatedAt = outcome.entry.contact.updatedAt
            if before.createdAt != outcome.entry.contact.createdAt { Issue.record("\(file): created_at moved") }
            #expect(outcome.entry.contact == expected, "\(file)")
        }
    }
}

func fixtureBytes(_ relativePath: String) -> [UInt8]? {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/vcard/" + relativePath)
    return FileManager.default.contents(atPath: url.path).map { Array($0) }
}

func fixtureNames(_ folder: String) -> [String] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/vcard/" + folder)
    return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { $0.hasSuffix(".vcf") }.sorted()
}
