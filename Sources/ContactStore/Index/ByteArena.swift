import Platform

/// Per-slot byte strings stored back to back in one buffer, so a full-text
/// search is one `memmem` pass over contiguous memory instead of 100k pointer
/// hops. Replaced strings are appended and their old bytes left as garbage
/// until a compaction, which runs when garbage outweighs live bytes.
struct ByteArena: Sendable {
    private(set) var bytes: [UInt8] = []
    /// The current region of each slot (empty when none).
    private var regions: [Range<Int32>] = []
    /// Region starts in buffer order, with their slot, for mapping a match back.
    private var starts: [Int32] = []
    private var owners: [Int32] = []
    private var garbage = 0

    mutating func reserveCapacity(slots: Int, bytes count: Int) {
        bytes.reserveCapacity(count)
        regions.reserveCapacity(slots)
        starts.reserveCapacity(slots)
        owners.reserveCapacity(slots)
    }

    /// Sets slot `slot`'s bytes. Each region is followed by a 0x00 separator so no match spans two slots.
    mutating func set(_ slot: Int32, _ value: [UInt8]) {
        remove(slot)
        if regions.count <= Int(slot) {
            regions.append(contentsOf: repeatElement(0..<0, count: Int(slot) - regions.count + 1))
        }
        let start = Int32(bytes.count)
        bytes.append(contentsOf: value)
        bytes.append(0)
        regions[Int(slot)] = start..<Int32(bytes.count)
        starts.append(start)
        owners.append(slot)
    }

    mutating func remove(_ slot: Int32) {
        guard Int(slot) < regions.count, !regions[Int(slot)].isEmpty else { return }
        garbage += regions[Int(slot)].count
        regions[Int(slot)] = 0..<0
        if garbage > 4096 && garbage > bytes.count / 2 { compact() }
    }

    /// True when slot `slot`'s bytes contain `needle`.
    func contains(_ slot: Int32, _ needle: [UInt8]) -> Bool {
        guard Int(slot) < regions.count else { return false }
        let region = regions[Int(slot)]
        guard !region.isEmpty else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            needle.withUnsafeBufferPointer { n in
                ByteSearch.find(n, in: UnsafeBufferPointer(rebasing: buffer[Int(region.lowerBound)..<Int(region.upperBound)]), from: 0) != nil
            }
        }
    }

    /// Every slot whose bytes contain `needle`, each once, in buffer order.
    func slots(containing needle: [UInt8]) -> [Int32] {
        guard !needle.isEmpty else { return [] }
        var found: [Int32] = []
        bytes.withUnsafeBufferPointer { buffer in
            needle.withUnsafeBufferPointer { n in
                var position = 0
                while let match = ByteSearch.find(n, in: buffer, from: position) {
                    // The region holding the match: the last start at or before it.
                    var low = 0
                    var high = starts.count
                    while low < high {
                        let middle = (low + high) / 2
                        if Int(starts[middle]) <= match { low = middle + 1 } else { high = middle }
                    }
                    let owner = owners[low - 1]
                    let region = regions[Int(owner)]
                    if Int(region.lowerBound) == Int(starts[low - 1]) {
                        found.append(owner)
                    }
                    // Continue after this region (or this garbage region).
                    position = low < starts.count ? Int(starts[low]) : buffer.count
                }
            }
        }
        return found
    }

    /// Rewrites the buffer with live regions only, in slot order.
    private mutating func compact() {
        var fresh: [UInt8] = []
        fresh.reserveCapacity(bytes.count - garbage)
        var newStarts: [Int32] = []
        var newOwners: [Int32] = []
        for slot in regions.indices where !regions[slot].isEmpty {
            let start = Int32(fresh.count)
            fresh.append(contentsOf: bytes[Int(regions[slot].lowerBound)..<Int(regions[slot].upperBound)])
            regions[slot] = start..<Int32(fresh.count)
            newStarts.append(start)
            newOwners.append(Int32(slot))
        }
        bytes = fresh
        starts = newStarts
        owners = newOwners
        garbage = 0
    }
}
