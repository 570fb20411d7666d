import Dispatch
import Synchronization

/// The in-memory index of the folder (DESIGN-NOTES 4, 5).
///
/// Each contact lives in a slot. Every filter has its ``SlotSet``s, so a query
/// is an intersection of sets: live and deleted slots, slots by tag, by
/// interned source and by interned company, and the ``GramIndex`` of the
/// full-text keys (the keys themselves are kept in two ``ByteArena``s to
/// verify long terms). One ``SortOrder`` per sort field keeps slots sorted
/// and knows each slot's rank. A value type: the store mutates it under its
/// write lock and readers query it under the read lock.
public struct ContactIndex: Sendable {
    var slots: [IndexEntry?] = []
    private var freeSlots: [Int32] = []
    private var slotByID: [String: Int32] = [:]
    var liveSlots = SlotSet()
    var deletedSlots = SlotSet()
    private var sourceCodes: [String: Int32] = [:]
    /// Slots by source code.
    var slotsBySource: [SlotSet] = []
    private(set) var companies: [[UInt8]] = []
    private var companyCodes: [[UInt8]: Int32] = [:]
    /// Slots by company code.
    var slotsByCompany: [SlotSet] = []
    /// The folded company names by their codes, for partial company filters.
    var companyGrams = GramIndex()
    var slotsByTag: [String: SlotSet] = [:]
    var searchText = ByteArena()
    var phoneDigits = ByteArena()
    var textGrams = GramIndex()
    var digitGrams = GramIndex()
    var orders: [SortOrder] = []
    public private(set) var liveCount = 0
    public private(set) var deletedCount = 0

    public init(entries: [IndexEntry] = []) {
        self.init(entries: entries.map { ($0, $0.searchKeys()) })
    }

    /// Builds the index from entries whose search keys were already computed
    /// (in parallel, while the folder was read).
    public init(entries: [(entry: IndexEntry, keys: SearchKeys)]) {
        reserveCapacity(entries.count, textBytes: entries.reduce(0) { $0 + $1.keys.text.count + 1 },
                        digitBytes: entries.reduce(0) { $0 + $1.keys.digits.count + 1 })
        for (entry, keys) in entries where slotByID[entry.id] == nil {
            place(entry, keys: keys, indexingGrams: false)
        }
        let arenas = [searchText, phoneDigits]
        let grams = Mutex<[GramIndex]>([GramIndex(), GramIndex()])
        let slotCount = slots.count
        // Each builds its ranges on all cores too; two at once keep both cores busy between ranges.
        DispatchQueue.concurrentPerform(iterations: 2) { which in
            let index = GramIndex(building: arenas[which], slotCount: slotCount)
            grams.withLock { $0[which] = index }
        }
        (textGrams, digitGrams) = grams.withLock { ($0[0], $0[1]) }
        let all = (0..<Int32(slots.count)).map { $0 }
        // The four orders are independent: build them on all cores.
        let built = Mutex<[SortField: SortOrder]>([:])
        let entries = slots
        DispatchQueue.concurrentPerform(iterations: SortField.allCases.count) { index in
            let field = SortField.allCases[index]
            let order = SortOrder(field: field, slots: all, entries: entries)
            built.withLock { $0[field] = order }
        }
        orders = built.withLock { orders in SortField.allCases.map { orders[$0]! } }
    }

    /// The entry for `id`, live or deleted.
    public func entry(_ id: String) -> IndexEntry? {
        slotByID[id].flatMap { slots[Int($0)] }
    }

    /// Every entry, in no particular order.
    public var entries: [IndexEntry] { slots.compactMap { $0 } }

    public var count: Int { slotByID.count }

    /// Adds or replaces the entry with the same id.
    public mutating func upsert(_ entry: IndexEntry) {
        remove(entry.id)
        let slot = place(entry, keys: entry.searchKeys())
        for index in orders.indices { orders[index].insert(slot, entries: slots) }
    }

    /// Removes the entry for `id`, if any, and returns it.
    @discardableResult
    public mutating func remove(_ id: String) -> IndexEntry? {
        guard let slot = slotByID.removeValue(forKey: id), let old = slots[Int(slot)] else { return nil }
        for index in orders.indices { orders[index].remove(slot) }
        slots[Int(slot)] = nil
        freeSlots.append(slot)
        textGrams.remove(slot, searchText.bytes(of: slot))
        digitGrams.remove(slot, phoneDigits.bytes(of: slot))
        searchText.remove(slot)
        phoneDigits.remove(slot)
        for tag in old.foldedTags {
            slotsByTag[tag]?.remove(slot)
            if slotsByTag[tag]?.isEmpty == true { slotsByTag[tag] = nil }
        }
        if let code = sourceCodes[old.contact.source] { slotsBySource[Int(code)].remove(slot) }
        if let key = old.companyKey, let code = companyCodes[key] { slotsByCompany[Int(code)].remove(slot) }
        if old.contact.isDeleted {
            deletedSlots.remove(slot)
            deletedCount -= 1
        } else {
            liveSlots.remove(slot)
            liveCount -= 1
        }
        return old
    }

    private mutating func reserveCapacity(_ count: Int, textBytes: Int, digitBytes: Int) {
        slots.reserveCapacity(count)
        slotByID.reserveCapacity(count)
        searchText.reserveCapacity(slots: count, bytes: textBytes)
        phoneDigits.reserveCapacity(slots: count, bytes: digitBytes)
    }

    /// Stores `entry` in a free slot and adds the slot to its filter sets
    /// (orders excluded; grams too when the caller builds them afterwards).
    @discardableResult
    private mutating func place(_ entry: IndexEntry, keys: SearchKeys, indexingGrams: Bool = true) -> Int32 {
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
            slots[Int(slot)] = entry
        } else {
            slot = Int32(slots.count)
            slots.append(entry)
        }
        slotByID[entry.id] = slot
        slotsBySource[Int(intern(entry.contact.source))].insert(slot)
        if let key = entry.companyKey { slotsByCompany[Int(internCompany(key))].insert(slot) }
        for tag in entry.foldedTags { slotsByTag[tag, default: SlotSet()].insert(slot) }
        searchText.set(slot, keys.text)
        phoneDigits.set(slot, keys.digits)
        if indexingGrams {
            textGrams.add(slot, keys.text)
            digitGrams.add(slot, keys.digits)
        }
        if entry.contact.isDeleted {
            deletedSlots.insert(slot)
            deletedCount += 1
        } else {
            liveSlots.insert(slot)
            liveCount += 1
        }
        return slot
    }

    private mutating func intern(_ source: String) -> Int32 {
        if let code = sourceCodes[source] { return code }
        let code = Int32(slotsBySource.count)
        slotsBySource.append(SlotSet())
        sourceCodes[source] = code
        return code
    }

    private mutating func internCompany(_ key: [UInt8]) -> Int32 {
        if let code = companyCodes[key] { return code }
        let code = Int32(companies.count)
        companies.append(key)
        slotsByCompany.append(SlotSet())
        companyGrams.add(code, key)
        companyCodes[key] = code
        return code
    }

    func order(_ field: SortField) -> SortOrder {
        orders[SortField.allCases.firstIndex(of: field)!]
    }

    func sourceCode(of source: String) -> Int32? {
        sourceCodes[source]
    }
}
