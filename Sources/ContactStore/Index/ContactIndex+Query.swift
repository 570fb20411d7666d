import Platform

/// Running queries. Without filters the sort order is walked and the walk stops
/// once the page is full (the total is a counter). With filters, each filter
/// is a ``SlotSet`` (the trash, source, tags, companies, each search term's
/// gram matches); the sets are intersected rarest first and the total is the
/// size of the intersection. Long terms, whose grams only give candidates, are
/// verified on the intersection alone. The page comes from walking the sort
/// order when matches are dense, or from ranking every match when sparse.
extension ContactIndex {
    public func run(_ query: ContactQuery) -> QueryResult {
        let terms = query.search.map { (text: TextFolding.fold($0), digits: TextFolding.digits($0)) }
        let tags = query.tags.map { $0.lowercased() }
        let filtered = !terms.isEmpty || !tags.isEmpty || query.company != nil || query.source != nil
        return filtered ? runFiltered(query, terms: terms, tags: tags) : runUnfiltered(query)
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
        guard query.limit > 0, query.offset < total else { return QueryResult(entries: [], total: total) }
        let sortOrder = order(query.sort)
        // The page starts at the offset-th contact that passes the trash filter,
        // found through the order's counts of trashed slots, not by walking.
        let start: Int?
        switch query.deleted {
        case .exclude: start = sortOrder.rank(ofNth: query.offset, marked: false, ascending: query.ascending)
        case .only: start = sortOrder.rank(ofNth: query.offset, marked: true, ascending: query.ascending)
        case .include: start = query.offset
        }
        guard let start else { return QueryResult(entries: [], total: total) }
        sortOrder.forEach(ascending: query.ascending, startingAt: start) { slot in
            switch query.deleted {
            case .exclude: guard !deletedSlots.contains(slot) else { return true }
            case .only: guard deletedSlots.contains(slot) else { return true }
            case .include: break
            }
            page.append(entry(atSlot: slot))
            return page.count < query.limit
        }
        return QueryResult(entries: page, total: total)
    }

    private func runFiltered(_ query: ContactQuery, terms: [(text: [UInt8], digits: [UInt8])], tags: [String]) -> QueryResult {
        let none = QueryResult(entries: [], total: 0)
        var sets: [SlotSet] = []
        switch query.deleted {
        case .exclude: sets.append(liveSlots)
        case .only: sets.append(deletedSlots)
        case .include: break
        }
        if let name = query.source {
            guard let code = sourceCode(of: name) else { return none }
            sets.append(slotsBySource[Int(code)])
        }
        for tag in tags {
            guard let set = slotsByTag[tag] else { return none }
            sets.append(set)
        }
        if let company = query.company { sets.append(slots(ofCompaniesContaining: TextFolding.fold(company))) }
        // A term that folds to nothing (a lone combining mark) occurs everywhere.
        for term in terms where !term.text.isEmpty { sets.append(matches(of: term)) }
        guard !sets.isEmpty else { return runUnfiltered(query) }
        sets.sort { $0.count < $1.count }

        var matches = sets[0]
        for set in sets.dropFirst().dropLast() where !matches.isEmpty { matches = matches.intersection(set) }
        // The last (largest) set is only counted against, not intersected.
        guard sets.count > 1 else { return page(of: [matches], total: matches.count, query) }
        return page(of: [matches, sets[sets.count - 1]], total: matches.intersectionCount(sets[sets.count - 1]), query)
    }

    /// Every slot a search term matches: straight from the gram sets for a
    /// short term, else its candidates verified once and kept (``TermCache``).
    private func matches(of term: (text: [UInt8], digits: [UInt8])) -> SlotSet {
        let key = TermCache.Term(text: term.text, digits: term.digits)
        if let kept = termCache.matches(key) { return kept }
        let candidates = TermCandidates(term.text, term.digits, in: self)
        if candidates.isExact { return candidates.slots }
        let verified = SlotSet(candidates.filter(candidates.slots.slots, in: self))
        termCache.keep(verified, for: key)
        return verified
    }

    /// The slots whose company's folded name contains `needle`.
    private func slots(ofCompaniesContaining needle: [UInt8]) -> SlotSet {
        var codes: [Int32]
        if needle.isEmpty {
            codes = Array(0..<Int32(companies.count))
        } else {
            let candidates = companyGrams.candidates(for: needle)
            codes = candidates.slots.slots
            if !candidates.exact { codes.removeAll { !ByteSearch.contains(companies[Int($0)], needle) } }
        }
        return SlotSet.union(codes.map { slotsByCompany[Int($0)] })
    }

    /// The page of the slots in every one of `members` (`total` of them) in the query's order.
    private func page(of members: [SlotSet], total: Int, _ query: ContactQuery) -> QueryResult {
        let end = min(total, query.offset.saturatingAdd(query.limit))
        guard query.limit > 0, query.offset < end else { return QueryResult(entries: [], total: total) }
        // Walking visits about end·slots/total slots with a membership test
        // per set; ranking touches every match once.
        let walkCost = Double(end) * Double(slotCount) / Double(total) * Double(members.count)
        if walkCost < Double(total) {
            var page: [IndexEntry] = []
            var seen = 0
            order(query.sort).forEach(ascending: query.ascending) { slot in
                guard members.allSatisfy({ $0.contains(slot) }) else { return true }
                if seen >= query.offset { page.append(entry(atSlot: slot)) }
                seen += 1
                return seen < end
            }
            return QueryResult(entries: page, total: total)
        }
        let matches = members.dropFirst().reduce(members[0]) { $0.intersection($1) }
        let sortOrder = order(query.sort)
        var ranked: [UInt64] = []
        ranked.reserveCapacity(total)
        matches.forEach { slot in
            ranked.append(UInt64(sortOrder.rank(of: slot, ascending: query.ascending)) << 32 | UInt64(UInt32(slot)))
            return true
        }
        let page = Self.smallest(ranked, from: query.offset, count: query.limit)
        return QueryResult(entries: page.map { entry(atSlot: Int32(truncatingIfNeeded: $0 & 0xFFFF_FFFF)) }, total: total)
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
