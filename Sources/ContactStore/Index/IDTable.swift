/// Finds a contact's slot from its id without a `String` per contact: an
/// open-addressing table of slots (linear probing, at most 70% full: 6–11
/// bytes a contact) whose keys are the id bytes the index already keeps in a
/// ``SlotBytes``.
struct IDTable: Sendable {
    /// Slot numbers; `empty` and `removed` mark free places.
    private var table: [Int32] = Array(repeating: IDTable.empty, count: 16)
    private(set) var count = 0
    private var removedCount = 0

    private static let empty: Int32 = -1
    private static let removed: Int32 = -2

    /// Makes room for `count` ids without growing.
    mutating func reserveCapacity(_ count: Int, ids: SlotBytes) {
        var capacity = 16
        while !Self.fits(count, in: capacity) { capacity *= 2 }
        if capacity > table.count { rebuild(capacity: capacity, ids: ids) }
    }

    /// The slot whose id is `id`.
    func find(_ id: String, ids: SlotBytes) -> Int32? {
        var id = id
        return id.withUTF8 { key in
            let mask = table.count - 1
            var place = Self.hash(key) & mask
            while true {
                let slot = table[place]
                if slot == Self.empty { return nil }
                if slot >= 0, ids.withBytes(slot, { $0.elementsEqual(key) }) { return slot }
                place = (place + 1) & mask
            }
        }
    }

    /// Records that `slot` holds `ids`' bytes for that slot (an id not yet in the table).
    mutating func insert(_ slot: Int32, ids: SlotBytes) {
        if !Self.fits(count + removedCount + 1, in: table.count) {
            // Mostly removed places: the same size, cleaned; else twice the size.
            rebuild(capacity: Self.fits(2 * (count + 1), in: table.count) ? table.count : table.count * 2, ids: ids)
        }
        let mask = table.count - 1
        var place = ids.withBytes(slot) { Self.hash($0) } & mask
        while table[place] >= 0 { place = (place + 1) & mask }
        if table[place] == Self.removed { removedCount -= 1 }
        table[place] = slot
        count += 1
    }

    /// Forgets `slot`, whose id is still in `ids`.
    mutating func remove(_ slot: Int32, ids: SlotBytes) {
        let mask = table.count - 1
        var place = ids.withBytes(slot) { Self.hash($0) } & mask
        while table[place] != Self.empty {
            if table[place] == slot {
                table[place] = Self.removed
                count -= 1
                removedCount += 1
                return
            }
            place = (place + 1) & mask
        }
    }

    /// True when `count` used places keep a table of `capacity` at most 70% full.
    private static func fits(_ count: Int, in capacity: Int) -> Bool {
        count * 10 <= capacity * 7
    }

    /// Bytes held (for the memory breakdown).
    var memoryBytes: Int { table.capacity * 4 }

    private mutating func rebuild(capacity: Int, ids: SlotBytes) {
        let old = table
        table = Array(repeating: Self.empty, count: capacity)
        removedCount = 0
        let mask = capacity - 1
        for slot in old where slot >= 0 {
            var place = ids.withBytes(slot) { Self.hash($0) } & mask
            while table[place] != Self.empty { place = (place + 1) & mask }
            table[place] = slot
        }
    }

    /// FNV-1a over the id's bytes, finished with a multiply-shift mix.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        hash ^= hash >> 29
        hash = hash &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash >> 32
        return Int(truncatingIfNeeded: hash & 0x7FFF_FFFF_FFFF_FFFF)
    }
}
