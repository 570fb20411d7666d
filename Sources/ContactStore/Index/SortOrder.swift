import Platform

/// The fields `GET /contacts` sorts by (SPEC §2.3).
public enum SortField: String, Sendable, CaseIterable {
    case displayName = "display_name"
    case createdAt = "created_at"
    case updatedAt = "updated_at"
    case company
}

/// One field's ordering of the index's slots, kept sorted by binary-search
/// insertion so a write never re-sorts 100k entries, plus each slot's position
/// (its rank) so a filtered query can order its matches without comparing keys.
///
/// Slots with a key are ordered by (key, id) ascending; slots without one (no
/// company) are kept apart, by id, so they come last in both directions.
struct SortOrder: Sendable {
    let field: SortField
    private(set) var keyed: [Int32] = []
    private(set) var unkeyed: [Int32] = []
    /// Position of each slot within `keyed` or `unkeyed`.
    private var position: [Int32] = []
    private var isKeyed: [Bool] = []

    init(field: SortField, slots: [Int32], keys: SortKeys, slotCount: Int) {
        self.field = field
        var keyed: [Int32] = []
        var unkeyed: [Int32] = []
        for slot in slots {
            if keys.hasKey(slot, field) { keyed.append(slot) } else { unkeyed.append(slot) }
        }
        self.keyed = Self.sorted(keyed) { keys.prefix($0, field) } by: { keys.compare($0, $1, by: field) }
        self.unkeyed = Self.sorted(unkeyed) { keys.prefix($0, field) } by: { keys.compareIDs($0, $1) }
        position = Array(repeating: -1, count: slotCount)
        isKeyed = Array(repeating: false, count: slotCount)
        for (index, slot) in self.keyed.enumerated() {
            position[Int(slot)] = Int32(index)
            isKeyed[Int(slot)] = true
        }
        for (index, slot) in self.unkeyed.enumerated() { position[Int(slot)] = Int32(index) }
    }

    /// Sorts slots by packing a 40-bit prefix of each key with the 24-bit slot
    /// into one integer (a plain integer sort, no closures, no reference
    /// counting), then orders each run of equal prefixes with the full comparison.
    private static func sorted(_ slots: [Int32], prefix: (Int32) -> UInt64, by compare: (Int32, Int32) -> Int) -> [Int32] {
        guard slots.count < 1 << 24 else {
            return slots.sorted { compare($0, $1) < 0 }
        }
        var packed = slots.map { (prefix($0) >> 24) << 24 | UInt64($0) }
        packed.sort()
        var result = packed.map { Int32(truncatingIfNeeded: $0 & 0xFF_FFFF) }
        var runStart = 0
        while runStart < packed.count {
            var runEnd = runStart + 1
            while runEnd < packed.count, packed[runEnd] >> 24 == packed[runStart] >> 24 { runEnd += 1 }
            if runEnd - runStart > 1 {
                result[runStart..<runEnd].sort { compare($0, $1) < 0 }
            }
            runStart = runEnd
        }
        return result
    }

    mutating func insert(_ slot: Int32, keys: SortKeys) {
        grow(to: Int(slot) + 1)
        if keys.hasKey(slot, field) {
            let at = Self.insertionIndex(in: keyed) { keys.compare($0, slot, by: field) <= 0 }
            keyed.insert(slot, at: at)
            isKeyed[Int(slot)] = true
            for index in at..<keyed.count { position[Int(keyed[index])] = Int32(index) }
        } else {
            let at = Self.insertionIndex(in: unkeyed) { keys.compareIDs($0, slot) <= 0 }
            unkeyed.insert(slot, at: at)
            isKeyed[Int(slot)] = false
            for index in at..<unkeyed.count { position[Int(unkeyed[index])] = Int32(index) }
        }
    }

    mutating func remove(_ slot: Int32) {
        let at = Int(position[Int(slot)])
        if isKeyed[Int(slot)] {
            keyed.remove(at: at)
            for index in at..<keyed.count { position[Int(keyed[index])] = Int32(index) }
        } else {
            unkeyed.remove(at: at)
            for index in at..<unkeyed.count { position[Int(unkeyed[index])] = Int32(index) }
        }
        position[Int(slot)] = -1
        isKeyed[Int(slot)] = false
    }

    /// The slot's place in the requested direction, nulls last either way.
    func rank(of slot: Int32, ascending: Bool) -> Int {
        let at = Int(position[Int(slot)])
        if isKeyed[Int(slot)] { return ascending ? at : keyed.count - 1 - at }
        return keyed.count + (ascending ? at : unkeyed.count - 1 - at)
    }

    /// Visits slots in `ascending` or descending order, nulls last either way,
    /// until `body` returns false.
    func forEach(ascending: Bool, _ body: (Int32) -> Bool) {
        if ascending {
            for slot in keyed where !body(slot) { return }
            for slot in unkeyed where !body(slot) { return }
        } else {
            for slot in keyed.reversed() where !body(slot) { return }
            for slot in unkeyed.reversed() where !body(slot) { return }
        }
    }

    private mutating func grow(to count: Int) {
        if position.count < count {
            position.append(contentsOf: repeatElement(-1, count: count - position.count))
            isKeyed.append(contentsOf: repeatElement(false, count: count - isKeyed.count))
        }
    }

    /// The first index whose element does not satisfy `isBefore`.
    private static func insertionIndex(in array: [Int32], _ isBefore: (Int32) -> Bool) -> Int {
        var low = 0
        var high = array.count
        while low < high {
            let middle = (low + high) / 2
            if isBefore(array[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    static func compareBytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
        ByteSearch.compare(a, b)
    }
}
