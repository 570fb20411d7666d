import CardboxAPI
@testable import ContactStore
import Foundation
import JSON
import TestSupport
import Testing

/// `POST /contacts/:id/merge` at the store: the same person exported by an
/// iPhone (3.0), Google (3.0), Outlook (2.1, quoted-printable) and typed by hand
/// (4.0), merged into one contact with nothing lost (SPEC §10).
@Suite("Merging contacts")
struct ContactMergeTests {
    static let names = ["iphone-3.0-ana.vcf", "google-export-ana.vcf", "outlook-2.1-ana.vcf", "handwritten-4.0-ana.vcf"]

    /// The four exports in a fresh folder, with their ids by file name.
    func fixture() throws -> (StoreFixture, [String: String]) {
        var files: [String: String] = [:]
        for name in Self.names {
            files[name] = try String(contentsOfFile: duplicateFixturesPath() + "/" + name, encoding: .utf8)
        }
        let fixture = try StoreFixture(files: files)
        var ids: [String: String] = [:]
        for entry in fixture.store.read({ $0.entries }) { ids[entry.fileName] = entry.id }
        return (fixture, ids)
    }

    @Test("Every email, phone, note and extra property of the others reaches the target; its own lines stay")
    func nothingIsLost() throws {
        let (fixture, ids) = try fixture()
        let target = ids["iphone-3.0-ana.vcf"]!
        let others = ["google-export-ana.vcf", "outlook-2.1-ana.vcf", "handwritten-4.0-ana.vcf"].map { ids[$0]! }
        let before = fixture.file("iphone-3.0-ana.vcf")
        let notes = others.compactMap { fixture.store.entry($0)?.contact.notes }
        let outcome = try fixture.store.merge(into: target, from: others, dryRun: false, defaultCountry: CallingCountry.named("ES"))
        let merged = outcome.contact

        // Emails compare case-insensitively: ana@acme.example is there once, the home address is added.
        #expect(merged.emails.map { $0.address.lowercased() } == ["ana@acme.example", "ana.garcia.home@example.org"])
        // 612 34 56 78, +34 612 34 56 78, 0034 612 345 678 and tel:+34-612-345-678 are one number; the office line is added.
        #expect(merged.phones.map(\.number) == ["612 34 56 78", "+34 910 000 000 x204"])
        #expect(merged.jobTitle == "Head of Partnerships")
        #expect(notes.count == 3)
        #expect(merged.notes == notes.joined(separator: "\n\n"))
        #expect(merged.displayName == "Ana García")

        let after = fixture.file("iphone-3.0-ana.vcf")
        // Its own lines are untouched (minimal diff), the URL group came along with its label, BDAY stayed one.
        for line in before.split(whereSeparator: \.isNewline) where !line.hasPrefix("END:") {
            #expect(after.contains(line), "line \(line) kept")
        }
        #expect(after.contains("URL:http\\://ana.example.org"))
        #expect(after.contains("merged1.URL:http\\://ana.example.org"))
        #expect(after.contains("merged1.X-ABLabel:PROFILE"))
        #expect(after.components(separatedBy: "BDAY").count == 2)
        #expect(!after.contains("PRODID:-//Apple Inc.//iPhone OS 3.0//EN\r\nPRODID"))

        // The others are in the trash, marked with the id they were merged into, every line of theirs still there.
        for name in ["google-export-ana.vcf", "outlook-2.1-ana.vcf", "handwritten-4.0-ana.vcf"] {
            let entry = try #require(fixture.store.entry(ids[name]!))
            #expect(entry.isDeleted)
            #expect(fixture.file(name).contains("X-MERGED-INTO:\(target)"))
        }
        #expect(outcome.trashed.count == 3)
        let kinds = fixture.changes.all.map { "\($0.kind) \($0.contact.id)" }
        #expect(kinds == ["updated \(target)"] + others.map { "deleted \($0)" })
    }

    @Test("A dry run answers the merged contact and writes nothing")
    func dryRun() throws {
        let (fixture, ids) = try fixture()
        let target = ids["handwritten-4.0-ana.vcf"]!
        let files = Self.names.map { fixture.file($0) }
        let outcome = try fixture.store.merge(into: target, from: [ids["google-export-ana.vcf"]!], dryRun: true)
        #expect(outcome.entry == nil)
        #expect(outcome.contact.emails.count == 2)
        #expect(outcome.contact.jobTitle == "Head of Partnerships")
        #expect(Self.names.map { fixture.file($0) } == files)
        #expect(fixture.changes.all.isEmpty)
    }

    @Test("Restoring a merged contact brings it back without its merge mark; the target keeps what it gained")
    func restoreUndoesTheMerge() throws {
        let (fixture, ids) = try fixture()
        let target = ids["handwritten-4.0-ana.vcf"]!
        let google = ids["google-export-ana.vcf"]!
        _ = try fixture.store.merge(into: target, from: [google], dryRun: false)
        let restored = try fixture.store.restore(id: google)
        #expect(!restored.entry.isDeleted)
        #expect(!fixture.file("google-export-ana.vcf").contains("X-MERGED-INTO"))
        #expect(fixture.file("google-export-ana.vcf").contains("NOTE:Imported from Google Contacts"))
        #expect(fixture.store.entry(target)?.contact.jobTitle == "Head of Partnerships")
    }

    @Test("A missing or trashed contact to merge is 404 and nothing is written")
    func missingSource() throws {
        let (fixture, ids) = try fixture()
        let target = ids["handwritten-4.0-ana.vcf"]!
        _ = try fixture.store.softDelete(id: ids["google-export-ana.vcf"]!)
        let files = Self.names.map { fixture.file($0) }
        #expect(throws: StoreError.notFound) {
            try fixture.store.merge(into: target, from: [ids["outlook-2.1-ana.vcf"]!, ids["google-export-ana.vcf"]!], dryRun: false)
        }
        #expect(throws: StoreError.notFound) { try fixture.store.merge(into: target, from: ["nobody"], dryRun: false) }
        #expect(Self.names.map { fixture.file($0) } == files)
    }
}
