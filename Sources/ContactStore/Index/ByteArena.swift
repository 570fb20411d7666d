import Dispatch
import Platform
import Synchronization

/// Per-slot byte strings stored back to back in one buffer: the folded search
/// texts that ``GramIndex`` candidates are verified against, without a pointer
/// hop per slot. Replaced strings are appended and their old bytes left as
/// garbage until a compaction, which runs when garbage outweighs live bytes.
struct ByteArena: Sendable {
    private(set) var bytes: [UInt8] = []
    /// The current region of each slot (empty when none).
    private var regions: [Range<Int32>] = []
    private var garbage = 0

    /// Bytes in use, garbage included, room to grow not (for the memory breakdown).
    var memoryBytes: Int { bytes.count + regions.count * MemoryLayout<Range<Int32>>.stride }

    mutating func reserveCapacity(slots: Int, bytes count: Int) {
        bytes.reserveCapacity(count)
        regions.reserveCapacity(slots)
    }

    /// Sets slot `slot`'s bytes. Each region is followed by a 0x00 separator.
    mutating func set(_ slot: Int32, _ value: [UInt8]) {
        remove(slot)
        if regions.count <= Int(slot) {
            regions.append(contentsOf: repeatElement(0..<0, count: Int(slot) - regions.count + 1))
        }
        let start = Int32(bytes.count)
        bytes.append(contentsOf: value)
        bytes.append(0)
        regions[Int(slot)] = start..<Int32(bytes.count)
    }

    mutating func remove(_ slot: Int32) {
        guard Int(slot) < regions.count, !regions[Int(slot)].isEmpty else { return }
        garbage += regions[Int(slot)].count
        regions[Int(slot)] = 0..<0
        if garbage > 4096 && garbage > bytes.count / 2 { compact() }
    }

    /// Calls `body` with slot `slot`'s bytes and their 0x00 separator (empty when none).
    func withBytes<Result>(of slot: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let region = Int(slot) < regions.count ? regions[Int(slot)] : 0..<0
        return bytes.withUnsafeBufferPointer { buffer in
            body(UnsafeBufferPointer(rebasing: buffer[Int(region.lowerBound)..<Int(region.upperBound)]))
        }
    }

    /// A copy of slot `slot`'s bytes with their separator (empty when none).
    func bytes(of slot: Int32) -> [UInt8] {
        withBytes(of: slot) { Array($0) }
    }

    /// True when slot `slot`'s bytes contain `needle`.
    func contains(_ slot: Int32, _ needle: [UInt8]) -> Bool {
        withBytes(of: slot) { region in
            !region.isEmpty && needle.withUnsafeBufferPointer { ByteSearch.find($0, in: region, from: 0) != nil }
        }
    }

    /// The slots of `candidates` whose bytes contain the scan's needle, in
    /// their order. A term common to a fifth of a million contacts has that
    /// many candidates: large sets are split over the cores.
    func filter(_ candidates: [Int32], containing scan: NeedleScan) -> [Int32] {
        let chunkCount = min(SystemInfo.processorCount, candidates.count / Self.slotsPerTask)
        guard chunkCount > 1 else { return filter(candidates[...], containing: scan) }
        let chunkSize = (candidates.count + chunkCount - 1) / chunkCount
        let found = Mutex<[Int: [Int32]]>([:])
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let part = filter(candidates[chunk * chunkSize..<min(candidates.count, (chunk + 1) * chunkSize)], containing: scan)
            found.withLock { $0[chunk] = part }
        }
        return found.withLock { parts in (0..<chunkCount).flatMap { parts[$0] ?? [] } }
    }

    /// The start of a region that is prefetched: two cache lines.
    private static let prefetchedBytes = 128

    /// Below this many candidates a second task costs more than it saves.
    private static let slotsPerTask = 16_384

    /// Candidates are scattered over the buffer: the start of each region is
    /// prefetched a few candidates ahead, or every scan would wait for memory
    /// in turn. A match is usually in the first fields, so the scan seldom
    /// reads past the lines prefetched.
    private func filter(_ candidates: ArraySlice<Int32>, containing scan: NeedleScan) -> [Int32] {
        let ahead = 8
        return bytes.withUnsafeBufferPointer { buffer in
            scan.needle.withUnsafeBufferPointer { pattern in
                func region(_ slot: Int32) -> UnsafeBufferPointer<UInt8> {
                    let range = Int(slot) < regions.count ? regions[Int(slot)] : 0..<0
                    return UnsafeBufferPointer(rebasing: buffer[Int(range.lowerBound)..<Int(range.upperBound)])
                }
                func prefetch(_ slot: Int32) {
                    let bytes = region(slot)
                    Memory.prefetch(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[..<min(bytes.count, Self.prefetchedBytes)])))
                }
                for slot in candidates.prefix(ahead) { prefetch(slot) }
                var found: [Int32] = []
                for index in candidates.indices {
                    if index + ahead < candidates.endIndex { prefetch(candidates[index + ahead]) }
                    if scan.occurs(in: region(candidates[index]), pattern) { found.append(candidates[index]) }
                }
                return found
            }
        }
    }

    /// Rewrites the buffer with live regions only, in slot order.
    private mutating func compact() {
        var fresh: [UInt8] = []
        fresh.reserveCapacity(GrowthRoom.capacity(for: bytes.count - garbage))
        for slot in regions.indices where !regions[slot].isEmpty {
            let start = Int32(fresh.count)
            fresh.append(contentsOf: bytes[Int(regions[slot].lowerBound)..<Int(regions[slot].upperBound)])
            regions[slot] = start..<Int32(fresh.count)
        }
        bytes = fresh
        garbage = 0
    }
}
