import Dispatch
import Synchronization

/// Substring search at a million (DESIGN-NOTES 12): for every distinct byte
/// 1-, 2- and 3-gram of the slots' texts, the ``SlotSet`` of slots holding it.
/// Texts are fields separated by 0x00 and no gram spans a 0x00, so a gram is
/// always inside one field.
///
/// A term of up to three bytes is answered exactly by its own gram's set. A
/// longer term's trigram sets, intersected rarest first, give candidates that
/// hold every trigram of the term somewhere; the caller verifies them against
/// the text (``ByteArena/contains(_:_:)``).
struct GramIndex: Sendable {
    /// Slots by gram key (see ``key(_:)``).
    private(set) var postings: [UInt32: SlotSet] = [:]

    init() {}

    /// Indexes the text of each slot below `slotCount` that `arena` holds,
    /// one 65,536-slot range per task on all cores: containers are per range,
    /// so the ranges' results join without merging.
    init(building arena: ByteArena, slotCount: Int) {
        let rangeCount = (slotCount + 0xFFFF) >> 16
        let built = Mutex<[Int: [(key: UInt32, container: SlotContainer)]]>([:])
        DispatchQueue.concurrentPerform(iterations: rangeCount) { range in
            let lower = range << 16
            var builder = GramRangeBuilder()
            for slot in lower..<min(slotCount, lower + 0x10000) {
                arena.withBytes(of: Int32(slot)) { builder.add($0, low: UInt16(truncatingIfNeeded: slot)) }
            }
            let containers = builder.containers()
            built.withLock { $0[range] = containers }
        }
        let ranges = built.withLock { $0 }
        postings.reserveCapacity(ranges.values.map(\.count).max() ?? 0)
        for range in 0..<rangeCount {
            for (key, container) in ranges[range] ?? [] {
                postings[key, default: SlotSet()].append(container, high: UInt16(range))
            }
        }
    }

    /// Records the grams of `text` (one slot's fields, 0x00-separated) for `slot`.
    mutating func add(_ slot: Int32, _ text: [UInt8]) {
        for key in Self.distinctKeys(of: text) { postings[key, default: SlotSet()].insert(slot) }
    }

    /// Forgets `slot` under the grams of `text`, the text it was added with.
    mutating func remove(_ slot: Int32, _ text: [UInt8]) {
        for key in Self.distinctKeys(of: text) {
            guard var set = postings.removeValue(forKey: key) else { continue }
            set.remove(slot)
            if !set.isEmpty { postings[key] = set }
        }
    }

    /// The slots whose text may contain `term` (non-empty), and whether that is
    /// exact: it is for terms of up to three bytes, and when no slot can match.
    func candidates(for term: [UInt8]) -> (slots: SlotSet, exact: Bool) {
        // No field holds a 0x00: such a term matches nothing.
        guard !term.contains(0) else { return (SlotSet(), true) }
        if term.count <= 3 { return (postings[Self.key(term[...])] ?? SlotSet(), true) }
        var sets: [SlotSet] = []
        for start in 0...(term.count - 3) {
            guard let set = postings[Self.key(term[start..<start + 3])] else { return (SlotSet(), true) }
            sets.append(set)
        }
        sets.sort { $0.count < $1.count }
        var result = sets[0]
        for set in sets.dropFirst() {
            if result.isEmpty { return (result, true) }
            result = result.intersection(set)
        }
        return (result, result.isEmpty)
    }

    /// A scan for `term` (two bytes or more) by its byte pair held by the
    /// fewest slots: the pair a text is least likely to hold by chance.
    func scan(for term: [UInt8]) -> NeedleScan {
        let count = { (offset: Int) in self.postings[Self.key(term[offset..<offset + 2])]?.count ?? 0 }
        return NeedleScan(term, anchor: (0..<term.count - 1).min { count($0) < count($1) } ?? 0)
    }

    /// Bytes of heap memory the posting sets' containers take.
    var memoryBytes: Int {
        // Each dictionary entry: the key, the set's inline storage, and the table's load factor.
        postings.values.reduce(0) { $0 + $1.memoryBytes } + postings.capacity * (4 + MemoryLayout<SlotSet>.stride) * 4 / 3
    }

    /// A gram of one to three bytes packed with its length: `length << 24 | bytes`.
    static func key(_ gram: ArraySlice<UInt8>) -> UInt32 {
        UInt32(gram.count) << 24 | gram.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Calls `body` with the key of every 1-, 2- and 3-gram of `text` that has no 0x00 (repeats included).
    static func forEachKey(in text: UnsafeBufferPointer<UInt8>, _ body: (UInt32) -> Void) {
        let count = text.count
        var index = 0
        while index < count {
            let first = UInt32(text[index])
            if first != 0 {
                body(1 << 24 | first)
                if index + 1 < count, text[index + 1] != 0 {
                    let pair = first << 8 | UInt32(text[index + 1])
                    body(2 << 24 | pair)
                    if index + 2 < count, text[index + 2] != 0 { body(3 << 24 | pair << 8 | UInt32(text[index + 2])) }
                }
            }
            index += 1
        }
    }

    private static func distinctKeys(of text: [UInt8]) -> [UInt32] {
        var keys: [UInt32] = []
        keys.reserveCapacity(text.count * 3)
        text.withUnsafeBufferPointer { buffer in forEachKey(in: buffer) { keys.append($0) } }
        keys.sort()
        var distinct: [UInt32] = []
        distinct.reserveCapacity(keys.count)
        for key in keys where distinct.last != key { distinct.append(key) }
        return distinct
    }
}
