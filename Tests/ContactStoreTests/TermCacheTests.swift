import Testing
import VCard
@testable import ContactStore

/// A long term's verified matches are kept between queries and stay exact
/// through writes that add, change, trash and remove matching contacts.
@Suite("Kept term matches follow every write")
struct TermCacheTests {
    func search(_ index: ContactIndex, _ text: String, deleted: ContactQuery.Deleted = .exclude) -> [String] {
        var query = ContactQuery()
        query.setSearch(text)
        query.deleted = deleted
        query.limit = 100
        return ids(index.run(query))
    }

    @Test func keptMatchesFollowWrites() {
        var people = index([
            person("1", "Ana García", emails: ["ana@example.org"]),
            person("2", "Bob", notes: "met García at the fair"),
            person("3", "Carla", phones: ["+34 612 345 678"]),
        ])
        #expect(search(people, "garcía") == ["1", "2"])
        #expect(search(people, "612345") == ["3"])
        #expect(people.termCache.matches(TermCache.Term(text: TextFolding.fold("garcía"), digits: [])) != nil)

        people.upsert(IndexEntry(contact: person("4", "Garcia Lorca"), fileName: "4.vcf", file: .placeholder, uid: nil))
        people.upsert(IndexEntry(contact: person("2", "Bob", notes: "no names here"), fileName: "2.vcf", file: .placeholder, uid: nil))
        #expect(search(people, "garcía") == ["1", "4"])
        people.upsert(IndexEntry(contact: person("1", "Ana García", deleted: true), fileName: "1.vcf", file: .placeholder, uid: nil))
        #expect(search(people, "garcía") == ["4"])
        #expect(search(people, "garcía", deleted: .only) == ["1"])
        people.remove("4")
        #expect(search(people, "garcía") == [])
        people.upsert(IndexEntry(contact: person("5", "Dora", phones: ["612-345-678"]), fileName: "5.vcf", file: .placeholder, uid: nil))
        #expect(search(people, "612345") == ["3", "5"])
    }

    @Test func aCopyOfTheIndexKeepsItsOwnMatches() {
        let original = index([person("1", "Ana García"), person("2", "Luis García")])
        #expect(search(original, "garcía") == ["1", "2"])
        var copy = original
        copy.remove("2")
        #expect(search(copy, "garcía") == ["1"])
        #expect(search(original, "garcía") == ["1", "2"])
    }
}
