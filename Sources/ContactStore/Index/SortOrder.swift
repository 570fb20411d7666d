/// The fields `GET /contacts` sorts by (SPEC §2.3).
public enum SortField: String, Sendable, CaseIterable {
    case displayName = "display_name"
    case createdAt = "created_at"
    case updatedAt = "updated_at"
    case company
}

/// One field's ordering of the index's slots, updated in place on each write
/// (never re-sorted), that knows each slot's rank so a filtered query can order
/// its matches without comparing keys, and can start a page at a deep offset
/// without walking the ranks before it.
///
/// Slots with a key are ordered by (key, id) ascending; slots without one (no
/// company) are kept apart, by id, so they come last in both directions. Both
/// live in one ``RankedSlots`` sequence, ascending: the keyed ones first.
///
/// - Complexity: `rank(of:ascending:)` O(1); `insert` and `remove` O(log N)
///   comparisons plus O(√N) moves; `slot(atRank:ascending:)` O(log N).
struct SortOrder: Sendable {
    let field: SortField
    /// Keyed slots by (key, id), then unkeyed slots by id.
    private var sequence: RankedSlots
    /// How many slots have a key: they hold the first places of `sequence`.
    private var keyedCount: Int

    /// How many slots the order holds.
    var count: Int { sequence.count }

    /// Bytes held (for the memory breakdown).
    var memoryBytes: Int { sequence.memoryBytes }

    /// The order of `slots` (each with its keys in `keys`; slot numbers below `slotCount`) by `field`.
    /// Slots for which `marked` holds are marked (the trash), see ``rank(ofNth:marked:ascending:)``.
    init(field: SortField, slots: [Int32], keys: SortKeys, slotCount: Int, blockSize: Int = RankedSlots.defaultBlockSize,
         marked: (Int32) -> Bool = { _ in false }) {
        self.field = field
        var keyed: [Int32] = []
        var unkeyed: [Int32] = []
        for slot in slots {
            if keys.hasKey(slot, field) { keyed.append(slot) } else { unkeyed.append(slot) }
        }
        keyedCount = keyed.count
        let ordered = Self.sortedByKey(keyed, keys: keys, field: field) + Self.sortedByID(unkeyed, keys: keys)
        sequence = RankedSlots(ordered, slotCount: slotCount, blockSize: blockSize, marked: marked)
    }

    /// Adds `slot`, whose keys are in `keys`, at its place, marked or not.
    mutating func insert(_ slot: Int32, keys: SortKeys, marked: Bool = false) {
        let field = field
        if keys.hasKey(slot, field) {
            sequence.insert(slot, marked: marked) { other in
                keys.hasKey(other, field) && keys.compare(other, slot, by: field) <= 0
            }
            keyedCount += 1
        } else {
            sequence.insert(slot, marked: marked) { other in
                keys.hasKey(other, field) || keys.compareIDs(other, slot) <= 0
            }
        }
    }

    /// Takes `slot` out of the order (it must be in it).
    mutating func remove(_ slot: Int32) {
        if sequence.place(of: slot) < keyedCount { keyedCount -= 1 }
        sequence.remove(slot)
    }

    /// The slot's place in the requested direction, nulls last either way.
    func rank(of slot: Int32, ascending: Bool) -> Int {
        place(ofRank: sequence.place(of: slot), ascending: ascending)
    }

    /// The slot at `rank` in the requested direction, nil past the end.
    func slot(atRank rank: Int, ascending: Bool) -> Int32? {
        guard rank >= 0, rank < count else { return nil }
        return sequence.slot(at: place(ofRank: rank, ascending: ascending))
    }

    /// The rank, in the requested direction, of the `n`-th (from 0, in that
    /// direction) slot that is marked (or unmarked); nil past the last. A deep
    /// page of live contacts starts there instead of walking past `n` of them.
    ///
    /// - Complexity: O(log N + block size).
    func rank(ofNth n: Int, marked: Bool, ascending: Bool) -> Int? {
        if ascending { return sequence.place(ofNth: n, marked: marked) }
        let total = marked ? sequence.markedCount : count - sequence.markedCount
        guard n >= 0, n < total else { return nil }
        // Descending reverses the keyed part and the unkeyed part each.
        let inKeyed = sequence.count(marked: marked, before: keyedCount)
        let place = n < inKeyed ? sequence.place(ofNth: inKeyed - 1 - n, marked: marked)
            : sequence.place(ofNth: total - 1 - (n - inKeyed), marked: marked)
        return place.map { self.place(ofRank: $0, ascending: false) }
    }

    /// Visits slots in `ascending` or descending order, nulls last either way,
    /// from `rank` on, until `body` returns false. The ranks before `rank` are
    /// skipped, not walked: a deep offset costs O(log N) more than a first page.
    func forEach(ascending: Bool, startingAt rank: Int = 0, _ body: (Int32) -> Bool) {
        let rank = max(rank, 0)
        guard rank < count else { return }
        if ascending {
            sequence.forEach(in: rank..<count, reversed: false, body)
        } else if rank < keyedCount {
            guard sequence.forEach(in: 0..<(keyedCount - rank), reversed: true, body) else { return }
            sequence.forEach(in: keyedCount..<count, reversed: true, body)
        } else {
            sequence.forEach(in: keyedCount..<(keyedCount + count - rank), reversed: true, body)
        }
    }

    /// The place in `sequence` of a rank, or the rank of a place (the mapping is
    /// its own inverse). Descending reverses the keyed and the unkeyed parts
    /// each, so slots without a key stay last.
    private func place(ofRank rank: Int, ascending: Bool) -> Int {
        if ascending { return rank }
        return rank < keyedCount ? keyedCount - 1 - rank : keyedCount + count - 1 - rank
    }
}
