import ContactStore
import Foundation
import TestSupport
import Testing
import VCard

@Suite("cardbox export")
struct ExportCommandTests {
    @Test func writesEveryContactAs40InDisplayNameOrder() throws {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        folder.write("z.vcf", sampleCard(fn: "Zoë"))
        folder.write("e.vcf", sampleCard(fn: "Émile"))
        folder.write("b.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:bob\nTEL;TYPE=CELL,PREF:+34 600 000 000\nEND:VCARD\n")
        folder.write("a.vcf", "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ángel\r\nTEL;CELL;PREF:+34 611 000 000\r\nEND:VCARD\r\n")
        folder.write("trash.vcf", sampleCard(fn: "Deleted", extra: ["X-DELETED-AT:20240101T000000Z"]))
        folder.write("problem.vcf", sampleCard(fn: "P1") + sampleCard(fn: "P2"))
        folder.write("group.vcf", sampleCard(fn: "Group", extra: ["KIND:group"]))
        let result = try runCardboxBytes(["export", "--dir", folder.path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("exported 4 contacts from \(folder.path); 1 problem files left out"))
        let cards = try VCardReader.read(result.stdout)
        #expect(cards.map { $0.first(named: "FN")?.textValue } == ["Ángel", "bob", "Émile", "Zoë"])
        #expect(cards.allSatisfy { $0.version == .v4_0 })
        #expect(cards[0].first(named: "TEL")?.serialized() == Array("TEL;TYPE=cell;PREF=1:+34 611 000 000\r\n".utf8))
        #expect(cards[1].first(named: "TEL")?.serialized() == Array("TEL;TYPE=cell;PREF=1:+34 600 000 000\r\n".utf8))
        let text = String(decoding: result.stdout, as: UTF8.self)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))

        let withTrash = try runCardboxBytes(["export", "--dir", folder.path, "--include-deleted"])
        #expect(try VCardReader.read(withTrash.stdout).map { $0.first(named: "FN")?.textValue }
                == ["Ángel", "bob", "Deleted", "Émile", "Zoë"])
        let fromEnvironment = try runCardboxBytes(["export"], environment: ["CARDBOX_DIR": folder.path, "CARDBOX_INCLUDE_DELETED": "true"])
        #expect(fromEnvironment.stdout == withTrash.stdout)
    }

    @Test func anEmptyFolderGivesAnEmptyStream() throws {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        let result = try runCardboxBytes(["export", "--dir", folder.sub("new")])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(try runCardbox(["export", "extra", "--dir", folder.path]).status == 2)
        let help = try runCardbox(["export", "--help"])
        #expect(help.stdout.contains("Usage: cardbox export [--dir DIR] [--include-deleted]"))
        #expect(help.stdout.contains("CARDBOX_INCLUDE_DELETED"))
        #expect(help.stdout.contains("Examples:\n  cardbox export > contacts.vcf"))
    }

    /// Export → import into an empty folder → the same contacts and the same property lines.
    @Test func exportReimportsWithNoLoss() throws {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        let original = folder.sub("original")
        try FileManager.default.copyItem(atPath: fixture("valid"), toPath: original)
        // Contacts Cardbox imported earlier (2.1 converted, 3.0 kept), and one in the trash.
        #expect(try runCardbox(["import", fixture("multi/outlook-2.1-export.vcf"), fixture("multi/iphone-export-3.0.vcf"),
                                "--dir", original]).status == 0)
        folder.write("original/trash.vcf", sampleCard(fn: "In The Trash", uid: "trash-1", extra: ["X-DELETED-AT:20240101T000000Z"]))

        let exported = try runCardboxBytes(["export", "--dir", original, "--include-deleted"])
        #expect(exported.status == 0)
        let stream = folder.sub("stream.vcf")
        _ = FileManager.default.createFile(atPath: stream, contents: Data(exported.stdout))
        let copy = folder.sub("copy")
        let imported = try runCardbox(["import", stream, "--dir", copy])
        #expect(imported.status == 0)
        #expect(imported.stdout == "imported 43, skipped 0, failed 0 into \(copy)\n")

        // The same contacts, apart from ids (files without a UID get a new one) and the source.
        func contacts(_ directory: String) throws -> [String] {
            let store = ContactStore(directory: directory)
            try store.load()
            return store.read { index in
                index.entries.map { entry in
                    var contact = entry.contact
                    contact.id = ""
                    contact.source = ""
                    return String(describing: contact)
                }
            }.sorted()
        }
        let before = try contacts(original)
        #expect(before.count == 43)
        #expect(try contacts(copy) == before)

        // Every card's property lines come back, plus X-SOURCE:import and a UID where one was missing.
        func lineSets(_ cards: [VCard]) -> [String] {
            cards.map { card in
                card.properties.filter { !$0.hasName("X-SOURCE") && !$0.hasName("UID") }
                    .map { String(decoding: $0.serialized(), as: UTF8.self) }.sorted().joined()
            }.sorted()
        }
        var copied: [VCard] = []
        for name in folder.vcfNames(in: copy) {
            let bytes = Array(FileManager.default.contents(atPath: copy + "/" + name) ?? Data())
            let card = try #require(try VCardReader.read(bytes).first)
            #expect(card.all(named: "X-SOURCE").map(\.value) == ["import"])
            #expect(card.all(named: "UID").count == 1)
            copied.append(card)
        }
        let streamCards = try VCardReader.read(exported.stdout)
        #expect(lineSets(copied) == lineSets(streamCards))
        for card in streamCards {
            guard let uid = card.first(named: "UID")?.value else { continue }
            #expect(copied.contains { $0.first(named: "UID")?.value == uid }, "UID \(uid) kept")
        }

        // Exporting the copy gives the same stream, apart from the X-SOURCE and UID lines.
        let again = try runCardboxBytes(["export", "--dir", copy, "--include-deleted"])
        #expect(lineSets(try VCardReader.read(again.stdout)) == lineSets(streamCards))
    }
}
