/// Builds the ``GramIndex`` containers of one 65,536-slot range from its
/// slots' texts, added in ascending slot order so each gram's values come
/// sorted. A range meets tens of millions of gram occurrences at a million
/// contacts, so lookups avoid `Dictionary`: 1- and 2-grams index flat tables,
/// 3-grams an open-addressing ``GramTable``; a gram turns into a bitmap as
/// soon as it passes 4,096 slots, so no list grows past 8 KiB.
struct GramRangeBuilder {
    private var listOfByte = [Int32](repeating: -1, count: 256)
    private var listOfPair = [Int32](repeating: -1, count: 1 << 16)
    private var listOfTriple = GramTable()
    private var keys: [UInt32] = []
    /// Per gram, in one array so that recording a gram touches one cache line.
    private var lists: [GramList] = []
    private var bitmaps: [UInt64] = []

    /// Adds the grams of one slot's text (fields separated by 0x00).
    mutating func add(_ text: UnsafeBufferPointer<UInt8>, low: UInt16) {
        let count = text.count
        var index = 0
        while index < count {
            let first = Int(text[index])
            if first != 0 {
                var list = listOfByte[first]
                if list < 0 {
                    list = newList(1 << 24 | UInt32(first))
                    listOfByte[first] = list
                }
                record(Int(list), low)
                if index + 1 < count, text[index + 1] != 0 {
                    let pair = first << 8 | Int(text[index + 1])
                    list = listOfPair[pair]
                    if list < 0 {
                        list = newList(2 << 24 | UInt32(pair))
                        listOfPair[pair] = list
                    }
                    record(Int(list), low)
                    if index + 2 < count, text[index + 2] != 0 {
                        let key = 3 << 24 | UInt32(pair) << 8 | UInt32(text[index + 2])
                        let (list, isNew) = listOfTriple.index(of: key, storingIfNew: Int32(keys.count))
                        if isNew { _ = newList(key) }
                        record(Int(list), low)
                    }
                }
            }
            index += 1
        }
    }

    /// Each gram's key and container.
    func containers() -> [(key: UInt32, container: SlotContainer)] {
        zip(keys, lists).map { key, list in
            let container = list.bitmapOffset < 0 ? SlotContainer(sortedValues: list.values)
                : SlotContainer(words: Array(bitmaps[list.bitmapOffset..<list.bitmapOffset + SlotContainer.bitmapWordCount]), count: list.count)
            return (key: key, container: container)
        }
    }

    private mutating func newList(_ key: UInt32) -> Int32 {
        keys.append(key)
        lists.append(GramList())
        return Int32(keys.count - 1)
    }

    @inline(__always)
    private mutating func record(_ list: Int, _ low: UInt16) {
        // Most occurrences repeat a gram already seen in this slot's text.
        guard lists[list].lastLow != Int32(low) else { return }
        lists[list].lastLow = Int32(low)
        lists[list].count += 1
        let offset = lists[list].bitmapOffset
        if offset >= 0 {
            bitmaps[offset + Int(low >> 6)] |= 1 << UInt64(low & 63)
        } else if lists[list].values.count < SlotContainer.maximumArrayCount {
            lists[list].values.append(low)
        } else {
            let offset = bitmaps.count
            bitmaps.append(contentsOf: repeatElement(0, count: SlotContainer.bitmapWordCount))
            for value in lists[list].values + [low] { bitmaps[offset + Int(value >> 6)] |= 1 << UInt64(value & 63) }
            lists[list].values = []
            lists[list].bitmapOffset = offset
        }
    }
}

/// What a ``GramRangeBuilder`` knows of one gram: the last slot added (to skip
/// repeats), how many, and its values while sparse or its bitmap's offset once dense.
private struct GramList {
    var lastLow: Int32 = -1
    var count = 0
    var bitmapOffset = -1
    var values: [UInt16] = []
}

/// An open-addressing hash table from 3-gram key to list index (keys are never 0).
struct GramTable {
    private var keys = [UInt32](repeating: 0, count: 1 << 12)
    private var indices = [Int32](repeating: 0, count: 1 << 12)
    private var used = 0
    /// 32 minus log2 of the capacity: the hash is the product's top bits.
    private var shift: UInt32 = 32 - 12

    /// The index stored for `key`, or `next` after storing it when `key` is new.
    mutating func index(of key: UInt32, storingIfNew next: Int32) -> (index: Int32, isNew: Bool) {
        var position = Int((key &* 0x9E37_79B1) >> shift)
        while true {
            let found = keys[position]
            if found == key { return (indices[position], false) }
            if found == 0 { break }
            position = (position + 1) & (keys.count - 1)
        }
        keys[position] = key
        indices[position] = next
        used += 1
        if used * 2 > keys.count { grow() }
        return (next, true)
    }

    private mutating func grow() {
        let old = zip(keys, indices).filter { $0.0 != 0 }
        keys = [UInt32](repeating: 0, count: keys.count * 2)
        indices = [Int32](repeating: 0, count: keys.count)
        shift -= 1
        used = 0
        for (key, index) in old { _ = self.index(of: key, storingIfNew: index) }
    }
}
