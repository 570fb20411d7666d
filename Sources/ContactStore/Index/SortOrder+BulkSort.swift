/// The load-time sort of a ``SortOrder``: integer sorts of packed key digits
/// rather than comparisons.
///
/// Each slot's sort key (its key bytes, then its id bytes) is read as 40-bit
/// digits. A run of slots is sorted by packing the current digit with the
/// slot's index in the run into one integer (a plain integer sort: no closures,
/// no reference counting); each run of equal digits is then sorted by its next
/// digit: the next key bytes, or the id once the run's keys are all equal. So
/// 30,000 contacts of one company are ordered by one more integer sort of their
/// ids, not by 450,000 string comparisons. Short runs, and runs whose digits
/// are spent, are sorted with the full comparison.
extension SortOrder {
    /// Where a digit is read: the field's key, or the id.
    enum Part { case key, id }

    /// Bytes per digit: 40 bits of digit and 24 bits of index make one `UInt64`.
    private static let digitBytes = 5
    private static let indexBits: UInt64 = 24
    /// Runs this short are cheaper to sort with comparisons.
    private static let shortRun = 16

    /// `slots` (all with a key for `field`) ordered by (key, id).
    static func sortedByKey(_ slots: [Int32], keys: SortKeys, field: SortField) -> [Int32] {
        sorted(slots, part: .key, keys: keys, field: field) { keys.compare($0, $1, by: field) }
    }

    /// `slots` ordered by id.
    static func sortedByID(_ slots: [Int32], keys: SortKeys) -> [Int32] {
        sorted(slots, part: .id, keys: keys, field: .displayName) { keys.compareIDs($0, $1) }
    }

    private static func sorted(_ slots: [Int32], part: Part, keys: SortKeys, field: SortField,
                               by compare: (Int32, Int32) -> Int) -> [Int32] {
        var slots = slots
        guard slots.count < 1 << indexBits else {
            slots.sort { compare($0, $1) < 0 }
            return slots
        }
        sortByDigit(&slots, 0..<slots.count, part: part, offset: 0, keys: keys, field: field, by: compare)
        return slots
    }

    /// Sorts `slots[range]` by the digit at `offset` of `part`, then each run of equal digits by what follows.
    private static func sortByDigit(_ slots: inout [Int32], _ range: Range<Int>, part: Part, offset: Int,
                                    keys: SortKeys, field: SortField, by compare: (Int32, Int32) -> Int) {
        let run = Array(slots[range])
        var packed: [UInt64] = []
        packed.reserveCapacity(run.count)
        for (index, slot) in run.enumerated() {
            packed.append(keys.digit(of: slot, part, offset, field) << indexBits | UInt64(index))
        }
        packed.sort()
        for (position, value) in packed.enumerated() {
            slots[range.lowerBound + position] = run[Int(value & (1 << indexBits - 1))]
        }
        var start = 0
        while start < packed.count {
            var end = start + 1
            while end < packed.count, packed[end] >> indexBits == packed[start] >> indexBits { end += 1 }
            if end - start > 1 {
                sortTies(&slots, (range.lowerBound + start)..<(range.lowerBound + end), part: part, offset: offset,
                         keys: keys, field: field, by: compare)
            }
            start = end
        }
    }

    /// Sorts a run whose digits up to `offset` of `part` are equal.
    private static func sortTies(_ slots: inout [Int32], _ range: Range<Int>, part: Part, offset: Int,
                                 keys: SortKeys, field: SortField, by compare: (Int32, Int32) -> Int) {
        let next = offset + digitBytes
        if range.count > shortRun {
            // A copy: a slice would keep `slots` shared and make every write below copy all of it.
            let run = Array(slots[range])
            switch part {
            case .key:
                let first = run.first!
                if run.allSatisfy({ keys.compare($0, first, ignoringIDs: field) == 0 }) {
                    return sortByDigit(&slots, range, part: .id, offset: 0, keys: keys, field: field, by: compare)
                }
                if let longest = run.map({ keys.keyLength($0, field) ?? 0 }).max(), next < longest {
                    return sortByDigit(&slots, range, part: .key, offset: next, keys: keys, field: field, by: compare)
                }
            case .id:
                if let longest = run.map({ keys.idLength($0) }).max(), next < longest {
                    return sortByDigit(&slots, range, part: .id, offset: next, keys: keys, field: field, by: compare)
                }
            }
        }
        slots[range].sort { compare($0, $1) < 0 }
    }
}

extension SortKeys {
    /// The 40-bit digit at `offset` of the slot's key or id; order of digits is order of keys.
    func digit(of slot: Int32, _ part: SortOrder.Part, _ offset: Int, _ field: SortField) -> UInt64 {
        switch (part, field) {
        case (.id, _): return withIDBytes(slot) { Self.digit(of: $0, offset) }
        case (.key, .displayName), (.key, .company): return withKeyBytes(slot, field) { Self.digit(of: $0, offset) }
        case (.key, .createdAt), (.key, .updatedAt): return Self.timeDigit(time(slot, field))
        }
    }

    /// Five bytes from `offset`, big-endian, zero past the end (a shorter key's
    /// digit is never above a longer one's it is a prefix of).
    private static func digit(of bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in offset..<(offset + 5) {
            value = value << 8 | UInt64(index < bytes.count ? bytes[index] : 0)
        }
        return value
    }

    /// Seconds in 40 bits (offset so that order is kept for dates before 1970;
    /// dates beyond ±17,000 years share a digit and are told apart by comparison).
    private static func timeDigit(_ seconds: Int64) -> UInt64 {
        let limit: Int64 = 1 << 39
        return UInt64(min(max(seconds, -limit), limit - 1) + limit)
    }
}
