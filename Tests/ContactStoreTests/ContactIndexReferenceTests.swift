import Platform
import Testing
import TestSupport
import VCard
@testable import ContactStore

/// The index against a brute-force reference of SPEC §2.3 over random
/// contacts, random queries and random writes in between: the same page (ids
/// in order) and the same total, for every query.
@Suite("Index matches a reference implementation")
struct ContactIndexReferenceTests {
    static let words = ["Ángel", "Ana", "Anna", "Zoë", "Müller", "Émile", "Østergaard", "李", "伟", "Ωμέγα", "García", "López",
                        "Nguyễn", "Straße", "O'Brien", "Jean-Luc", "Bob", "bob", "ANA", "Íñigo", "Çelik"]
    static let companies: [String?] = [nil, nil, "Acme", "ACME Labs", "Ácme", "Globex GmbH", "Café Olé S.L.", "北京科技", "", "Initech"]
    static let tags = ["vip", "VIP", "golf", "work", "école", "École", "book-club"]
    static let domains = ["example.com", "exämple.org", "mail.de"]
    static let notes = ["met at Café Olé", "call after 3pm", "Línea directa: 612 urgent", "喜欢喝茶。", "Ana's friend"]

    /// What the reference searches, folded once per contact.
    struct Searchable {
        let contact: Contact
        let fields: [[UInt8]]
        let phones: [[UInt8]]

        init(_ contact: Contact) {
            self.contact = contact
            fields = ([contact.displayName, contact.firstName, contact.lastName, contact.company, contact.notes].compactMap { $0 }
                + contact.emails.map(\.address)).map(TextFolding.fold)
            phones = contact.phones.map { TextFolding.digits($0.number) }
        }
    }

    static func pick<T>(_ values: [T], _ random: inout SeededGenerator) -> T { values.randomElement(using: &random)! }

    static func chance(_ percent: Int, _ random: inout SeededGenerator) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    static func randomPhone(_ random: inout SeededGenerator) -> String {
        let digits = { (count: Int, random: inout SeededGenerator) in String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &random))) }) }
        switch Int.random(in: 0..<3, using: &random) {
        case 0: return "+34 6\(digits(2, &random)) \(digits(3, &random)) \(digits(3, &random))"
        case 1: return "(555) \(digits(3, &random))-\(digits(4, &random))"
        default: return digits(Int.random(in: 1...6, using: &random), &random)
        }
    }

    static func randomContact(_ id: Int, _ random: inout SeededGenerator) -> Contact {
        let first = chance(70, &random) ? pick(words, &random) : nil
        let last = chance(70, &random) ? pick(words, &random) : nil
        let display = [first, last].compactMap { $0 }.joined(separator: " ")
        var tags: [String] = []
        for tag in Self.tags where chance(20, &random) && !tags.contains(where: { $0.lowercased() == tag.lowercased() }) { tags.append(tag) }
        let slug = display.isEmpty ? "x" : display.lowercased().replacingOccurrences(of: " ", with: ".")
        return Contact(id: "id-" + String(1000 + id), displayName: display.isEmpty ? pick(words, &random) : display, firstName: first, lastName: last,
                       emails: (0..<Int.random(in: 0...2, using: &random)).map { _ in Contact.Email(address: slug + "@" + pick(domains, &random)) },
                       phones: (0..<Int.random(in: 0...2, using: &random)).map { _ in Contact.Phone(number: randomPhone(&random)) },
                       company: pick(companies, &random), notes: chance(30, &random) ? pick(notes, &random) : nil, tags: tags,
                       source: pick(["api", "file", "import"], &random),
                       createdAt: VCardTimestamp(secondsSince1970: Int64.random(in: 0..<40, using: &random)),
                       updatedAt: VCardTimestamp(secondsSince1970: Int64.random(in: -5..<40, using: &random)),
                       deletedAt: chance(20, &random) ? VCardTimestamp(secondsSince1970: 1) : nil)
    }

    /// A random whitespace-free part of `text` of one, two, three or more characters.
    static func part(of text: String, _ random: inout SeededGenerator) -> String {
        let words = text.split(whereSeparator: \.isWhitespace).map(Array.init)
        guard let word = words.randomElement(using: &random) else { return "q" }
        let length = min(word.count, pick([1, 1, 2, 2, 3, 3, 4, 6, 20], &random))
        let start = Int.random(in: 0...(word.count - length), using: &random)
        let part = String(word[start..<start + length])
        return chance(25, &random) ? part.uppercased() : part
    }

    static func randomTerm(_ contacts: [Contact], _ random: inout SeededGenerator) -> String {
        let contact = contacts.randomElement(using: &random)
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<5:
            let fields = ([contact?.displayName, contact?.firstName, contact?.lastName, contact?.company, contact?.notes].compactMap { $0 }
                + (contact?.emails.map(\.address) ?? []))
            return part(of: fields.randomElement(using: &random) ?? "ana", &random)
        case 5..<7:
            return part(of: contact?.phones.randomElement(using: &random)?.number ?? "612", &random)
        case 7: return pick(["a", "e", "n", "an", "na", "zz", "q", "xyz", "l", ".", "@", "1", "12", "a1", "x9"], &random)
        case 8: return pick(["garcia", "GARCÍA", "muller", "MÜLLER", "zoe", "ωμε", "李伟", "strasse", "obrien", "o'brien", "acme"], &random)
        default: return pick(["6", "34", "555", "612", "+34", "(555)", "3pm", "\u{0301}", "é"], &random)
        }
    }

    static func randomQuery(_ contacts: [Contact], _ random: inout SeededGenerator) -> ContactQuery {
        var query = ContactQuery()
        query.sort = pick(SortField.allCases, &random)
        query.ascending = chance(50, &random)
        query.limit = pick([0, 1, 2, 5, 20, 20, 100, 1000], &random)
        query.offset = pick([0, 0, 0, 1, 3, 10, 50, 200, 100_000], &random)
        query.deleted = pick([.exclude, .exclude, .include, .only], &random)
        if chance(70, &random) { query.search = (0..<pick([1, 1, 1, 2, 2, 3, 5], &random)).map { _ in randomTerm(contacts, &random) } }
        if chance(25, &random) { query.tags = (0..<Int.random(in: 1...2, using: &random)).map { _ in pick(tags + ["nope", "ECOLE"], &random) } }
        if chance(20, &random) {
            query.company = chance(80, &random) ? part(of: pick(companies, &random) ?? "acme", &random) : pick(["", "zzz", "ACME"], &random)
        }
        if chance(15, &random) { query.source = pick(["api", "file", "import", "nope"], &random) }
        return query
    }

    /// The ids and total SPEC §2.3 asks for, by filtering and sorting everything.
    static func reference(_ contacts: [String: Searchable], _ query: ContactQuery) -> (ids: [String], total: Int) {
        let matching = contacts.values.filter { searchable in
            let contact = searchable.contact
            switch query.deleted {
            case .exclude: if contact.isDeleted { return false }
            case .only: if !contact.isDeleted { return false }
            case .include: break
            }
            if let source = query.source, contact.source != source { return false }
            if let company = query.company {
                guard let own = contact.company, ByteSearchReference.contains(TextFolding.fold(own), TextFolding.fold(company)) else { return false }
            }
            for tag in query.tags where !contact.tags.contains(where: { $0.lowercased() == tag.lowercased() }) { return false }
            for term in query.search {
                let text = TextFolding.fold(term)
                let digits = TextFolding.digits(term)
                let inText = searchable.fields.contains { ByteSearchReference.contains($0, text) }
                let inPhones = !digits.isEmpty && searchable.phones.contains { ByteSearchReference.contains($0, digits) }
                if !inText && !inPhones { return false }
            }
            return true
        }.map(\.contact)
        func key(_ contact: Contact) -> [UInt8]? {
            switch query.sort {
            case .displayName: return TextFolding.fold(contact.displayName)
            case .company: return contact.company.map(TextFolding.fold)
            case .createdAt: return bigEndian(contact.createdAt.secondsSince1970)
            case .updatedAt: return bigEndian(contact.updatedAt.secondsSince1970)
            }
        }
        // Nulls last in both directions; ties by id in the order's direction.
        let keyed = matching.filter { key($0) != nil }.sorted { a, b in
            let order = ByteSearch.compare(key(a)!, key(b)!)
            return order != 0 ? order < 0 : a.id < b.id
        }
        let unkeyed = matching.filter { key($0) == nil }.sorted { $0.id < $1.id }
        let ordered = query.ascending ? keyed + unkeyed : keyed.reversed() + unkeyed.reversed()
        return (Array(ordered.dropFirst(query.offset).prefix(query.limit).map(\.id)), matching.count)
    }

    static func bigEndian(_ value: Int64) -> [UInt8] {
        withUnsafeBytes(of: (UInt64(bitPattern: value) ^ (1 << 63)).bigEndian) { Array($0) }
    }

    static func entry(_ contact: Contact) -> IndexEntry {
        IndexEntry(contact: contact, fileName: contact.id + ".vcf", file: .placeholder, uid: nil)
    }

    /// `queries` random queries over `size` random contacts, with a random write
    /// (upsert, soft delete, restore or remove) before about every third.
    static func compare(seed: UInt64, size: Int, queries: Int) {
        var random = SeededGenerator(seed: seed)
        var contacts: [String: Searchable] = [:]
        for id in 0..<size {
            let contact = randomContact(id, &random)
            contacts[contact.id] = Searchable(contact)
        }
        var index = ContactIndex(entries: contacts.values.map { entry($0.contact) })
        for round in 0..<queries {
            if chance(35, &random) {
                let id = "id-" + String(1000 + Int.random(in: 0..<(size + size / 10), using: &random))
                let action = Int.random(in: 0..<10, using: &random)
                if action < 2 {
                    index.remove(id)
                    contacts[id] = nil
                } else {
                    var contact = randomContact(Int(id.dropFirst(3))! - 1000, &random)
                    if action < 4, let old = contacts[id]?.contact {
                        // Soft delete or restore: the same contact with deletedAt set or cleared.
                        contact = old
                        contact.deletedAt = old.isDeleted ? nil : VCardTimestamp(secondsSince1970: 2)
                    }
                    index.upsert(entry(contact))
                    contacts[id] = Searchable(contact)
                }
            }
            let query = randomQuery(contacts.values.map(\.contact), &random)
            let result = index.run(query)
            let expected = reference(contacts, query)
            #expect(result.total == expected.total, "seed \(seed) round \(round): \(query)")
            #expect(result.entries.map(\.id) == expected.ids, "seed \(seed) round \(round): \(query)")
            if result.total != expected.total || result.entries.map(\.id) != expected.ids { return }
        }
        #expect(index.count == contacts.count)
    }

    /// 10,000 queries over 600 contacts: sparse and dense matches, every filter.
    @Test(arguments: 1...5)
    func randomQueriesAfterRandomWrites(seed: UInt64) {
        Self.compare(seed: seed, size: 600, queries: 2000)
    }

    /// Over 6,000 contacts the common grams' containers are bitmaps.
    @Test func randomQueriesOverBitmapContainers() {
        Self.compare(seed: 99, size: 6000, queries: 150)
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
