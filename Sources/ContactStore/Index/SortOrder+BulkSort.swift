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
    private enum Part { case key, id }

    /// Bytes per digit: 40 bits of digit and 24 bits of index make one `UInt64`.
    private static let digitBytes = 5
    private static let indexBits: UInt64 = 24
    /// Runs this short are cheaper to sort with comparisons.
    private static let shortRun = 16

    /// `slots` (all with a key for `field`) ordered by (key, id).
    static func sortedByKey(_ slots: [Int32], entries: [IndexEntry?], field: SortField) -> [Int32] {
        sorted(slots, part: .key, entries: entries, field: field) { compare($0, $1, by: field) }
    }

    /// `slots` ordered by id.
    static func sortedByID(_ slots: [Int32], entries: [IndexEntry?], field: SortField) -> [Int32] {
        sorted(slots, part: .id, entries: entries, field: field) { compareIDs($0.id, $1.id) }
    }

    private static func sorted(_ slots: [Int32], part: Part, entries: [IndexEntry?], field: SortField,
                               by compare: (IndexEntry, IndexEntry) -> Int) -> [Int32] {
        var slots = slots
        guard slots.count < 1 << indexBits else {
            slots.sort { compare(entries[Int($0)]!, entries[Int($1)]!) < 0 }
            return slots
        }
        sortByDigit(&slots, 0..<slots.count, part: part, offset: 0, entries: entries, field: field, by: compare)
        return slots
    }

    /// Sorts `slots[range]` by the digit at `offset` of `part`, then each run of equal digits by what follows.
    private static func sortByDigit(_ slots: inout [Int32], _ range: Range<Int>, part: Part, offset: Int,
                                    entries: [IndexEntry?], field: SortField, by compare: (IndexEntry, IndexEntry) -> Int) {
        let run = Array(slots[range])
        var packed: [UInt64] = []
        packed.reserveCapacity(run.count)
        for (index, slot) in run.enumerated() {
            packed.append(digit(of: entries[Int(slot)]!, part, offset, field) << indexBits | UInt64(index))
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
                         entries: entries, field: field, by: compare)
            }
            start = end
        }
    }

    /// Sorts a run whose digits up to `offset` of `part` are equal.
    private static func sortTies(_ slots: inout [Int32], _ range: Range<Int>, part: Part, offset: Int,
                                 entries: [IndexEntry?], field: SortField, by compare: (IndexEntry, IndexEntry) -> Int) {
        let next = offset + digitBytes
        if range.count > shortRun {
            let run = slots[range].map { entries[Int($0)]! }
            switch part {
            case .key:
                if run.allSatisfy({ Self.compare($0, run[0], ignoringIDs: field) == 0 }) {
                    return sortByDigit(&slots, range, part: .id, offset: 0, entries: entries, field: field, by: compare)
                }
                if let longest = run.map({ keyBytes(of: $0, field)?.count ?? 0 }).max(), next < longest {
                    return sortByDigit(&slots, range, part: .key, offset: next, entries: entries, field: field, by: compare)
                }
            case .id:
                if let longest = run.map({ $0.id.utf8.count }).max(), next < longest {
                    return sortByDigit(&slots, range, part: .id, offset: next, entries: entries, field: field, by: compare)
                }
            }
        }
        slots[range].sort { compare(entries[Int($0)]!, entries[Int($1)]!) < 0 }
    }

    /// The 40-bit digit at `offset` of the entry's key or id; order of digits is order of keys.
    private static func digit(of entry: IndexEntry, _ part: Part, _ offset: Int, _ field: SortField) -> UInt64 {
        switch (part, field) {
        case (.id, _):
            return entry.id.utf8.withContiguousStorageIfAvailable { digit(of: $0, offset) } ?? digit(of: Array(entry.id.utf8), offset)
        case (.key, .displayName): return digit(of: entry.displayKey, offset)
        case (.key, .company): return digit(of: entry.companyKey ?? [], offset)
        case (.key, .createdAt): return timeDigit(entry.createdSeconds)
        case (.key, .updatedAt): return timeDigit(entry.updatedSeconds)
        }
    }

    /// Five bytes from `offset`, big-endian, zero past the end (a shorter key's
    /// digit is never above a longer one's it is a prefix of).
    private static func digit<Bytes: RandomAccessCollection<UInt8>>(of bytes: Bytes, _ offset: Int) -> UInt64 where Bytes.Index == Int {
        var value: UInt64 = 0
        for index in offset..<(offset + digitBytes) {
            value = value << 8 | UInt64(index < bytes.count ? bytes[bytes.startIndex + index] : 0)
        }
        return value
    }

    /// Seconds in 40 bits (offset so that order is kept for dates before 1970;
    /// dates beyond ±17,000 years share a digit and are told apart by comparison).
    private static func timeDigit(_ seconds: Int64) -> UInt64 {
        let limit: Int64 = 1 << 39
        return UInt64(min(max(seconds, -limit), limit - 1) + limit)
    }

    /// The key's bytes, nil for the time fields.
    private static func keyBytes(of entry: IndexEntry, _ field: SortField) -> [UInt8]? {
        switch field {
        case .displayName: return entry.displayKey
        case .company: return entry.companyKey ?? []
        case .createdAt, .updatedAt: return nil
        }
    }
}
