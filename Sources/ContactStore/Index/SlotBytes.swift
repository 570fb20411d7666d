/// Per-slot byte strings (ids, packed contacts, sort keys) stored back to back
/// in one buffer: one allocation for a million strings instead of a million,
/// and no heap holes left behind by loading. A replaced value is appended and
/// its old bytes left as garbage until a compaction, which runs when garbage
/// outweighs live bytes (so a write costs O(1) amortised).
struct SlotBytes: Sendable {
    private(set) var bytes: [UInt8] = []
    /// Start and length of each slot's bytes; length `UInt32.max` marks an empty slot.
    private var starts: [UInt32] = []
    private var lengths: [UInt32] = []
    private var garbage = 0

    private static let absent = UInt32.max

    mutating func reserveCapacity(slots: Int, bytes count: Int) {
        bytes.reserveCapacity(count)
        starts.reserveCapacity(slots)
        lengths.reserveCapacity(slots)
    }

    /// Sets slot `slot`'s bytes.
    mutating func set<C: Collection<UInt8>>(_ slot: Int32, _ value: C) {
        remove(slot)
        if starts.count <= Int(slot) {
            let missing = Int(slot) - starts.count + 1
            starts.append(contentsOf: repeatElement(0, count: missing))
            lengths.append(contentsOf: repeatElement(Self.absent, count: missing))
        }
        starts[Int(slot)] = UInt32(bytes.count)
        lengths[Int(slot)] = UInt32(value.count)
        bytes.append(contentsOf: value)
    }

    mutating func remove(_ slot: Int32) {
        guard Int(slot) < lengths.count, lengths[Int(slot)] != Self.absent else { return }
        garbage += Int(lengths[Int(slot)])
        lengths[Int(slot)] = Self.absent
        if garbage > 1 << 16 && garbage > bytes.count / 2 { compact() }
    }

    /// True when slot `slot` holds bytes (possibly none).
    func has(_ slot: Int32) -> Bool {
        Int(slot) < lengths.count && lengths[Int(slot)] != Self.absent
    }

    /// Runs `body` on slot `slot`'s bytes (empty when the slot holds none).
    func withBytes<R>(_ slot: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { buffer in
            guard has(slot) else { return try body(UnsafeBufferPointer(rebasing: buffer[0..<0])) }
            let start = Int(starts[Int(slot)])
            return try body(UnsafeBufferPointer(rebasing: buffer[start..<start + Int(lengths[Int(slot)])]))
        }
    }

    /// A copy of slot `slot`'s bytes.
    func array(_ slot: Int32) -> [UInt8] {
        withBytes(slot) { Array($0) }
    }

    /// Slot `slot`'s bytes as UTF-8 text.
    func string(_ slot: Int32) -> String {
        withBytes(slot) { String(decoding: $0, as: UTF8.self) }
    }

    /// Bytes in use, garbage included, room to grow not (for the memory breakdown: untouched room is not resident).
    var memoryBytes: Int { bytes.count + starts.count * 8 }

    /// Rewrites the buffer with live values only, in slot order.
    private mutating func compact() {
        var fresh: [UInt8] = []
        fresh.reserveCapacity(GrowthRoom.capacity(for: bytes.count - garbage))
        for slot in starts.indices where lengths[slot] != Self.absent {
            let start = Int(starts[slot])
            starts[slot] = UInt32(fresh.count)
            fresh.append(contentsOf: bytes[start..<start + Int(lengths[slot])])
        }
        bytes = fresh
        garbage = 0
    }
}
