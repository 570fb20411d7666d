import ContactStore
import Foundation
import TestSupport
import Testing
@testable import cardbox_bench

@Suite("The benchmark corpus generator")
struct CorpusGeneratorTests {
    @Test func theSameSeedWritesAByteIdenticalFolder() throws {
        let first = TemporaryFolder(), second = TemporaryFolder(), other = TemporaryFolder()
        let summary = try CorpusCommand.write(count: 300, seed: 7, to: first.path)
        #expect(try CorpusCommand.write(count: 300, seed: 7, to: second.path) == summary)
        _ = try CorpusCommand.write(count: 300, seed: 8, to: other.path)
        #expect(first.fileNames.count == 300)
        #expect(first.fileNames == second.fileNames)
        for name in first.fileNames {
            #expect(first.read(name) == second.read(name), "\(name) differs between two runs with seed 7")
        }
        #expect(Set(first.fileNames).isDisjoint(with: other.fileNames))
    }

    @Test func theStoreLoadsEveryGeneratedFileAsTheContactItWasMadeFrom() throws {
        let folder = TemporaryFolder()
        let summary = try CorpusCommand.write(count: 600, seed: 42, to: folder.path)
        let store = ContactStore(directory: folder.path)
        try store.load()
        let status = store.status()
        #expect(status.problems.isEmpty)
        #expect(status.warnings.isEmpty)
        #expect(status.groups == 0)
        #expect(status.contacts + status.deleted == 600)
        #expect(status.deleted == summary.deleted)

        var generator = CorpusGenerator(seed: 42)
        for _ in 0..<600 {
            let card = generator.next()
            let contact = try #require(store.entry(card.id)?.contact, "\(card.id) (vCard \(card.version.rawValue)) is not a contact")
            #expect(contact.displayName == card.person.displayName)
            #expect(contact.lastName == card.person.nameParts[0])
            #expect(contact.emails.map(\.address) == card.person.emails.map(\.address))
            #expect(contact.phones.count == card.person.phones.count)
            #expect(contact.company == card.person.company)
            #expect(contact.notes == card.person.note)
            #expect(contact.tags == card.person.tags)
            #expect(contact.isDeleted == card.isDeleted)
        }
    }

    @Test func theCorpusHasTheShapesOfRealExports() throws {
        var generator = CorpusGenerator(seed: 1)
        let cards = (0..<2000).map { _ in generator.next() }
        let texts = cards.map(\.text)
        func count(_ predicate: (String) -> Bool) -> Int { texts.filter(predicate).count }

        #expect(count { $0.contains("VERSION:4.0") } > 1500)
        #expect(count { $0.contains("VERSION:3.0") } > 100)
        #expect(count { $0.contains("VERSION:2.1") && $0.contains("ENCODING=QUOTED-PRINTABLE:") && $0.contains("=\r\n") } > 20)
        #expect(count { $0.contains("\r\n ") } > 200, "folded lines")
        #expect(count { $0.contains(":tel:") } > 100)
        #expect(count { $0.contains("PHOTO") } > 10)
        #expect(count { $0.contains("X-DELETED-AT:") } > 100)
        #expect(count { $0.contains("item1.EMAIL") } > 50)
        #expect(count { $0.contains("NOTE:") && $0.contains("\\n") } > 20)
        #expect(cards.filter { $0.person.emails.count > 1 }.count > 200)
        #expect(cards.filter { $0.person.phones.count > 1 }.count > 200)
        #expect(cards.filter { !$0.person.displayName.unicodeScalars.allSatisfy(\.isASCII) }.count > 500)
        for card in cards {
            let lines = card.text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            #expect(lines.last?.isEmpty == true && lines.dropLast().allSatisfy { $0.last == UInt8(ascii: "\r") }, "every line ends in CRLF")
            if card.version != .v21 {
                #expect(lines.allSatisfy { $0.count <= 76 }, "4.0 and 3.0 lines are folded at 75 octets")
            }
        }
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        #expect((500...650).contains(bytes / cards.count), "about 580 bytes per card, as the figures in the README assume")
    }
}
