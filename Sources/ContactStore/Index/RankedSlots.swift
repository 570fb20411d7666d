/// An ordered sequence of slots, cut into blocks, that knows every slot's place.
///
/// A flat array of 1M slots with a position per slot costs O(N) per write: the
/// insertion shifts the tail and every following slot's position changes. Here
/// each block is a short array with the count of slots before it (its start),
/// and each slot remembers its block and its offset in that block. A write
/// shifts one block and moves the start of the blocks after it: O(B + N/B),
/// about 2,000 steps at 1M with blocks of ~1,000. A slot's place is
/// start + offset; the slot at a place is a binary search over the starts.
///
/// Each slot may be *marked* (the index marks the trash): every block also
/// counts its marked slots and how many come before it, so the n-th unmarked
/// (or marked) slot is found without walking the ones before it — a deep page
/// of live contacts costs the same as the first.
///
/// Blocks are cut at `blockSize` when built; a block that grows past twice that
/// is split in halves, an emptied block is dropped, and a block that shrinks is
/// merged with a neighbour when both fit in `blockSize` (so removals cannot
/// leave many near-empty blocks behind).
///
/// - Complexity: `place(of:)` O(1); `slot(at:)` O(log(N/B)); `insert` O(log N)
///   comparisons plus O(B + N/B); `remove` O(B + N/B).
struct RankedSlots: Sendable {
    /// About √(1M): the cost of shifting a block and of moving the starts balance there.
    static let defaultBlockSize = 1024

    private struct Block: Sendable {
        let id: Int32
        var slots: [Int32]
        /// How many slots the blocks before this one hold.
        var start: Int
        /// How many of this block's slots are marked, and how many marked slots the blocks before it hold.
        var marked = 0
        var markedStart = 0
    }

    private let blockSize: Int
    private var blocks: [Block] = []
    /// The index in `blocks` of each block id (ids stay put when blocks move).
    private var placeOfBlock: [Int32] = []
    private var freeBlockIDs: [Int32] = []
    /// Each slot's block id, -1 when the slot is not in the sequence.
    private var blockOfSlot: [Int32] = []
    /// Each slot's offset within its block (a block never holds more than 2 × `blockSize`).
    private var offsetOfSlot: [UInt16] = []
    /// Whether each slot is marked.
    private var isMarked: [Bool] = []
    /// How many slots the sequence holds.
    private(set) var count = 0
    /// How many of them are marked.
    private(set) var markedCount = 0

    /// A sequence of `ordered` (distinct slots below `slotCount`), in that order, with the slots for which `marked` holds marked.
    init(_ ordered: [Int32], slotCount: Int, blockSize: Int = defaultBlockSize, marked: (Int32) -> Bool = { _ in false }) {
        precondition(blockSize >= 1 && 2 * blockSize <= Int(UInt16.max), "block size out of range")
        self.blockSize = blockSize
        blockOfSlot.reserveCapacity(GrowthRoom.capacity(for: slotCount))
        offsetOfSlot.reserveCapacity(GrowthRoom.capacity(for: slotCount))
        isMarked.reserveCapacity(GrowthRoom.capacity(for: slotCount))
        blockOfSlot.append(contentsOf: repeatElement(-1, count: slotCount))
        offsetOfSlot.append(contentsOf: repeatElement(0, count: slotCount))
        isMarked.append(contentsOf: repeatElement(false, count: slotCount))
        for slot in ordered where marked(slot) { isMarked[Int(slot)] = true }
        blocks.reserveCapacity(ordered.count / blockSize + 1)
        var start = 0
        while start < ordered.count {
            let end = min(start + blockSize, ordered.count)
            insertBlock(Array(ordered[start..<end]), start: start, at: blocks.count)
            blocks[blocks.count - 1].markedStart = markedCount
            markedCount += blocks[blocks.count - 1].marked
            start = end
        }
        count = ordered.count
    }

    /// Bytes held (for the memory breakdown).
    var memoryBytes: Int {
        blocks.reduce(0) { $0 + $1.slots.capacity * 4 } + blocks.capacity * MemoryLayout<Block>.stride
            + blockOfSlot.count * 4 + offsetOfSlot.count * 2 + isMarked.count + placeOfBlock.count * 4
    }

    /// True when `slot` is in the sequence.
    func contains(_ slot: Int32) -> Bool {
        Int(slot) < blockOfSlot.count && blockOfSlot[Int(slot)] >= 0
    }

    /// The slot's place, counted from 0 at the front. The slot must be in the sequence.
    func place(of slot: Int32) -> Int {
        let block = blockOfSlot[Int(slot)]
        precondition(block >= 0, "slot not in the sequence")
        return blocks[Int(placeOfBlock[Int(block)])].start + Int(offsetOfSlot[Int(slot)])
    }

    /// The slot at `place`, which must be below `count`.
    func slot(at place: Int) -> Int32 {
        precondition(place >= 0 && place < count, "place out of range")
        let index = blockIndex(containing: place)
        return blocks[index].slots[place - blocks[index].start]
    }

    /// The place of the `n`-th (from 0) slot that is marked (or unmarked), nil past the last.
    ///
    /// - Complexity: O(log(N/B) + B).
    func place(ofNth n: Int, marked: Bool) -> Int? {
        guard n >= 0, n < (marked ? markedCount : count - markedCount) else { return nil }
        func before(_ index: Int) -> Int { marked ? blocks[index].markedStart : blocks[index].start - blocks[index].markedStart }
        var low = 0
        var high = blocks.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if before(middle) <= n { low = middle } else { high = middle - 1 }
        }
        var remaining = n - before(low)
        for (offset, slot) in blocks[low].slots.enumerated() where isMarked[Int(slot)] == marked {
            if remaining == 0 { return blocks[low].start + offset }
            remaining -= 1
        }
        return nil
    }

    /// How many slots before `place` are marked (or unmarked).
    ///
    /// - Complexity: O(log(N/B) + B).
    func count(marked: Bool, before place: Int) -> Int {
        guard place > 0 else { return 0 }
        guard place < count else { return marked ? markedCount : count - markedCount }
        let index = blockIndex(containing: place)
        var found = marked ? blocks[index].markedStart : blocks[index].start - blocks[index].markedStart
        for slot in blocks[index].slots[..<(place - blocks[index].start)] where isMarked[Int(slot)] == marked { found += 1 }
        return found
    }

    /// Inserts `slot` (marked or not) after every slot for which `isBefore` holds;
    /// those must form the front of the sequence (it is sorted by what `isBefore` compares).
    mutating func insert(_ slot: Int32, marked: Bool = false, after isBefore: (Int32) -> Bool) {
        precondition(!contains(slot), "slot already in the sequence")
        grow(to: Int(slot) + 1)
        isMarked[Int(slot)] = marked
        count += 1
        if marked { markedCount += 1 }
        guard !blocks.isEmpty else {
            insertBlock([slot], start: 0, at: 0)
            return
        }
        // The first block whose last slot is not before the new one, else the last block.
        var low = 0
        var high = blocks.count - 1
        while low < high {
            let middle = (low + high) / 2
            if isBefore(blocks[middle].slots[blocks[middle].slots.count - 1]) { low = middle + 1 } else { high = middle }
        }
        let index = low
        let offset = Self.partitionPoint(of: blocks[index].slots, isBefore)
        blocks[index].slots.insert(slot, at: offset)
        renumberSlots(inBlock: index, from: offset)
        let markedStep = marked ? 1 : 0
        blocks[index].marked += markedStep
        for later in (index + 1)..<blocks.count {
            blocks[later].start += 1
            blocks[later].markedStart += markedStep
        }
        if blocks[index].slots.count > 2 * blockSize { split(index) }
    }

    /// Removes `slot`, which must be in the sequence.
    mutating func remove(_ slot: Int32) {
        let block = blockOfSlot[Int(slot)]
        precondition(block >= 0, "slot not in the sequence")
        let index = Int(placeOfBlock[Int(block)])
        let offset = Int(offsetOfSlot[Int(slot)])
        blocks[index].slots.remove(at: offset)
        blockOfSlot[Int(slot)] = -1
        count -= 1
        let markedStep = isMarked[Int(slot)] ? 1 : 0
        markedCount -= markedStep
        blocks[index].marked -= markedStep
        isMarked[Int(slot)] = false
        renumberSlots(inBlock: index, from: offset)
        for later in (index + 1)..<blocks.count {
            blocks[later].start -= 1
            blocks[later].markedStart -= markedStep
        }
        let size = blocks[index].slots.count
        if size == 0 {
            removeBlock(at: index)
        } else if index + 1 < blocks.count, size + blocks[index + 1].slots.count <= blockSize {
            mergeWithNext(index)
        } else if index > 0, size + blocks[index - 1].slots.count <= blockSize {
            mergeWithNext(index - 1)
        }
    }

    /// Visits the slots at `places` front to back (or back to front when
    /// `reversed`) until `body` returns false; returns false if it did.
    ///
    /// - Complexity: O(log(N/B)) to find the first slot, then O(1) per slot visited.
    @discardableResult
    func forEach(in places: Range<Int>, reversed: Bool, _ body: (Int32) -> Bool) -> Bool {
        let places = places.clamped(to: 0..<count)
        guard !places.isEmpty else { return true }
        var remaining = places.count
        if !reversed {
            var index = blockIndex(containing: places.lowerBound)
            var offset = places.lowerBound - blocks[index].start
            while remaining > 0 {
                let slots = blocks[index].slots
                let end = min(slots.count, offset + remaining)
                for position in offset..<end where !body(slots[position]) { return false }
                remaining -= end - offset
                index += 1
                offset = 0
            }
        } else {
            var index = blockIndex(containing: places.upperBound - 1)
            var end = places.upperBound - blocks[index].start
            while remaining > 0 {
                let slots = blocks[index].slots
                let start = max(0, end - remaining)
                for position in (start..<end).reversed() where !body(slots[position]) { return false }
                remaining -= end - start
                index -= 1
                if index >= 0 { end = blocks[index].slots.count }
            }
        }
        return true
    }

    /// The index in `blocks` of the block holding `place` (starts strictly increase: no block is empty).
    private func blockIndex(containing place: Int) -> Int {
        var low = 0
        var high = blocks.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if blocks[middle].start <= place { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The first index whose element does not satisfy `isBefore`.
    private static func partitionPoint(of slots: [Int32], _ isBefore: (Int32) -> Bool) -> Int {
        var low = 0
        var high = slots.count
        while low < high {
            let middle = (low + high) / 2
            if isBefore(slots[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Cuts the block at `index` in halves.
    private mutating func split(_ index: Int) {
        let half = blocks[index].slots.count / 2
        let tail = Array(blocks[index].slots[half...])
        blocks[index].slots.removeSubrange(half...)
        blocks[index].marked = marks(in: blocks[index].slots)
        insertBlock(tail, start: blocks[index].start + half, at: index + 1)
        blocks[index + 1].markedStart = blocks[index].markedStart + blocks[index].marked
    }

    /// Moves the slots of the block after `index` to the end of the block at `index`.
    private mutating func mergeWithNext(_ index: Int) {
        let offset = blocks[index].slots.count
        blocks[index].slots += blocks[index + 1].slots
        blocks[index].marked += blocks[index + 1].marked
        removeBlock(at: index + 1)
        renumberSlots(inBlock: index, from: offset)
    }

    private mutating func insertBlock(_ slots: [Int32], start: Int, at index: Int) {
        let id: Int32
        if let free = freeBlockIDs.popLast() {
            id = free
        } else {
            id = Int32(placeOfBlock.count)
            placeOfBlock.append(-1)
        }
        blocks.insert(Block(id: id, slots: slots, start: start, marked: marks(in: slots)), at: index)
        for later in index..<blocks.count { placeOfBlock[Int(blocks[later].id)] = Int32(later) }
        renumberSlots(inBlock: index, from: 0)
    }

    private mutating func removeBlock(at index: Int) {
        freeBlockIDs.append(blocks[index].id)
        blocks.remove(at: index)
        for later in index..<blocks.count { placeOfBlock[Int(blocks[later].id)] = Int32(later) }
    }

    /// How many of `slots` are marked.
    private func marks(in slots: [Int32]) -> Int {
        slots.reduce(0) { $0 + (isMarked[Int($1)] ? 1 : 0) }
    }

    /// Records the block and offset of the slots of block `index` from `offset` on.
    private mutating func renumberSlots(inBlock index: Int, from offset: Int) {
        let id = blocks[index].id
        let slots = blocks[index].slots
        for position in offset..<slots.count {
            blockOfSlot[Int(slots[position])] = id
            offsetOfSlot[Int(slots[position])] = UInt16(position)
        }
    }

    private mutating func grow(to slotCount: Int) {
        guard blockOfSlot.count < slotCount else { return }
        blockOfSlot.append(contentsOf: repeatElement(-1, count: slotCount - blockOfSlot.count))
        offsetOfSlot.append(contentsOf: repeatElement(0, count: slotCount - offsetOfSlot.count))
        isMarked.append(contentsOf: repeatElement(false, count: slotCount - isMarked.count))
    }
}
