import Dispatch
import Synchronization

/// The in-memory index of the folder (DESIGN-NOTES 4, 5).
///
/// Each contact lives in a slot, and everything about it lives in per-slot
/// columns — no object per contact, so a million contacts cost a few hundred
/// bytes each and loading leaves no heap holes behind: the id and the packed
/// contact (``SlotBytes``), the file fingerprint, the interned source, the sort
/// keys (``SortKeys``) and the full-text keys in two ``ByteArena``s.
/// ``IndexEntry`` values are made from the columns when asked for.
///
/// Every filter has its ``SlotSet``s, so a query is an intersection of sets:
/// live and deleted slots, slots by tag, by interned source and by interned
/// company, and the ``GramIndex`` of the full-text keys (the arenas verify long
/// terms). One ``SortOrder`` per sort field keeps slots sorted and knows each
/// slot's rank. A value type: the store mutates it under its write lock and
/// readers query it under the read lock.
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
    var liveSlots = SlotSet()
    var deletedSlots = SlotSet()
    private var sourceCode: [Int32] = []
    private var sources: [String] = []
    private var sourceCodes: [String: Int32] = [:]
    /// Slots by source code.
    var slotsBySource: [SlotSet] = []
    var sortKeys = SortKeys()
    /// Slots by company code (the codes of ``SortKeys``).
    var slotsByCompany: [SlotSet] = []
    /// The folded company names by their codes, for partial company filters.
    var companyGrams = GramIndex()
    var slotsByTag: [String: SlotSet] = [:]
    var searchText = ByteArena()
    var phoneDigits = ByteArena()
    var textGrams = GramIndex()
    var digitGrams = GramIndex()
    /// Verified matches of recent long terms, kept exact by every write.
    private(set) var termCache = TermCache()
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
        let room = GrowthRoom.capacity
        occupied.reserveCapacity(room(entries.count))
        files.reserveCapacity(room(entries.count))
        hasUID.reserveCapacity(room(entries.count))
        sourceCode.reserveCapacity(room(entries.count))
        records.reserveCapacity(slots: room(entries.count), bytes: room(recordBytes))
        sortKeys.reserveCapacity(room(entries.count), idBytes: room(idBytes), displayBytes: room(displayBytes))
        searchText.reserveCapacity(slots: room(entries.count), bytes: room(textBytes))
        phoneDigits.reserveCapacity(slots: room(entries.count), bytes: room(digitBytes))
        slotByID.reserveCapacity(room(entries.count), ids: sortKeys.ids)
        for (entry, keys) in entries {
            guard slotByID.find(entry.id, ids: sortKeys.ids) == nil else { continue }
            place(entry, keys: keys, indexingGrams: false)
        }
        let arenas = [searchText, phoneDigits]
        let grams = Mutex<[GramIndex]>([GramIndex(), GramIndex()])
        let gramSlotCount = occupied.count
        // Each builds its ranges on all cores too; two at once keep both cores busy between ranges.
        DispatchQueue.concurrentPerform(iterations: 2) { which in
            let index = GramIndex(building: arenas[which], slotCount: gramSlotCount)
            grams.withLock { $0[which] = index }
        }
        (textGrams, digitGrams) = grams.withLock { ($0[0], $0[1]) }
        let all = occupiedSlots
        // The four orders are independent: build them on all cores.
        let built = Mutex<[SortField: SortOrder]>([:])
        let keys = sortKeys
        let slotCount = occupied.count
        let trash = deletedSlots
        DispatchQueue.concurrentPerform(iterations: SortField.allCases.count) { index in
            let field = SortField.allCases[index]
            let order = SortOrder(field: field, slots: all, keys: keys, slotCount: slotCount) { trash.contains($0) }
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
                          isDeleted: deletedSlots.contains(slot), source: sources[Int(sourceCode[Int(slot)])],
                          createdSeconds: times.created, updatedSeconds: times.updated)
    }

    /// The entries whose file name or UID is not the one Cardbox writes (for the duplicate-UID warning).
    var entriesWithUnusualNames: [IndexEntry] {
        unusualNames.keys.map(entry(atSlot:))
    }

    /// Every slot holding a contact.
    var occupiedSlots: [Int32] {
        (0..<Int32(occupied.count)).filter { occupied[Int($0)] }
    }

    /// Every entry, in no particular order.
    public var entries: [IndexEntry] { occupiedSlots.map(entry(atSlot:)) }

    /// Every entry not in the trash, in no particular order.
    public var liveEntries: [IndexEntry] {
        var live: [IndexEntry] = []
        live.reserveCapacity(liveCount)
        liveSlots.forEach { slot in
            live.append(entry(atSlot: slot))
            return true
        }
        return live
    }

    public var count: Int { slotByID.count }

    /// How many slots there are, free ones included (slot numbers are below it).
    var slotCount: Int { occupied.count }

    /// The folded company names, by code.
    var companies: [[UInt8]] { sortKeys.companies }

    /// Adds or replaces the entry with the same id; `keys` when the caller has them at hand.
    public mutating func upsert(_ entry: IndexEntry, keys: SearchKeys? = nil) {
        remove(entry.id)
        ownTermCache()
        let slot = place(entry, keys: keys ?? entry.searchKeys())
        for index in orders.indices { orders[index].insert(slot, keys: sortKeys, marked: entry.isDeleted) }
    }

    /// Removes the entry for `id`, if any, and returns it.
    @discardableResult
    public mutating func remove(_ id: String) -> IndexEntry? {
        guard let slot = slotByID.find(id, ids: sortKeys.ids) else { return nil }
        ownTermCache()
        termCache.remove(slot)
        let old = entry(atSlot: slot)
        for index in orders.indices { orders[index].remove(slot) }
        slotByID.remove(slot, ids: sortKeys.ids)
        occupied[Int(slot)] = false
        freeSlots.append(slot)
        records.remove(slot)
        let company = sortKeys.companyCode[Int(slot)]
        if company >= 0 { slotsByCompany[Int(company)].remove(slot) }
        sortKeys.remove(slot)
        unusualNames[slot] = nil
        textGrams.remove(slot, searchText.bytes(of: slot))
        digitGrams.remove(slot, phoneDigits.bytes(of: slot))
        searchText.remove(slot)
        phoneDigits.remove(slot)
        for tag in IndexEntry.foldedTags(old.contact.tags) {
            slotsByTag[tag]?.remove(slot)
            if slotsByTag[tag]?.isEmpty == true { slotsByTag[tag] = nil }
        }
        slotsBySource[Int(sourceCode[Int(slot)])].remove(slot)
        if old.isDeleted {
            deletedSlots.remove(slot)
            deletedCount -= 1
        } else {
            liveSlots.remove(slot)
            liveCount -= 1
        }
        return old
    }

    /// Stores `entry` in a free slot, fills that slot's columns and adds it to
    /// its filter sets (orders excluded; grams too when the caller builds them afterwards).
    @discardableResult
    private mutating func place(_ entry: IndexEntry, keys: SearchKeys, indexingGrams: Bool = true) -> Int32 {
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
            sourceCode.append(-1)
        }
        sortKeys.set(slot, id: entry.id, displayKey: keys.displayKey, companyKey: keys.companyKey,
                     created: entry.createdSeconds, updated: entry.updatedSeconds)
        slotByID.insert(slot, ids: sortKeys.ids)
        let company = sortKeys.companyCode[Int(slot)]
        if company >= 0 {
            if Int(company) == slotsByCompany.count {
                slotsByCompany.append(SlotSet())
                companyGrams.add(company, keys.companyKey ?? [])
            }
            slotsByCompany[Int(company)].insert(slot)
        }
        records.set(slot, entry.record)
        if entry.unusualFileName != nil || entry.unusualUID != nil {
            unusualNames[slot] = (entry.unusualFileName, entry.unusualUID)
        }
        hasUID[Int(slot)] = entry.hasUID
        let source = intern(entry.source)
        sourceCode[Int(slot)] = source
        slotsBySource[Int(source)].insert(slot)
        for tag in keys.tags { slotsByTag[tag, default: SlotSet()].insert(slot) }
        searchText.set(slot, keys.text)
        phoneDigits.set(slot, keys.digits)
        if indexingGrams {
            textGrams.add(slot, keys.text)
            digitGrams.add(slot, keys.digits)
            termCache.update(slot, text: keys.text, digits: keys.digits)
        }
        if entry.isDeleted {
            deletedSlots.insert(slot)
            deletedCount += 1
        } else {
            liveSlots.insert(slot)
            liveCount += 1
        }
        return slot
    }

    /// Where the index's memory goes, part by part (`cardbox-bench` prints it; SPEC §6's memory target).
    public var memoryBreakdown: [(part: String, bytes: Int)] {
        let sets = [liveSlots, deletedSlots] + slotsBySource + slotsByCompany + Array(slotsByTag.values)
        return [
            ("packed contacts", records.memoryBytes),
            ("ids and sort keys", sortKeys.memoryBytes + slotByID.memoryBytes),
            ("file fingerprints and flags", files.count * MemoryLayout<FileFingerprint>.stride + occupied.count
                + hasUID.count + sourceCode.count * 4),
            ("search texts and phone digits", searchText.memoryBytes + phoneDigits.memoryBytes),
            ("text grams", textGrams.memoryBytes),
            ("digit and company grams", digitGrams.memoryBytes + companyGrams.memoryBytes),
            ("trash, source, company and tag sets", sets.reduce(0) { $0 + $1.memoryBytes }),
            ("sort orders", orders.reduce(0) { $0 + $1.memoryBytes }),
        ]
    }

    /// Before a write: a term cache shared with another copy of the index would
    /// be updated for this copy's contacts; this copy starts its own instead.
    private mutating func ownTermCache() {
        if !isKnownUniquelyReferenced(&termCache) { termCache = TermCache() }
    }

    private mutating func intern(_ source: String) -> Int32 {
        if let code = sourceCodes[source] { return code }
        let code = Int32(sources.count)
        sources.append(source)
        slotsBySource.append(SlotSet())
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
