import Platform

/// Per-slot byte strings stored back to back in one buffer, so a full-text
/// search scans contiguous memory instead of 100k pointer hops. Replaced
/// strings are appended and their old bytes left as garbage until a
/// compaction, which runs when garbage outweighs live bytes.
///
/// Each slot also has a 256-bit signature of the byte pairs (bigrams) it
/// contains. A search for a needle of two bytes or more first keeps only the
/// slots whose signature has every bit of the needle's bigrams (a 32-byte test
/// per slot), then runs `memmem` on those regions alone.
struct ByteArena: Sendable {
    private(set) var bytes: [UInt8] = []
    /// The bigram signature of each slot (bits 0–255, four words a slot), if kept.
    private var signatures: [UInt64] = []
    private let withSignatures: Bool

    /// An empty arena; without signatures every search is one plain `memmem` pass.
    init(withSignatures: Bool = true) {
        self.withSignatures = withSignatures
    }
    /// The current region of each slot (empty when none).
    private var regions: [Range<Int32>] = []
    /// Region starts in buffer order, with their slot, for mapping a match back.
    private var starts: [Int32] = []
    private var owners: [Int32] = []
    private var garbage = 0

    mutating func reserveCapacity(slots: Int, bytes count: Int) {
        bytes.reserveCapacity(count)
        regions.reserveCapacity(slots)
        if withSignatures { signatures.reserveCapacity(slots * 4) }
        starts.reserveCapacity(slots)
        owners.reserveCapacity(slots)
    }

    /// Sets slot `slot`'s bytes. Each region is followed by a 0x00 separator so no match spans two slots.
    mutating func set(_ slot: Int32, _ value: [UInt8], signature: SIMD4<UInt64>? = nil) {
        remove(slot)
        if regions.count <= Int(slot) {
            regions.append(contentsOf: repeatElement(0..<0, count: Int(slot) - regions.count + 1))
            if withSignatures { signatures.append(contentsOf: repeatElement(0, count: regions.count * 4 - signatures.count)) }
        }
        if withSignatures {
            let signature = signature ?? Self.signature(of: value)
            for word in 0..<4 { signatures[Int(slot) * 4 + word] = signature[word] }
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

    /// Every slot whose bytes contain `needle`, each once.
    func slots(containing needle: [UInt8]) -> [Int32] {
        guard !needle.isEmpty else { return [] }
        guard needle.count >= 2, withSignatures else { return scanAll(for: needle) }
        let wanted = Self.signature(of: needle)
        var found: [Int32] = []
        bytes.withUnsafeBufferPointer { buffer in
            needle.withUnsafeBufferPointer { n in
                signatures.withUnsafeBufferPointer { words in
                    for slot in 0..<regions.count {
                        let base = slot * 4
                        guard words[base] & wanted[0] == wanted[0], words[base + 1] & wanted[1] == wanted[1],
                              words[base + 2] & wanted[2] == wanted[2], words[base + 3] & wanted[3] == wanted[3] else { continue }
                        let region = regions[slot]
                        guard region.count >= needle.count else { continue }
                        let part = UnsafeBufferPointer(rebasing: buffer[Int(region.lowerBound)..<Int(region.upperBound)])
                        if ByteSearch.find(n, in: part, from: 0) != nil { found.append(Int32(slot)) }
                    }
                }
            }
        }
        return found
    }

    /// One `memmem` pass over the whole buffer (one-byte needles have no bigram; arenas without signatures).
    private func scanAll(for needle: [UInt8]) -> [Int32] {
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
                    // A garbage region's owner may since have moved (or been removed): only its current region counts.
                    if !region.isEmpty, region.lowerBound == starts[low - 1] { found.append(owner) }
                    // Continue after this region (or this garbage region).
                    position = low < starts.count ? Int(starts[low]) : buffer.count
                }
            }
        }
        return found
    }

    /// The bigram bits of `bytes`: bit `(a &* 31 &+ b) & 255` for each adjacent pair.
    static func signature(of bytes: [UInt8]) -> SIMD4<UInt64> {
        var words = SIMD4<UInt64>(repeating: 0)
        guard bytes.count >= 2 else { return words }
        bytes.withUnsafeBufferPointer { buffer in
            var previous = UInt32(buffer[0])
            for index in 1..<buffer.count {
                let current = UInt32(buffer[index])
                let bit = (previous &* 31 &+ current) & 255
                // Indexed, not switched on: the word is random, so a branch would mispredict.
                words[Int(bit >> 6)] |= 1 << UInt64(bit & 63)
                previous = current
            }
        }
        return words
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
