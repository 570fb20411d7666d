import Platform

/// Running queries. Without filters the sort order is walked and the walk stops
/// once the page is full (the total is a counter). With filters, candidates come
/// from the cheapest source — one `memmem` pass over the search arena for the
/// longest term, or the smallest tag set — are checked against every other
/// filter with per-slot columns, and are ordered by their precomputed rank.
extension ContactIndex {
    public func run(_ query: ContactQuery) -> QueryResult {
        let terms = query.search.map { (text: TextFolding.fold($0), digits: TextFolding.digits($0)) }
        let tags = query.tags.map { $0.lowercased() }
        let filtered = !terms.isEmpty || !tags.isEmpty || query.company != nil || query.source != nil
        return filtered ? runFiltered(query, terms: terms, tags: tags) : runUnfiltered(query)
    }

    private func passesTrashFilter(_ slot: Int32, _ mode: ContactQuery.Deleted) -> Bool {
        switch mode {
        case .exclude: return !deleted[Int(slot)]
        case .only: return deleted[Int(slot)]
        case .include: return true
        }
    }

    private func runUnfiltered(_ query: ContactQuery) -> QueryResult {
        let total: Int
        switch query.deleted {
        case .exclude: total = liveCount
        case .only: total = deletedCount
        case .include: total = liveCount + deletedCount
        }
        var page: [IndexEntry] = []
        // Offset and limit come from a request: saturate rather than trap.
        let end = query.offset.saturatingAdd(query.limit)
        guard query.limit > 0, query.offset < total else { return QueryResult(entries: [], total: total) }
        var seen = 0
        order(query.sort).forEach(ascending: query.ascending) { slot in
            guard passesTrashFilter(slot, query.deleted) else { return true }
            if seen >= query.offset { page.append(entry(atSlot: slot)) }
            seen += 1
            return seen < end
        }
        return QueryResult(entries: page, total: total)
    }

    private func runFiltered(_ query: ContactQuery, terms: [(text: [UInt8], digits: [UInt8])], tags: [String]) -> QueryResult {
        // A source nobody has, or a tag nobody has: nothing matches.
        var source: Int32?
        if let name = query.source {
            guard let code = sourceCode(of: name) else { return QueryResult(entries: [], total: 0) }
            source = code
        }
        var tagSets: [Set<Int32>] = []
        for tag in tags {
            guard let set = slotsByTag[tag], !set.isEmpty else { return QueryResult(entries: [], total: 0) }
            tagSets.append(set)
        }
        tagSets.sort { $0.count < $1.count }
        var companyMatches: [Bool]?
        if let company = query.company {
            let needle = TextFolding.fold(company)
            companyMatches = sortKeys.companies.map { ByteSearch.contains($0, needle) }
        }

        // Candidates from the most selective source.
        var remainingTerms = terms[...]
        var candidates: [Int32]
        if let longest = terms.indices.max(by: { terms[$0].text.count < terms[$1].text.count }) {
            let term = terms[longest]
            candidates = searchText.slots(containing: term.text)
            if !term.digits.isEmpty {
                candidates = Array(Set(candidates).union(phoneDigits.slots(containing: term.digits)))
            }
            var rest = terms
            rest.remove(at: longest)
            remainingTerms = rest[...]
        } else if let smallest = tagSets.first {
            candidates = Array(smallest)
        } else {
            candidates = occupiedSlots
        }

        let sortOrder = order(query.sort)
        var ranked: [UInt64] = []
        for slot in candidates {
            guard isOccupied(slot), passesTrashFilter(slot, query.deleted) else { continue }
            if let source, sourceCode[Int(slot)] != source { continue }
            if let companyMatches {
                let code = sortKeys.companyCode[Int(slot)]
                guard code >= 0, companyMatches[Int(code)] else { continue }
            }
            if !tagSets.allSatisfy({ $0.contains(slot) }) { continue }
            if !remainingTerms.allSatisfy({ term in
                searchText.contains(slot, term.text) || (!term.digits.isEmpty && phoneDigits.contains(slot, term.digits))
            }) { continue }
            ranked.append(UInt64(sortOrder.rank(of: slot, ascending: query.ascending)) << 32 | UInt64(UInt32(slot)))
        }
        let page = Self.smallest(ranked, from: query.offset, count: query.limit)
        return QueryResult(entries: page.map { entry(atSlot: Int32(truncatingIfNeeded: $0 & 0xFFFF_FFFF)) }, total: ranked.count)
    }

    /// The elements ranked `offset ..< offset+count` in ascending order.
    static func smallest(_ values: [UInt64], from offset: Int, count: Int) -> [UInt64] {
        let end = min(values.count, offset.saturatingAdd(count))
        guard offset < end else { return [] }
        if end > 256 && end * 4 > values.count {
            return Array(values.sorted()[offset..<end])
        }
        // Keep the `end` smallest in a max-heap, then sort them.
        var heap = Heap(capacity: end)
        for value in values { heap.offer(value) }
        return Array(heap.sortedElements()[offset..<end])
    }
}

extension Int {
    /// `self + other`, or `Int.max`/`Int.min` where the sum would overflow.
    func saturatingAdd(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}

/// A bounded max-heap that keeps the `capacity` smallest values offered.
private struct Heap {
    private var items: [UInt64] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        items.reserveCapacity(capacity)
    }

    mutating func offer(_ value: UInt64) {
        if items.count < capacity {
            items.append(value)
            siftUp(items.count - 1)
        } else if let top = items.first, value < top {
            items[0] = value
            siftDown(0)
        }
    }

    func sortedElements() -> [UInt64] { items.sorted() }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] > items[parent] else { return }
            items.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var largest = parent
            if left < items.count, items[left] > items[largest] { largest = left }
            if right < items.count, items[right] > items[largest] { largest = right }
            if largest == parent { return }
            items.swapAt(parent, largest)
            parent = largest
        }
    }
}
