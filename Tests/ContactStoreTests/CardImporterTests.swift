@testable import ContactStore
import TestSupport
import Testing
import VCard

@Suite("Planning an import: names, UIDs, duplicates, the written card")
struct CardImporterTests {
    /// Predictable "UUIDs": new-1, new-2, …
    final class Counter: @unchecked Sendable {
        var value = 0
        func next() -> String {
            value += 1
            return "new-\(value)"
        }
    }

    private func card(_ text: String) throws -> VCard {
        try #require(try VCardReader.read(Array(text.utf8)).first)
    }

    private func importer(existing: [(fileName: String, uid: String?)] = [], otherNames: [String] = [],
                          replace: Bool = false) -> CardImporter {
        let counter = Counter()
        return CardImporter(existing: existing, otherNames: otherNames, replace: replace, newUUID: counter.next)
    }

    @Test(arguments: [
        ("urn:uuid:59d0ebab-bda4-47fb-a81b-37cc1b65cc9d", "59d0ebab-bda4-47fb-a81b-37cc1b65cc9d.vcf"),
        ("URN:UUID:ABC", "ABC.vcf"),
        ("e6363caf-d890-4c87-8f7c-c3fe4de7e045", "e6363caf-d890-4c87-8f7c-c3fe4de7e045.vcf"),
        ("plain_name-1.2", "plain_name-1.2.vcf"),
        ("a/b", "new-1.vcf"), (".hidden", "new-1.vcf"), ("ünïcode", "new-1.vcf"), ("with space", "new-1.vcf"),
        ("http://example.com/x", "new-1.vcf"), (String(repeating: "a", count: 101), "new-1.vcf"),
    ])
    func filesAreNamedByTheirUIDWhenItIsSafe(uid: String, expected: String) throws {
        var planner = importer()
        let plan = planner.plan(try card(sampleCard(fn: "X", uid: uid)))
        #expect(plan.decision == .write(fileName: expected, replacing: false))
        #expect(plan.uid == uid)
    }

    @Test func aTakenNameGivesAUUIDName() throws {
        var planner = importer(otherNames: ["ABC.VCF"])
        let plan = planner.plan(try card(sampleCard(fn: "X", uid: "abc")))
        #expect(plan.decision == .write(fileName: "new-1.vcf", replacing: false))
    }

    @Test func aCardWithoutUIDGetsOneAndIsNamedByIt() throws {
        var planner = importer()
        let plan = planner.plan(try card(sampleCard(fn: "No UID")))
        #expect(plan.uid == "urn:uuid:new-1")
        #expect(plan.decision == .write(fileName: "new-1.vcf", replacing: false))
        #expect(plan.card.properties.map(\.name) == ["VERSION", "UID", "FN", "X-SOURCE"])
        #expect(plan.card.first(named: "UID")?.value == "urn:uuid:new-1")
    }

    @Test func aUIDAlreadyInTheFolderIsSkipped() throws {
        var planner = importer(existing: [("ana.vcf", "urn:uuid:59D0EBAB-BDA4-47FB-A81B-37CC1B65CC9D"), ("broken.vcf", nil)])
        let plan = planner.plan(try card(sampleCard(fn: "Ana", uid: "59d0ebab-bda4-47fb-a81b-37cc1b65cc9d")))
        guard case .skip(let reason) = plan.decision else { Issue.record("not skipped: \(plan.decision)"); return }
        #expect(reason.contains("already in the folder (ana.vcf)"))
    }

    @Test func aUIDEarlierInTheSameImportIsSkipped() throws {
        var planner = importer()
        #expect(planner.plan(try card(sampleCard(fn: "A", uid: "same"))).decision == .write(fileName: "same.vcf", replacing: false))
        guard case .skip(let reason) = planner.plan(try card(sampleCard(fn: "B", uid: "same"))).decision else {
            Issue.record("second card not skipped")
            return
        }
        #expect(reason.contains("earlier in this import (same.vcf)"))
    }

    @Test func replaceWritesOverTheFileThatHasTheUID() throws {
        var planner = importer(existing: [("hand-made.vcf", "x-1")], replace: true)
        #expect(planner.plan(try card(sampleCard(fn: "A", uid: "x-1"))).decision == .write(fileName: "hand-made.vcf", replacing: true))
        #expect(planner.plan(try card(sampleCard(fn: "B", uid: "x-1"))).decision == .write(fileName: "hand-made.vcf", replacing: true))
        #expect(planner.plan(try card(sampleCard(fn: "C", uid: "x-2"))).decision == .write(fileName: "x-2.vcf", replacing: false))
    }

    @Test func uidKeysIgnoreTheURNPrefixAndUUIDCase() {
        #expect(CardImporter.uidKey("urn:uuid:ABCDEF01-2345-6789-ABCD-EF0123456789") == "abcdef01-2345-6789-abcd-ef0123456789")
        #expect(CardImporter.uidKey(" abcdef01-2345-6789-abcd-ef0123456789 ") == "abcdef01-2345-6789-abcd-ef0123456789")
        #expect(CardImporter.uidKey("Hand-Made") == "Hand-Made")
        #expect(CardImporter.uidKey("urn:uuid:") == nil)
        #expect(CardImporter.uidKey("") == nil)
    }

    @Test func version21IsConvertedTo40AndMarkedAsImported() throws {
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Kim;Minji\r\nFN:Minji Kim\r\nTEL;CELL;PREF:+34 613 222 001\r\n"
            + "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=utf-8:Line one=0D=0ALine two\r\nX-SOURCE:outlook\r\nEND:VCARD\r\n"
        let prepared = CardImporter.prepare(try card(text), addingUID: "urn:uuid:u")
        let written = String(decoding: prepared.serializedFresh(), as: UTF8.self)
        #expect(written == "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:u\r\nN:Kim;Minji\r\nFN:Minji Kim\r\n"
                + "TEL;TYPE=cell;PREF=1:+34 613 222 001\r\nNOTE:Line one\\nLine two\r\nX-SOURCE:import\r\nEND:VCARD\r\n")
    }

    @Test func version30StaysAndOnlyGainsItsLines() throws {
        let text = "\u{FEFF}BEGIN:VCARD\nVERSION:3.0\nFN:Noah Fischer\nEMAIL;TYPE=INTERNET;TYPE=WORK:noah@example.com\n"
            + "NOTE;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9\nEND:VCARD\n" + sampleCard(fn: "Neighbour")
        let prepared = CardImporter.prepare(try card(text), addingUID: nil)
        let written = String(decoding: prepared.serializedFresh(), as: UTF8.self)
        #expect(written == "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Noah Fischer\r\nEMAIL;TYPE=INTERNET;TYPE=WORK:noah@example.com\r\n"
                + "NOTE:Café\r\nX-SOURCE:import\r\nEND:VCARD\r\n")
    }

    @Test func everyPropertyOfTheFixturesIsKept() throws {
        for name in fixtureNames("multi") {
            let bytes = try #require(fixtureBytes("multi/" + name))
            for source in try VCardReader.read(bytes) {
                let prepared = CardImporter.prepare(source, addingUID: "urn:uuid:added")
                let reread = try #require(try VCardReader.read(prepared.serializedFresh()).first)
                let names = { (card: VCard) in card.properties.map(\.upperName).filter { $0 != "UID" && $0 != "X-SOURCE" } }
                #expect(names(reread) == names(source), "\(name)")
                #expect(reread.all(named: "X-SOURCE").map(\.value) == ["import"])
                #expect(reread.all(named: "UID").count == 1)
                let before = Contact(card: source, id: "x", fileModified: VCardTimestamp(secondsSince1970: 0))
                var after = Contact(card: reread, id: "x", fileModified: VCardTimestamp(secondsSince1970: 0))
                after.source = before.source
                #expect(after == before, "\(name)")
            }
        }
    }
}
