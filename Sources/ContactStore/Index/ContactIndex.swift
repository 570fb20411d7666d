import Dispatch
import Synchronization

/// The in-memory index of the folder (DESIGN-NOTES 4, 5).
///
/// Each contact lives in a slot. Next to the entries, per-slot columns make
/// queries scan contiguous memory: the trash flag, an interned source and
/// company, tag → slots sets, and the full-text keys in two ``ByteArena``s.
/// One ``SortOrder`` per sort field keeps slots sorted and knows each slot's
/// rank. A value type: the store mutates it under its write lock and readers
/// query it under the read lock.
public struct ContactIndex: Sendable {
    var slots: [IndexEntry?] = []
    private var freeSlots: [Int32] = []
    private var slotByID: [String: Int32] = [:]
    var deleted: [Bool] = []
    var sourceCode: [Int32] = []
    private(set) var sources: [String] = []
    private var sourceCodes: [String: Int32] = [:]
    var companyCode: [Int32] = []
    private(set) var companies: [[UInt8]] = []
    private var companyCodes: [[UInt8]: Int32] = [:]
    var slotsByTag: [String: Set<Int32>] = [:]
    var searchText = ByteArena()
    /// Phone digits are few and short: a plain scan is fast, no signatures needed.
    var phoneDigits = ByteArena(withSignatures: false)
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
            place(entry, keys: keys)
        }
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

    /// Adds or replaces the entry with the same id; `keys` when the caller has them at hand.
    public mutating func upsert(_ entry: IndexEntry, keys: SearchKeys? = nil) {
        remove(entry.id)
        let slot = place(entry, keys: keys ?? entry.searchKeys())
        for index in orders.indices { orders[index].insert(slot, entries: slots) }
    }

    /// Removes the entry for `id`, if any, and returns it.
    @discardableResult
    public mutating func remove(_ id: String) -> IndexEntry? {
        guard let slot = slotByID.removeValue(forKey: id), let old = slots[Int(slot)] else { return nil }
        for index in orders.indices { orders[index].remove(slot) }
        slots[Int(slot)] = nil
        freeSlots.append(slot)
        searchText.remove(slot)
        phoneDigits.remove(slot)
        for tag in IndexEntry.foldedTags(old.contact.tags) { slotsByTag[tag]?.remove(slot) }
        if old.isDeleted { deletedCount -= 1 } else { liveCount -= 1 }
        return old
    }

    private mutating func reserveCapacity(_ count: Int, textBytes: Int, digitBytes: Int) {
        slots.reserveCapacity(count)
        slotByID.reserveCapacity(count)
        deleted.reserveCapacity(count)
        sourceCode.reserveCapacity(count)
        companyCode.reserveCapacity(count)
        searchText.reserveCapacity(slots: count, bytes: textBytes)
        phoneDigits.reserveCapacity(slots: count, bytes: digitBytes)
    }

    /// Stores `entry` in a free slot and fills that slot's columns (orders excluded).
    @discardableResult
    private mutating func place(_ entry: IndexEntry, keys: SearchKeys) -> Int32 {
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
            slots[Int(slot)] = entry
        } else {
            slot = Int32(slots.count)
            slots.append(entry)
            deleted.append(false)
            sourceCode.append(-1)
            companyCode.append(-1)
        }
        slotByID[entry.id] = slot
        deleted[Int(slot)] = entry.isDeleted
        sourceCode[Int(slot)] = intern(entry.source)
        companyCode[Int(slot)] = entry.companyKey.map { internCompany($0) } ?? -1
        for tag in keys.tags { slotsByTag[tag, default: []].insert(slot) }
        searchText.set(slot, keys.text, signature: keys.textSignature)
        phoneDigits.set(slot, keys.digits)
        if entry.isDeleted { deletedCount += 1 } else { liveCount += 1 }
        return slot
    }

    private mutating func intern(_ source: String) -> Int32 {
        if let code = sourceCodes[source] { return code }
        let code = Int32(sources.count)
        sources.append(source)
        sourceCodes[source] = code
        return code
    }

    private mutating func internCompany(_ key: [UInt8]) -> Int32 {
        if let code = companyCodes[key] { return code }
        let code = Int32(companies.count)
        companies.append(key)
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
