/// The in-memory index of the folder: every contact by id, one sorted order
/// per sort field, and the counts `/status` reports. A value type: the store
/// mutates it under its write lock and readers query it under the read lock.
public struct ContactIndex: Sendable {
    private(set) var byID: [String: IndexEntry] = [:]
    private var orders: [SortField: SortOrder]
    public private(set) var liveCount = 0
    public private(set) var deletedCount = 0

    public init(entries: [IndexEntry] = []) {
        var byID: [String: IndexEntry] = [:]
        byID.reserveCapacity(entries.count)
        for entry in entries { byID[entry.id] = entry }
        self.byID = byID
        let unique = Array(byID.values)
        var orders: [SortField: SortOrder] = [:]
        for field in SortField.allCases { orders[field] = SortOrder(field: field, entries: unique) }
        self.orders = orders
        deletedCount = unique.count { $0.contact.isDeleted }
        liveCount = unique.count - deletedCount
    }

    /// The entry for `id`, live or deleted.
    public func entry(_ id: String) -> IndexEntry? {
        byID[id]
    }

    /// Every entry, in no particular order.
    public var entries: Dictionary<String, IndexEntry>.Values { byID.values }

    public var count: Int { byID.count }

    /// Adds or replaces the entry with the same id.
    public mutating func upsert(_ entry: IndexEntry) {
        remove(entry.id)
        byID[entry.id] = entry
        for field in SortField.allCases { orders[field]!.insert(entry) }
        if entry.contact.isDeleted { deletedCount += 1 } else { liveCount += 1 }
    }

    /// Removes the entry for `id`, if any, and returns it.
    @discardableResult
    public mutating func remove(_ id: String) -> IndexEntry? {
        guard let old = byID.removeValue(forKey: id) else { return nil }
        for field in SortField.allCases { orders[field]!.remove(old) }
        if old.contact.isDeleted { deletedCount -= 1 } else { liveCount -= 1 }
        return old
    }

    /// Runs a query: one page in the requested order and the total number of matches.
    public func run(_ query: ContactQuery) -> QueryResult {
        let compiled = CompiledQuery(query)
        var page: [IndexEntry] = []
        page.reserveCapacity(min(query.limit, 1000))
        var total = 0
        let knownTotal: Int? = compiled.isUnfiltered ? {
            switch query.deleted {
            case .exclude: return liveCount
            case .only: return deletedCount
            case .include: return liveCount + deletedCount
            }
        }() : nil
        let end = query.offset + query.limit
        orders[query.sort]!.forEach(ascending: query.ascending) { entry in
            guard compiled.matches(entry) else { return true }
            if total >= query.offset && total < end { page.append(entry) }
            total += 1
            // Without filters the total is known: stop once the page is full.
            return knownTotal == nil || total < end
        }
        return QueryResult(entries: page, total: knownTotal ?? total)
    }
}
