@testable import ContactStore
import TestSupport
import Testing
import VCard

@Suite("cardbox export: the stream")
struct CardExporterTests {
    @Test func cardsAreWrittenAs40WithTheTimestampsTheAPIShows() throws {
        let text = "BEGIN:VCARD\nVERSION:3.0\nFN:Freja Jensen\nEMAIL;type=INTERNET;type=HOME;type=pref:freja@example.org\n"
            + "NOTE:Neighbour\\, flat 3B.\nEND:VCARD\n"
        let card = try #require(try VCardReader.read(Array(text.utf8)).first)
        let contact = Contact(card: card, id: "freja", fileModified: VCardTimestamp(secondsSince1970: 1_700_000_000))
        let exported = String(decoding: CardExporter.exportCard(card, contact: contact).serializedFresh(), as: UTF8.self)
        #expect(exported == "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Freja Jensen\r\nEMAIL;TYPE=internet,home;PREF=1:freja@example.org\r\n"
                + "NOTE:Neighbour\\, flat 3B.\r\nCREATED:20231114T221320Z\r\nREV:20231114T221320Z\r\nEND:VCARD\r\n")
    }

    @Test func existingTimestampsAreKept() throws {
        let card = try #require(try VCardReader.read(Array(sampleCard(fn: "A", extra: ["REV:20240101T000000Z",
                                                                                      "CREATED:20230101T000000Z"]).utf8)).first)
        let contact = Contact(card: card, id: "a", fileModified: VCardTimestamp(secondsSince1970: 0))
        let exported = CardExporter.exportCard(card, contact: contact)
        #expect(exported.all(named: "REV").map(\.value) == ["20240101T000000Z"])
        #expect(exported.all(named: "CREATED").map(\.value) == ["20230101T000000Z"])
    }

    @Test func contactsComeInDisplayNameOrderAndTheTrashOnlyOnRequest() throws {
        let folder = TemporaryFolder()
        folder.write("z.vcf", sampleCard(fn: "Zoë"))
        folder.write("e.vcf", sampleCard(fn: "émile"))
        folder.write("b.vcf", sampleCard(fn: "Bob"))
        folder.write("a.vcf", sampleCard(fn: "ana"))
        folder.write("d.vcf", sampleCard(fn: "Deleted", extra: ["X-DELETED-AT:20240101T000000Z"]))
        folder.write("two.vcf", sampleCard(fn: "P1") + sampleCard(fn: "P2"))
        let store = ContactStore(directory: folder.path)
        try store.load()
        for (includeDeleted, expected) in [(false, ["ana", "Bob", "émile", "Zoë"]), (true, ["ana", "Bob", "Deleted", "émile", "Zoë"])] {
            var stream: [UInt8] = []
            let summary = CardExporter.run(store: store, includeDeleted: includeDeleted) { stream += $0; return true }
            #expect(summary.exported == expected.count)
            #expect(summary.skipped.isEmpty)
            let cards = try VCardReader.read(stream)
            #expect(cards.map { $0.first(named: "FN")?.textValue } == expected)
            #expect(cards.allSatisfy { $0.version == .v4_0 })
        }
    }

    @Test func aClosedOutputStopsTheExport() throws {
        let folder = TemporaryFolder()
        for name in ["a", "b", "c"] { folder.write(name + ".vcf", sampleCard(fn: name)) }
        let store = ContactStore(directory: folder.path)
        try store.load()
        var calls = 0
        let summary = CardExporter.run(store: store, includeDeleted: false) { _ in calls += 1; return false }
        #expect(calls == 1)
        #expect(!summary.completed)
    }
}
