import Foundation
import Testing
import VCard
@testable import ContactStore

/// Lists of 20,000 entries (issue 9: one PATCH with 20,000 emails held the writer
/// lock for 13–20 s, the entry matching being quadratic). Correctness only: speed
/// is measured by `cardbox-bench store`.
@Suite("Lists of 20,000 entries")
struct LargeListTests {
    static let count = 20_000

    static func emailsJSON(_ addresses: [String]) -> String {
        "[" + addresses.map { #"{"address": "\#($0)", "label": "work"}"# }.joined(separator: ",") + "]"
    }

    @Test func aPatchOfTwentyThousandEmailsKeepsTheLinesOfTheEmailsThatStay() throws {
        let fixture = try StoreFixture()
        let addresses = (0..<Self.count).map { "person\($0)@example.com" }
        let id = try fixture.create(#"{"display_name": "Many", "emails": \#(Self.emailsJSON(addresses))}"#).id
        #expect(fixture.store.entry(id)?.contact.emails.count == Self.count)

        // Reversed, every tenth one replaced by a new address, 500 more at the end.
        var changed = Array(addresses.reversed())
        for index in stride(from: 0, to: changed.count, by: 10) { changed[index] = "new\(index)@example.org" }
        changed += (0..<500).map { "extra\($0)@example.net" }
        let outcome = try fixture.patch(id, #"{"emails": \#(Self.emailsJSON(changed))}"#)
        #expect(outcome.entry.contact.emails.map(\.address) == changed)
        let emailLines = fixture.file("\(id).vcf").components(separatedBy: "\r\n").filter { $0.hasPrefix("EMAIL") }
        #expect(emailLines == changed.map { "EMAIL;TYPE=work:" + $0 })
        #expect(try indexEqualsFolder(fixture.store))
    }

    @Test func removingTwentyThousandGroupedEmailsRemovesTheirLabelsOnly() throws {
        var lines = ["BEGIN:VCARD", "VERSION:3.0", "FN:Grouped"]
        for index in 0..<Self.count {
            lines += ["item\(index).EMAIL;type=INTERNET:p\(index)@example.com", "item\(index).X-ABLabel:Label \(index)"]
        }
        lines += ["NOTE:kept", "END:VCARD"]
        let fixture = try StoreFixture(files: ["grouped.vcf": lines.joined(separator: "\r\n") + "\r\n"])
        // Keep the even ones; the odd ones go, and their labels with them.
        let kept = stride(from: 0, to: Self.count, by: 2).map { "p\($0)@example.com" }
        let outcome = try fixture.patch("grouped", #"{"emails": [\#(kept.map { #"{"address": "\#($0)"}"# }.joined(separator: ","))]}"#)
        #expect(outcome.entry.contact.emails.map(\.address) == kept)
        let text = fixture.file("grouped.vcf")
        #expect(text.contains("item0.X-ABLabel:Label 0\r\n") && text.contains("item19998.X-ABLabel:Label 19998\r\n"))
        #expect(!text.contains("item1.X-ABLabel") && !text.contains("item19999.X-ABLabel"))
        #expect(text.components(separatedBy: "X-ABLabel").count - 1 == Self.count / 2)
        #expect(text.contains("NOTE:kept"))
    }

    @Test func twentyThousandCustomFieldsAreReadAndMergedWithTheLastValueOfEachKey() throws {
        var lines = ["BEGIN:VCARD", "VERSION:4.0", "FN:Custom"]
        for index in 0..<Self.count { lines.append("X-CUSTOM;X-KEY=k\(index % (Self.count / 2)):\(index)") }
        lines.append("END:VCARD")
        let fixture = try StoreFixture(files: ["custom.vcf": lines.joined(separator: "\r\n") + "\r\n"])
        let fields = try #require(fixture.store.entry("custom")?.contact.customFields)
        #expect(fields.count == Self.count / 2)
        #expect(fields.first { $0.key == "k0" }?.value == .number(String(Self.count / 2)))
        let patch = CustomFieldsPatch(changes: (0..<Self.count / 2).map { ("k\($0)", $0 % 2 == 0 ? nil : .string("odd")) })
        let merged = try #require(patch.merged(into: fields))
        #expect(merged.count == Self.count / 4)
        #expect(merged.allSatisfy { $0.value == .string("odd") })
    }
}

@Suite("List writing without traps")
struct ListWritingTests {
    @Test func anOldListThatDoesNotMatchTheCardIsReplacedWholeInsteadOfTrapping() throws {
        let card = try #require(try VCardReader.read(Array(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nEMAIL:a@x.io\r\nEMAIL:b@x.io\r\nEND:VCARD\r\n".utf8)).first)
        var writer = ContactCardWriter(card: card)
        writer.syncEmails(old: [Contact.Email(address: "a@x.io")], new: [Contact.Email(address: "c@x.io")])
        // Nothing is matched: the new list takes the old lines' places, the rest go.
        #expect(writer.card.all(named: "EMAIL").map(\.value) == ["c@x.io"])
    }
}
