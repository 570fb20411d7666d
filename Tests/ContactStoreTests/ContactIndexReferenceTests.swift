import Platform
import Testing
import VCard
@testable import ContactStore

/// The index against a plain reference implementation of SPEC §2.3 over random
/// contacts, random queries and random writes: same pages, same totals.
@Suite("Index matches a reference implementation")
struct ContactIndexReferenceTests {
    static let names = ["Ángel", "angel", "Ana", "ana", "Zoë", "Zoe", "Müller", "muller", "Émile", "Østergaard", "李", "Bob", "bob", "Ωμέγα"]
    static let companies: [String?] = [nil, "Acme", "ACME Labs", "Ácme", "Globex", "Café Olé", nil]
    static let tags = ["vip", "VIP", "golf", "work", "école"]

    func randomContact(_ id: Int, _ random: inout SeededRandom) -> Contact {
        let name = Self.names[random.below(Self.names.count)] + (random.below(3) == 0 ? " " + Self.names[random.below(Self.names.count)] : "")
        var tags: [String] = []
        for tag in Self.tags where random.below(4) == 0 && !tags.contains(where: { $0.lowercased() == tag.lowercased() }) { tags.append(tag) }
        return person(String(format: "id-%04d", id), name, company: Self.companies[random.below(Self.companies.count)],
                      created: Int64(random.below(20)), updated: Int64(random.below(20)), deleted: random.below(5) == 0,
                      emails: random.below(2) == 0 ? ["\(name.lowercased().filter(\.isLetter))@example.com"] : [],
                      phones: random.below(2) == 0 ? ["+34 6\(random.below(10)) \(random.below(1000))"] : [], tags: tags,
                      notes: random.below(3) == 0 ? "met at Café \(random.below(9))" : nil, source: ["api", "file", "import"][random.below(3)])
    }

    func reference(_ contacts: [Contact], _ query: ContactQuery) -> (ids: [String], total: Int) {
        func folded(_ text: String) -> [UInt8] { TextFolding.fold(text) }
        let matching = contacts.filter { contact in
            switch query.deleted {
            case .exclude: if contact.isDeleted { return false }
            case .only: if !contact.isDeleted { return false }
            case .include: break
            }
            if let source = query.source, contact.source != source { return false }
            if let company = query.company {
                guard let own = contact.company, ByteSearchReference.contains(folded(own), folded(company)) else { return false }
            }
            for tag in query.tags where !contact.tags.contains(where: { $0.lowercased() == tag.lowercased() }) { return false }
            for term in query.search {
                let fields = [contact.displayName, contact.firstName, contact.lastName, contact.company, contact.notes].compactMap { $0 }
                    + contact.emails.map(\.address)
                let inText = fields.contains { ByteSearchReference.contains(folded($0), folded(term)) }
                let digits = TextFolding.digits(term)
                let inPhones = !digits.isEmpty && contact.phones.contains { ByteSearchReference.contains(TextFolding.digits($0.number), digits) }
                if !inText && !inPhones { return false }
            }
            return true
        }
        func key(_ contact: Contact) -> [UInt8]? {
            switch query.sort {
            case .displayName: return folded(contact.displayName)
            case .company: return contact.company.map(folded)
            case .createdAt: return bigEndian(contact.createdAt.secondsSince1970)
            case .updatedAt: return bigEndian(contact.updatedAt.secondsSince1970)
            }
        }
        let keyed = matching.filter { key($0) != nil }.sorted { a, b in
            let order = ByteSearch.compare(key(a)!, key(b)!)
            return order != 0 ? order < 0 : a.id < b.id
        }
        let unkeyed = matching.filter { key($0) == nil }.sorted { $0.id < $1.id }
        let ordered = query.ascending ? keyed + unkeyed : keyed.reversed() + unkeyed.reversed()
        let page = ordered.dropFirst(query.offset).prefix(query.limit).map(\.id)
        return (Array(page), matching.count)
    }

    func bigEndian(_ value: Int64) -> [UInt8] {
        withUnsafeBytes(of: (UInt64(bitPattern: value) ^ (1 << 63)).bigEndian) { Array($0) }
    }

    func randomQuery(_ random: inout SeededRandom) -> ContactQuery {
        var query = ContactQuery()
        query.sort = SortField.allCases[random.below(4)]
        query.ascending = random.below(2) == 0
        query.limit = [0, 1, 5, 20, 1000][random.below(5)]
        query.offset = [0, 0, 3, 17, 150][random.below(5)]
        query.deleted = [.exclude, .include, .only][random.below(3)]
        if random.below(3) == 0 { query.setSearch(["ana", "ANGEL", "mull", "cafe", "34 6", "example", "zoe ana", "ωμε", "9"][random.below(9)]) }
        if random.below(4) == 0 { query.tags = [["vip"], ["GOLF"], ["vip", "golf"], ["ecole"], ["école"]][random.below(5)] }
        if random.below(4) == 0 { query.company = ["acme", "ACM", "olé", "globex"][random.below(4)] }
        if random.below(5) == 0 { query.source = ["api", "file", "nope"][random.below(3)] }
        return query
    }

    @Test(arguments: 1...6)
    func randomQueriesAfterRandomWrites(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var contacts = (0..<300).map { randomContact($0, &random) }
        var index = ContactIndex(entries: contacts.map { IndexEntry(contact: $0, fileName: $0.id + ".vcf", file: .placeholder, uid: nil) })
        for round in 0..<400 {
            if round % 4 == 3 {
                // A write: replace, add or remove a contact.
                let id = random.below(330)
                let contact = randomContact(id, &random)
                if random.below(4) == 0 {
                    index.remove(contact.id)
                    contacts.removeAll { $0.id == contact.id }
                } else {
                    index.upsert(IndexEntry(contact: contact, fileName: contact.id + ".vcf", file: .placeholder, uid: nil))
                    contacts.removeAll { $0.id == contact.id }
                    contacts.append(contact)
                }
            }
            let query = randomQuery(&random)
            let result = index.run(query)
            let expected = reference(contacts, query)
            #expect(result.entries.map(\.id) == expected.ids, "seed \(seed) round \(round): \(query)")
            #expect(result.total == expected.total, "seed \(seed) round \(round): \(query)")
        }
    }

    @Test func foldingIgnoresCaseAndAccents() {
        #expect(TextFolding.fold("Ángel ÉMILE Müller") == Array("angel emile muller".utf8))
        #expect(TextFolding.fold("Straße Øre Łódź") == Array("strasse ore lodz".utf8))
        #expect(TextFolding.fold("Nguyễn Ωμέγα") == TextFolding.fold("nguyen ωμεγα"))
        #expect(TextFolding.fold("e\u{0301}") == Array("e".utf8))
        #expect(TextFolding.fold("李伟") == Array("李伟".utf8))
    }
}

/// A deterministic generator for reproducible random tests.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Naive substring search, independent of the index's memmem.
enum ByteSearchReference {
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}
