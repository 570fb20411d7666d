import Testing
import VCard
@testable import ContactStore

/// An index over hand-made contacts.
func index(_ contacts: [Contact]) -> ContactIndex {
    let status = FileFingerprint.placeholder
    return ContactIndex(entries: contacts.map { IndexEntry(contact: $0, fileName: $0.id + ".vcf", file: status, uid: nil) })
}

func person(_ id: String, _ name: String, company: String? = nil, created: Int64 = 0, updated: Int64 = 0, deleted: Bool = false,
            emails: [String] = [], phones: [String] = [], tags: [String] = [], notes: String? = nil, source: String = "api") -> Contact {
    Contact(id: id, displayName: name, emails: emails.map { Contact.Email(address: $0) }, phones: phones.map { Contact.Phone(number: $0) },
            company: company, notes: notes, tags: tags, source: source, createdAt: VCardTimestamp(secondsSince1970: created),
            updatedAt: VCardTimestamp(secondsSince1970: updated), deletedAt: deleted ? VCardTimestamp(secondsSince1970: 1) : nil)
}

extension FileFingerprint {
    static var placeholder: FileFingerprint {
        FileFingerprint(status: try! FileSystemStatus.of("/"), bytes: [])
    }
}

func ids(_ result: QueryResult) -> [String] { result.entries.map(\.id) }

@Suite("Queries: sort, search, filters, pages (SPEC §2.3)")
struct ContactQueryTests {
    let people = index([
        person("1", "Ángel Ruiz", company: "Zeta", created: 5, updated: 50),
        person("2", "andrea López", company: nil, created: 4, updated: 40, emails: ["andrea@example.com"], tags: ["VIP", "golf"]),
        person("3", "Bob", company: "acme", created: 3, updated: 30, phones: ["+34 612 34 56 78"], notes: "Met at Café Olé"),
        person("4", "Zoë Müller", company: "Ácme GmbH", created: 2, updated: 20, deleted: true, tags: ["vip"], source: "import"),
        person("5", "bob", company: "Beta", created: 1, updated: 10, tags: ["golf"], source: "file"),
    ])

    func run(_ configure: (inout ContactQuery) -> Void) -> QueryResult {
        var query = ContactQuery()
        configure(&query)
        return people.run(query)
    }

    @Test func pagingArithmeticSaturatesAtTheLargestOffsetsAndLimits() {
        for offset in [Int.max, Int.max - 1, Int(Int32.max)] {
            for limit in [Int.max, 1000, 1] {
                #expect(run { $0.offset = offset; $0.limit = limit }.entries.isEmpty)
                #expect(run { $0.offset = offset; $0.limit = limit; $0.search = ["b"] }.entries.isEmpty)
                #expect(run { $0.offset = offset; $0.limit = limit; $0.tags = ["golf"] }.total == 2)
            }
        }
        #expect(ids(run { $0.offset = 1; $0.limit = Int.max }) == ["1", "3", "5"])
        #expect(ids(run { $0.offset = 0; $0.limit = Int.max; $0.search = ["b"] }) == ["3", "5"])
    }

    @Test func sortsByDisplayNameCaseAndAccentInsensitivelyWithIDTieBreak() {
        #expect(ids(run { _ in }) == ["2", "1", "3", "5"])
        #expect(ids(run { $0.ascending = false }) == ["5", "3", "1", "2"])
    }

    @Test func companySortPutsNullsLastInBothOrders() {
        #expect(ids(run { $0.sort = .company }) == ["3", "5", "1", "2"])
        #expect(ids(run { $0.sort = .company; $0.ascending = false }) == ["1", "5", "3", "2"])
        #expect(ids(run { $0.sort = .company; $0.deleted = .include }) == ["3", "4", "5", "1", "2"])
    }

    @Test func sortsByTimestamps() {
        #expect(ids(run { $0.sort = .createdAt }) == ["5", "3", "2", "1"])
        #expect(ids(run { $0.sort = .updatedAt; $0.ascending = false }) == ["1", "2", "3", "5"])
    }

    @Test func searchIsAccentAndCaseInsensitiveAndAndsTerms() {
        #expect(ids(run { $0.setSearch("angel") }) == ["1"])
        #expect(ids(run { $0.setSearch("LÓPEZ andrea") }) == ["2"])
        #expect(ids(run { $0.setSearch("bob cafe") }) == ["3"])
        #expect(ids(run { $0.setSearch("example.com") }) == ["2"])
        #expect(ids(run { $0.setSearch("acme") }) == ["3"])
        #expect(ids(run { $0.setSearch("nobody") }).isEmpty)
    }

    @Test func digitTermsMatchPhoneDigits() {
        #expect(ids(run { $0.setSearch("612 345") }) == ["3"])
        #expect(ids(run { $0.setSearch("+34612") }) == ["3"])
        #expect(ids(run { $0.setSearch("7812") }).isEmpty)
    }

    @Test func filters() {
        #expect(ids(run { $0.tags = ["vip"] }) == ["2"])
        #expect(ids(run { $0.tags = ["GOLF", "vip"] }) == ["2"])
        #expect(ids(run { $0.tags = ["vip"]; $0.deleted = .include }) == ["2", "4"])
        #expect(ids(run { $0.company = "acme" }) == ["3"])
        #expect(ids(run { $0.company = "acme"; $0.deleted = .only }) == ["4"])
        #expect(ids(run { $0.source = "file" }) == ["5"])
        #expect(ids(run { $0.deleted = .only }) == ["4"])
    }

    @Test func pagesWithTotals() {
        let first = run { $0.limit = 2 }
        #expect(ids(first) == ["2", "1"] && first.total == 4)
        let second = run { $0.limit = 2; $0.offset = 2 }
        #expect(ids(second) == ["3", "5"] && second.total == 4)
        let beyond = run { $0.limit = 2; $0.offset = 10 }
        #expect(ids(beyond).isEmpty && beyond.total == 4)
        let filtered = run { $0.limit = 1; $0.tags = ["golf"] }
        #expect(ids(filtered) == ["2"] && filtered.total == 2)
        #expect(run { $0.limit = 0 }.total == 4)
    }

    @Test func paginationIsStableAcrossPagesWithTies() {
        let many = index((0..<250).map { person(String(format: "%03d", $0), $0 % 2 == 0 ? "Same Name" : "same name") })
        var seen: [String] = []
        for page in 0..<13 {
            var query = ContactQuery()
            query.limit = 20
            query.offset = page * 20
            seen += ids(many.run(query))
        }
        #expect(seen == (0..<250).map { String(format: "%03d", $0) })
    }

    @Test func upsertAndRemoveKeepOrdersSorted() {
        var live = people
        live.upsert(IndexEntry(contact: person("6", "Aaron", company: "Acme"), fileName: "6.vcf", file: .placeholder, uid: nil))
        live.upsert(IndexEntry(contact: person("3", "Zed"), fileName: "3.vcf", file: .placeholder, uid: nil))
        live.remove("5")
        #expect(ids(live.run(ContactQuery())) == ["6", "2", "1", "3"])
        var byCompany = ContactQuery()
        byCompany.sort = .company
        #expect(ids(live.run(byCompany)) == ["6", "1", "2", "3"])
        #expect(live.liveCount == 4 && live.deletedCount == 1)
    }
}
