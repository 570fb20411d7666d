@testable import ContactStore
import TestSupport
import Testing
import VCard

/// The sort order against a plain sort of the same slots (keyed by (key, id),
/// then unkeyed by id, nulls last both ways) after random inserts, removes and
/// replacements: walk order, ranks, slots at ranks and walks from a rank.
@Suite("Sort order matches a plain sort after random writes")
struct SortOrderTests {
    static let names = ["Ángel", "angel", "ANGEL", "Ana", "ana", "Zoë", "Zoe", "Müller", "muller", "Émile", "Østergaard", "李", "Bob", "bob", "Ωμέγα", ""]
    static let companies: [String?] = [nil, "Acme", "ACME", "Ácme", "acme labs", "Globex", "Café Olé", nil, nil]
    static let times: [Int64] = [-86_400, -1, 0, 1, 2, 3, 1_700_000_000, 1_700_000_001, 4_102_444_800]

    /// Slots and their contacts, with freed slots reused first, as ``ContactIndex`` does,
    /// and the ``SortKeys`` columns the order reads.
    struct Slots {
        var entries: [Contact?] = []
        var free: [Int32] = []
        var ids = Set<String>()
        var keys = SortKeys()
        /// The marked slots (the index marks the trash): every third contact added.
        var marked = Set<Int32>()
        var added = 0

        var present: [Int32] { entries.indices.filter { entries[$0] != nil }.map { Int32($0) } }

        /// A random present slot, nil when there is none.
        func randomSlot(_ generator: inout SeededGenerator) -> Int32? {
            guard ids.count > 0 else { return nil }
            while true {
                let slot = Int.random(in: 0..<entries.count, using: &generator)
                if entries[slot] != nil { return Int32(slot) }
            }
        }

        mutating func add(_ entry: Contact) -> Int32 {
            added += 1
            let slot: Int32
            if let reused = free.popLast() {
                slot = reused
                entries[Int(slot)] = entry
            } else {
                entries.append(entry)
                slot = Int32(entries.count - 1)
            }
            set(slot, entry)
            if added % 3 == 0 { marked.insert(slot) } else { marked.remove(slot) }
            return slot
        }

        /// Puts `entry` in the occupied slot `slot`.
        mutating func set(_ slot: Int32, _ entry: Contact) {
            ids.insert(entry.id)
            entries[Int(slot)] = entry
            keys.set(slot, id: entry.id, displayKey: TextFolding.fold(entry.displayName), companyKey: entry.company.map(TextFolding.fold),
                     created: entry.createdAt.secondsSince1970, updated: entry.updatedAt.secondsSince1970)
        }

        mutating func clear(_ slot: Int32) {
            ids.remove(entries[Int(slot)]!.id)
            entries[Int(slot)] = nil
            keys.remove(slot)
            marked.remove(slot)
            free.append(slot)
        }
    }

    /// A contact with random keys; ids of varying length share long prefixes.
    func randomEntry(_ generator: inout SeededGenerator, avoiding ids: Set<String>) -> Contact {
        var id: String
        repeat {
            let prefix = ["contact-", "Contact-", "c", "contact-0000"].randomElement(using: &generator)!
            id = prefix + String(Int.random(in: 0..<5_000, using: &generator))
        } while ids.contains(id)
        var name = Self.names.randomElement(using: &generator)!
        if Bool.random(using: &generator) { name += " " + Self.names.randomElement(using: &generator)! }
        return person(id, name, company: Self.companies.randomElement(using: &generator)!,
                      created: Self.times.randomElement(using: &generator)!, updated: Self.times.randomElement(using: &generator)!)
    }

    /// (key, id) order of two contacts, written independently of ``SortOrder`` and ``SortKeys``.
    static func referenceCompare(_ a: Contact, _ b: Contact, _ field: SortField) -> Int {
        func bytes(_ x: [UInt8], _ y: [UInt8]) -> Int { x == y ? 0 : (x.lexicographicallyPrecedes(y) ? -1 : 1) }
        let order: Int
        switch field {
        case .displayName: order = bytes(TextFolding.fold(a.displayName), TextFolding.fold(b.displayName))
        case .company: order = bytes(TextFolding.fold(a.company ?? ""), TextFolding.fold(b.company ?? ""))
        case .createdAt: order = a.createdAt == b.createdAt ? 0 : (a.createdAt < b.createdAt ? -1 : 1)
        case .updatedAt: order = a.updatedAt == b.updatedAt ? 0 : (a.updatedAt < b.updatedAt ? -1 : 1)
        }
        return order != 0 ? order : bytes(Array(a.id.utf8), Array(b.id.utf8))
    }

    /// Every present slot in `field` order, written independently of ``SortOrder``.
    func reference(_ slots: Slots, _ field: SortField, ascending: Bool) -> [Int32] {
        let present = slots.present
        let hasKey = { (slot: Int32) in field != .company || slots.entries[Int(slot)]!.company != nil }
        let keyed = present.filter(hasKey).sorted {
            Self.referenceCompare(slots.entries[Int($0)]!, slots.entries[Int($1)]!, field) < 0
        }
        let unkeyed = present.filter { !hasKey($0) }.sorted {
            Array(slots.entries[Int($0)]!.id.utf8).lexicographicallyPrecedes(Array(slots.entries[Int($1)]!.id.utf8))
        }
        return ascending ? keyed + unkeyed : keyed.reversed() + unkeyed.reversed()
    }

    /// Compares everything the order answers with the reference, in both directions.
    func expectMatches(_ order: SortOrder, _ slots: Slots, _ generator: inout SeededGenerator,
                       _ context: @autoclosure () -> String) {
        for ascending in [true, false] {
            let expected = reference(slots, order.field, ascending: ascending)
            #expect(order.count == expected.count, "\(context()) ascending \(ascending)")
            var walked: [Int32] = []
            order.forEach(ascending: ascending) { walked.append($0); return true }
            #expect(walked == expected, "walk, \(context()) ascending \(ascending)")
            let ranks = expected.map { order.rank(of: $0, ascending: ascending) }
            #expect(ranks == Array(expected.indices), "ranks, \(context()) ascending \(ascending)")
            let atRanks = expected.indices.map { order.slot(atRank: $0, ascending: ascending) }
            #expect(atRanks == expected, "slots at ranks, \(context()) ascending \(ascending)")
            #expect(order.slot(atRank: expected.count, ascending: ascending) == nil)
            #expect(order.slot(atRank: -1, ascending: ascending) == nil)

            // Walks from a rank: random ones, the ends, and the first unkeyed slot.
            let firstUnkeyed = expected.firstIndex { order.field == .company && slots.entries[Int($0)]!.company == nil }
            var starts = [0, expected.count - 1, expected.count, expected.count + 5, firstUnkeyed ?? 0]
            starts += (0..<4).map { _ in Int.random(in: 0...max(expected.count, 1), using: &generator) }
            for start in starts {
                let length = Int.random(in: 0...30, using: &generator)
                var page: [Int32] = []
                order.forEach(ascending: ascending, startingAt: start) { page.append($0); return page.count < length }
                let tail = expected.dropFirst(max(start, 0))
                #expect(page == Array(tail.prefix(max(length, 1))), "page from \(start), \(context()) ascending \(ascending)")
            }
            let start = Int.random(in: 0...max(expected.count, 1), using: &generator)
            var rest: [Int32] = []
            order.forEach(ascending: ascending, startingAt: start) { rest.append($0); return true }
            #expect(rest == Array(expected.dropFirst(start)), "walk from \(start), \(context()) ascending \(ascending)")

            // The n-th marked (or unmarked) slot's rank, for every n and just past the last.
            for marked in [true, false] {
                let wanted = expected.enumerated().filter { slots.marked.contains($0.element) == marked }.map(\.offset)
                let found = (0...wanted.count).map { order.rank(ofNth: $0, marked: marked, ascending: ascending) }
                #expect(found == wanted + [nil], "ranks of the n-th \(marked ? "marked" : "unmarked"), \(context()) ascending \(ascending)")
            }
        }
    }

    /// One random write: a new contact, a removal, or a replacement in the same slot (an upsert).
    func randomWrite(_ order: inout SortOrder, _ slots: inout Slots, _ generator: inout SeededGenerator, removals: Int) {
        let choice = Int.random(in: 0..<100, using: &generator)
        guard let slot = slots.randomSlot(&generator), choice < 45 + removals else {
            let slot = slots.add(randomEntry(&generator, avoiding: slots.ids))
            order.insert(slot, keys: slots.keys, marked: slots.marked.contains(slot))
            return
        }
        if choice < removals {
            order.remove(slot)
            slots.clear(slot)
        } else {
            order.remove(slot)
            let old = slots.entries[Int(slot)]!
            slots.ids.remove(old.id)
            // Same id (an edit) or a new one, in the same slot.
            let fresh = randomEntry(&generator, avoiding: slots.ids)
            let contact = person(Bool.random(using: &generator) ? old.id : fresh.id, fresh.displayName,
                                 company: fresh.company, created: fresh.createdAt.secondsSince1970, updated: fresh.updatedAt.secondsSince1970)
            slots.set(slot, contact)
            if Bool.random(using: &generator) { slots.marked.insert(slot) } else { slots.marked.remove(slot) }
            order.insert(slot, keys: slots.keys, marked: slots.marked.contains(slot))
        }
    }

    /// Small blocks: thousands of writes split, merge and drop blocks all the time.
    @Test(arguments: SortField.allCases, [1, 3, 16])
    func smallBlocksAfterRandomWrites(field: SortField, blockSize: Int) {
        var generator = SeededGenerator(seed: UInt64(blockSize) << 8 | UInt64(SortField.allCases.firstIndex(of: field)!))
        var slots = Slots()
        for _ in 0..<150 { _ = slots.add(randomEntry(&generator, avoiding: slots.ids)) }
        // Holes at load, as left by files that were not contacts.
        for _ in 0..<20 { slots.clear(slots.present.randomElement(using: &generator)!) }
        var order = SortOrder(field: field, slots: slots.present, keys: slots.keys, slotCount: slots.entries.count, blockSize: blockSize) { slots.marked.contains($0) }
        expectMatches(order, slots, &generator, "\(field) block \(blockSize) at load")
        for step in 1...2_000 {
            // Phases: grow, shrink to almost nothing, grow again.
            let removals = step % 1_000 < 400 ? 10 : (step % 1_000 < 750 ? 60 : 25)
            randomWrite(&order, &slots, &generator, removals: removals)
            if step % 9 == 0 { expectMatches(order, slots, &generator, "\(field) block \(blockSize) step \(step)") }
        }
    }

    /// The default block size: enough inserts to split blocks, enough removals to merge them.
    @Test(arguments: SortField.allCases)
    func defaultBlocksAfterManyWrites(field: SortField) {
        var generator = SeededGenerator(seed: 40 + UInt64(SortField.allCases.firstIndex(of: field)!))
        var slots = Slots()
        for _ in 0..<2_500 { _ = slots.add(randomEntry(&generator, avoiding: slots.ids)) }
        var order = SortOrder(field: field, slots: slots.present, keys: slots.keys, slotCount: slots.entries.count) { slots.marked.contains($0) }
        expectMatches(order, slots, &generator, "\(field) at load")
        for step in 1...9_000 {
            randomWrite(&order, &slots, &generator, removals: step <= 5_000 ? 0 : 80)
            if step % 1_000 == 0 { expectMatches(order, slots, &generator, "\(field) step \(step)") }
        }
    }

    /// The load-time sort on many equal keys, keys and ids with long shared
    /// prefixes, a key with a NUL byte, and times beyond what one digit holds.
    @Test(arguments: SortField.allCases)
    func bulkSortOfManyTies(field: SortField) {
        var generator = SeededGenerator(seed: 70 + UInt64(SortField.allCases.firstIndex(of: field)!))
        let names = ["Prof. Dr. Ana", "Prof. Dr. Ana María", "Prof. Dr. ana", "Prof. Dr. Anabel", "Prof.", "Prof. Dr.", "Ana\u{0}", "Ana", "An"]
        let companies: [String?] = [nil, "Müller & Söhne KG", "Müller & Söhne", "Muller", "Initech", "Initech Labs"]
        let times: [Int64] = [.min, -(1 << 40) - 5, -(1 << 40), -1, 0, 1, 1 << 40, (1 << 40) + 5, .max]
        var slots = Slots()
        for number in 0..<6_000 {
            let id = ["", "c", "contact-", "contact-00000000-"].randomElement(using: &generator)! + String(number * 7_919 % 6_007)
            let contact = person(id, names.randomElement(using: &generator)!, company: companies.randomElement(using: &generator)!,
                                 created: times.randomElement(using: &generator)!, updated: times.randomElement(using: &generator)!)
            _ = slots.add(contact)
        }
        let order = SortOrder(field: field, slots: slots.present, keys: slots.keys, slotCount: slots.entries.count) { slots.marked.contains($0) }
        expectMatches(order, slots, &generator, "\(field) many ties")
    }

    @Test func emptyOrderAnswersNothing() {
        var slots = Slots()
        var order = SortOrder(field: .company, slots: [], keys: slots.keys, slotCount: 0, blockSize: 2)
        var visited: [Int32] = []
        order.forEach(ascending: false, startingAt: 0) { visited.append($0); return true }
        #expect(visited.isEmpty)
        #expect(order.count == 0)
        #expect(order.slot(atRank: 0, ascending: true) == nil)

        order.insert(slots.add(person("a", "Ana")), keys: slots.keys)
        #expect(order.rank(of: 0, ascending: false) == 0)
        order.remove(0)
        #expect(order.count == 0)
    }
}
