import Dispatch
import Synchronization

/// The in-memory index of the folder (DESIGN-NOTES 4, 5).
///
/// Each contact lives in a slot, and everything about it lives in per-slot
/// columns — no object per contact, so a million contacts cost a few hundred
/// bytes each and loading leaves no heap holes behind: the id and the packed
/// contact (``SlotBytes``), the file fingerprint, the trash flag, an interned
/// source, tag → slots sets, the sort keys (``SortKeys``) and the full-text
/// keys in two ``ByteArena``s. One ``SortOrder`` per sort field keeps slots
/// sorted and knows each slot's rank. ``IndexEntry`` values are made from the
/// columns when asked for. A value type: the store mutates it under its write
/// lock and readers query it under the read lock.
public struct ContactIndex: Sendable {
    /// True for slots that hold a contact.
    private var occupied: [Bool] = []
    private var freeSlots: [Int32] = []
    private var slotByID = IDTable()
    private var records = SlotBytes()
    private var files: [FileFingerprint] = []
    /// The file names and UIDs that are not the `<id>.vcf` / `urn:uuid:<id>` Cardbox writes (rare).
    private var unusualNames: [Int32: (fileName: String?, uid: String?)] = [:]
    private var hasUID: [Bool] = []
    var deleted: [Bool] = []
    var sourceCode: [Int32] = []
    private(set) var sources: [String] = []
    private var sourceCodes: [String: Int32] = [:]
    var sortKeys = SortKeys()
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
        var recordBytes = 0, idBytes = 0, displayBytes = 0, textBytes = 0, digitBytes = 0
        for (entry, keys) in entries {
            recordBytes += entry.record.count
            idBytes += entry.id.utf8.count
            displayBytes += keys.displayKey.count
            textBytes += keys.text.count + 1
            digitBytes += keys.digits.count + 1
        }
        occupied.reserveCapacity(entries.count)
        files.reserveCapacity(entries.count)
        hasUID.reserveCapacity(entries.count)
        deleted.reserveCapacity(entries.count)
        sourceCode.reserveCapacity(entries.count)
        records.reserveCapacity(slots: entries.count, bytes: recordBytes)
        sortKeys.reserveCapacity(entries.count, idBytes: idBytes, displayBytes: displayBytes)
        searchText.reserveCapacity(slots: entries.count, bytes: textBytes)
        phoneDigits.reserveCapacity(slots: entries.count, bytes: digitBytes)
        slotByID.reserveCapacity(entries.count, ids: sortKeys.ids)
        for (entry, keys) in entries {
            guard slotByID.find(entry.id, ids: sortKeys.ids) == nil else { continue }
            place(entry, keys: keys)
        }
        let all = (0..<Int32(occupied.count)).map { $0 }
        // The four orders are independent: build them on all cores.
        let built = Mutex<[SortField: SortOrder]>([:])
        let keys = sortKeys
        let slotCount = occupied.count
        DispatchQueue.concurrentPerform(iterations: SortField.allCases.count) { index in
            let field = SortField.allCases[index]
            let order = SortOrder(field: field, slots: all, keys: keys, slotCount: slotCount)
            built.withLock { $0[field] = order }
        }
        orders = built.withLock { orders in SortField.allCases.map { orders[$0]! } }
    }

    /// The entry for `id`, live or deleted.
    public func entry(_ id: String) -> IndexEntry? {
        slotByID.find(id, ids: sortKeys.ids).map(entry(atSlot:))
    }

    /// The entry in slot `slot`, made from the columns.
    func entry(atSlot slot: Int32) -> IndexEntry {
        let unusual = unusualNames[slot]
        let times = sortKeys.times(slot)
        return IndexEntry(id: sortKeys.id(slot), record: records.array(slot), unusualFileName: unusual?.fileName,
                          file: files[Int(slot)], unusualUID: unusual?.uid, hasUID: hasUID[Int(slot)],
                          isDeleted: deleted[Int(slot)], source: sources[Int(sourceCode[Int(slot)])],
                          createdSeconds: times.created, updatedSeconds: times.updated)
    }

    /// The entries whose file name or UID is not the one Cardbox writes (for the duplicate-UID warning).
    var entriesWithUnusualNames: [IndexEntry] {
        unusualNames.keys.map(entry(atSlot:))
    }

    /// True when slot `slot` holds a contact.
    func isOccupied(_ slot: Int32) -> Bool {
        Int(slot) < occupied.count && occupied[Int(slot)]
    }

    /// Every slot holding a contact.
    var occupiedSlots: [Int32] {
        (0..<Int32(occupied.count)).filter { occupied[Int($0)] }
    }

    /// Every entry, in no particular order.
    public var entries: [IndexEntry] { occupiedSlots.map(entry(atSlot:)) }

    public var count: Int { slotByID.count }

    /// Adds or replaces the entry with the same id; `keys` when the caller has them at hand.
    public mutating func upsert(_ entry: IndexEntry, keys: SearchKeys? = nil) {
        remove(entry.id)
        let slot = place(entry, keys: keys ?? entry.searchKeys())
        for index in orders.indices { orders[index].insert(slot, keys: sortKeys) }
    }

    /// Removes the entry for `id`, if any, and returns it.
    @discardableResult
    public mutating func remove(_ id: String) -> IndexEntry? {
        guard let slot = slotByID.find(id, ids: sortKeys.ids) else { return nil }
        let old = entry(atSlot: slot)
        for index in orders.indices { orders[index].remove(slot) }
        slotByID.remove(slot, ids: sortKeys.ids)
        occupied[Int(slot)] = false
        freeSlots.append(slot)
        records.remove(slot)
        sortKeys.remove(slot)
        unusualNames[slot] = nil
        searchText.remove(slot)
        phoneDigits.remove(slot)
        for tag in IndexEntry.foldedTags(old.contact.tags) { slotsByTag[tag]?.remove(slot) }
        if old.isDeleted { deletedCount -= 1 } else { liveCount -= 1 }
        return old
    }

    /// Stores `entry` in a free slot and fills that slot's columns (orders excluded).
    @discardableResult
    private mutating func place(_ entry: IndexEntry, keys: SearchKeys) -> Int32 {
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
            occupied[Int(slot)] = true
            files[Int(slot)] = entry.file
        } else {
            slot = Int32(occupied.count)
            occupied.append(true)
            files.append(entry.file)
            hasUID.append(false)
            deleted.append(false)
            sourceCode.append(-1)
        }
        sortKeys.set(slot, id: entry.id, displayKey: keys.displayKey, companyKey: keys.companyKey,
                     created: entry.createdSeconds, updated: entry.updatedSeconds)
        slotByID.insert(slot, ids: sortKeys.ids)
        records.set(slot, entry.record)
        if entry.unusualFileName != nil || entry.unusualUID != nil {
            unusualNames[slot] = (entry.unusualFileName, entry.unusualUID)
        }
        hasUID[Int(slot)] = entry.hasUID
        deleted[Int(slot)] = entry.isDeleted
        sourceCode[Int(slot)] = intern(entry.source)
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

    func order(_ field: SortField) -> SortOrder {
        orders[SortField.allCases.firstIndex(of: field)!]
    }

    func sourceCode(of source: String) -> Int32? {
        sourceCodes[source]
    }
}
