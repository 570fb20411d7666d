import Glibc

/// The fields `GET /contacts` sorts by (SPEC §2.3).
public enum SortField: String, Sendable, CaseIterable {
    case displayName = "display_name"
    case createdAt = "created_at"
    case updatedAt = "updated_at"
    case company
}

/// One field's ordering of every indexed contact, kept sorted by binary-search
/// insertion so a write never re-sorts 100k entries.
///
/// Entries with a key are ordered by (key, id) ascending; entries without one
/// (no company) are kept apart, by id, so they come last in both directions.
struct SortOrder: Sendable {
    let field: SortField
    private(set) var keyed: [IndexEntry] = []
    private(set) var unkeyed: [IndexEntry] = []

    init(field: SortField, entries: [IndexEntry]) {
        self.field = field
        var keyed: [IndexEntry] = []
        var unkeyed: [IndexEntry] = []
        for entry in entries {
            if field != .company || entry.companyKey != nil { keyed.append(entry) } else { unkeyed.append(entry) }
        }
        keyed.sort { Self.compare($0, $1, by: field) < 0 }
        unkeyed.sort { Self.compareIDs($0.id, $1.id) < 0 }
        self.keyed = keyed
        self.unkeyed = unkeyed
    }

    mutating func insert(_ entry: IndexEntry) {
        if hasKey(entry) {
            keyed.insert(entry, at: insertionIndex(of: entry, in: keyed, by: compare))
        } else {
            unkeyed.insert(entry, at: insertionIndex(of: entry, in: unkeyed) { Self.compareIDs($0.id, $1.id) })
        }
    }

    mutating func remove(_ entry: IndexEntry) {
        if hasKey(entry) {
            let index = insertionIndex(of: entry, in: keyed, by: compare) - 1
            if index >= 0, keyed[index] === entry { keyed.remove(at: index) } else { keyed.removeAll { $0 === entry } }
        } else {
            let index = insertionIndex(of: entry, in: unkeyed) { Self.compareIDs($0.id, $1.id) } - 1
            if index >= 0, unkeyed[index] === entry { unkeyed.remove(at: index) } else { unkeyed.removeAll { $0 === entry } }
        }
    }

    /// Visits entries in `ascending` or descending order, nulls last either way,
    /// until `body` returns false.
    func forEach(ascending: Bool, _ body: (IndexEntry) -> Bool) {
        if ascending {
            for entry in keyed where !body(entry) { return }
            for entry in unkeyed where !body(entry) { return }
        } else {
            for entry in keyed.reversed() where !body(entry) { return }
            for entry in unkeyed.reversed() where !body(entry) { return }
        }
    }

    private func hasKey(_ entry: IndexEntry) -> Bool {
        field != .company || entry.companyKey != nil
    }

    private func compare(_ a: IndexEntry, _ b: IndexEntry) -> Int {
        Self.compare(a, b, by: field)
    }

    /// Three-way comparison by (key, id).
    private static func compare(_ a: IndexEntry, _ b: IndexEntry, by field: SortField) -> Int {
        let order: Int
        switch field {
        case .displayName: order = compareBytes(a.displayKey, b.displayKey)
        case .company: order = compareBytes(a.companyKey ?? [], b.companyKey ?? [])
        case .createdAt: order = compareNumbers(a.contact.createdAt.secondsSince1970, b.contact.createdAt.secondsSince1970)
        case .updatedAt: order = compareNumbers(a.contact.updatedAt.secondsSince1970, b.contact.updatedAt.secondsSince1970)
        }
        return order != 0 ? order : compareIDs(a.id, b.id)
    }

    /// The first position whose element sorts after `entry`.
    private func insertionIndex(of entry: IndexEntry, in array: [IndexEntry], by compare: (IndexEntry, IndexEntry) -> Int) -> Int {
        var low = 0
        var high = array.count
        while low < high {
            let middle = (low + high) / 2
            if compare(array[middle], entry) <= 0 { low = middle + 1 } else { high = middle }
        }
        return low
    }

    static func compareBytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let common = min(a.count, b.count)
        let result = a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in common == 0 ? 0 : Int(memcmp(pa.baseAddress!, pb.baseAddress!, common)) }
        }
        if result != 0 { return result }
        return a.count - b.count
    }

    static func compareNumbers(_ a: Int64, _ b: Int64) -> Int {
        a < b ? -1 : (a > b ? 1 : 0)
    }

    static func compareIDs(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }
}
