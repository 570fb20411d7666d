/// A compressed set of index slots in the roaring-bitmap style: one
/// ``SlotContainer`` per 65,536-slot range that holds any, so a set of a few
/// slots takes a few bytes and a set of most slots one bit a slot.
/// Intersections and counts work a container pair at a time (a bitmap pair
/// is 1,024 word ANDs), which is what makes a filter's exact total cheap.
///
///     var tagged = SlotSet()
///     tagged.insert(70_000)
///     tagged.intersectionCount(live)   // 1 when slot 70,000 is live
///
/// - Complexity: `contains`, `insert`, `remove` are O(log containers + log
///   4,096); `count` is O(containers); intersections and unions are linear in
///   the containers' sizes.
struct SlotSet: Sendable, Equatable {
    /// The high 16 bits of the slots of each container, ascending.
    private(set) var highs: [UInt16] = []
    private(set) var containers: [SlotContainer] = []

    init() {}

    /// The set of `slots` (any order, repeats allowed).
    init(_ slots: some Sequence<Int32>) {
        var sorted = Array(slots)
        sorted.sort()
        var start = 0
        while start < sorted.count {
            let high = UInt16(sorted[start] >> 16)
            var values: [UInt16] = []
            var end = start
            while end < sorted.count, UInt16(sorted[end] >> 16) == high {
                let low = UInt16(truncatingIfNeeded: sorted[end])
                if values.last != low { values.append(low) }
                end += 1
            }
            append(SlotContainer(sortedValues: values), high: high)
            start = end
        }
    }

    /// Adds a container for a range above every range already held (building a set range by range).
    mutating func append(_ container: SlotContainer, high: UInt16) {
        precondition(highs.last.map { $0 < high } ?? true, "containers are appended in ascending order")
        guard container.count > 0 else { return }
        highs.append(high)
        containers.append(container)
    }

    var count: Int { containers.reduce(0) { $0 + $1.count } }

    var isEmpty: Bool { containers.isEmpty }

    /// Bytes of heap memory the containers take (without the two small arrays holding them).
    var memoryBytes: Int { containers.reduce(0) { $0 + $1.memoryBytes } + highs.capacity * 2 + containers.capacity * MemoryLayout<SlotContainer>.stride }

    func contains(_ slot: Int32) -> Bool {
        let high = UInt16(slot >> 16)
        let at = position(of: high)
        return at < highs.count && highs[at] == high && containers[at].contains(UInt16(truncatingIfNeeded: slot))
    }

    /// Adds `slot`; false when it was already there.
    @discardableResult
    mutating func insert(_ slot: Int32) -> Bool {
        precondition(slot >= 0, "slots are not negative")
        let high = UInt16(slot >> 16)
        let low = UInt16(truncatingIfNeeded: slot)
        let at = position(of: high)
        if at < highs.count && highs[at] == high { return containers[at].insert(low) }
        highs.insert(high, at: at)
        containers.insert(SlotContainer(sortedValues: [low]), at: at)
        return true
    }

    /// Removes `slot`; false when it was not there.
    @discardableResult
    mutating func remove(_ slot: Int32) -> Bool {
        let high = UInt16(slot >> 16)
        let at = position(of: high)
        guard at < highs.count, highs[at] == high, containers[at].remove(UInt16(truncatingIfNeeded: slot)) else { return false }
        if containers[at].count == 0 {
            highs.remove(at: at)
            containers.remove(at: at)
        }
        return true
    }

    /// Calls `body` with each slot in ascending order until it returns false.
    func forEach(_ body: (Int32) -> Bool) {
        for (high, container) in zip(highs, containers) {
            let base = Int32(high) << 16
            guard container.forEach({ body(base | Int32($0)) }) else { return }
        }
    }

    /// The slots in ascending order.
    var slots: [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(count)
        forEach { result.append($0); return true }
        return result
    }

    func intersection(_ other: SlotSet) -> SlotSet {
        var result = SlotSet()
        forEachCommonRange(with: other) { high, mine, theirs in
            result.append(mine.intersection(theirs), high: high)
        }
        return result
    }

    /// The size of the intersection, without building it.
    func intersectionCount(_ other: SlotSet) -> Int {
        var total = 0
        forEachCommonRange(with: other) { _, mine, theirs in total += mine.intersectionCount(theirs) }
        return total
    }

    func union(_ other: SlotSet) -> SlotSet {
        var result = SlotSet()
        var i = 0
        var j = 0
        while i < highs.count || j < other.highs.count {
            if j == other.highs.count || (i < highs.count && highs[i] < other.highs[j]) {
                result.append(containers[i], high: highs[i])
                i += 1
            } else if i == highs.count || other.highs[j] < highs[i] {
                result.append(other.containers[j], high: other.highs[j])
                j += 1
            } else {
                result.append(containers[i].union(other.containers[j]), high: highs[i])
                i += 1
                j += 1
            }
        }
        return result
    }

    /// The union of many sets, each range's containers combined at once.
    static func union(_ sets: [SlotSet]) -> SlotSet {
        if sets.count <= 2 { return sets.count == 2 ? sets[0].union(sets[1]) : sets.first ?? SlotSet() }
        var byHigh: [UInt16: [SlotContainer]] = [:]
        for set in sets {
            for (high, container) in zip(set.highs, set.containers) { byHigh[high, default: []].append(container) }
        }
        var result = SlotSet()
        for high in byHigh.keys.sorted() { result.append(SlotContainer.union(byHigh[high]!), high: high) }
        return result
    }

    private func forEachCommonRange(with other: SlotSet, _ body: (UInt16, SlotContainer, SlotContainer) -> Void) {
        var i = 0
        var j = 0
        while i < highs.count && j < other.highs.count {
            if highs[i] < other.highs[j] {
                i += 1
            } else if highs[i] > other.highs[j] {
                j += 1
            } else {
                body(highs[i], containers[i], other.containers[j])
                i += 1
                j += 1
            }
        }
    }

    /// The index of the first container whose range is not below `high`.
    private func position(of high: UInt16) -> Int {
        // Most sets have a handful of containers: the last one is the usual answer at load.
        if let last = highs.last, last < high { return highs.count }
        var low = 0
        var upper = highs.count
        while low < upper {
            let middle = (low + upper) / 2
            if highs[middle] < high { low = middle + 1 } else { upper = middle }
        }
        return low
    }
}
