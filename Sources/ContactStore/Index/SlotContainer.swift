/// The slots of one 65,536-slot range of a ``SlotSet``, by their low 16 bits:
/// a sorted array of at most 4,096 values while sparse (2 bytes a slot), a
/// 65,536-bit bitmap once denser (8 KiB, less than the array would take), as
/// in roaring bitmaps.
struct SlotContainer: Sendable, Equatable {
    /// Above this many values an array would take more memory than a bitmap.
    static let maximumArrayCount = 4096
    static let bitmapWordCount = 1024

    /// The sorted values, when not a bitmap.
    private(set) var values: [UInt16] = []
    /// The 1,024 bitmap words, or empty when an array.
    private(set) var words: [UInt64] = []
    private(set) var count = 0

    var isBitmap: Bool { !words.isEmpty }

    /// A container holding `sortedValues` (ascending, distinct).
    init(sortedValues: [UInt16]) {
        if sortedValues.count > Self.maximumArrayCount {
            words = Self.bitmap(of: sortedValues)
        } else {
            values = sortedValues
        }
        count = sortedValues.count
    }

    /// A container holding the set bits of `words`, of which there are `count`.
    init(words: [UInt64], count: Int) {
        self.count = count
        if count > Self.maximumArrayCount {
            self.words = words
        } else {
            values = Self.values(of: words, count: count)
        }
    }

    /// Bytes of heap memory the values or words take.
    var memoryBytes: Int { isBitmap ? Self.bitmapWordCount * 8 : values.capacity * 2 }

    func contains(_ low: UInt16) -> Bool {
        if isBitmap { return words[Int(low >> 6)] & (1 << UInt64(low & 63)) != 0 }
        let at = Self.lowerBound(of: low, in: values)
        return at < values.count && values[at] == low
    }

    /// Adds `low`; false when it was already there.
    @discardableResult
    mutating func insert(_ low: UInt16) -> Bool {
        if isBitmap {
            let mask: UInt64 = 1 << UInt64(low & 63)
            guard words[Int(low >> 6)] & mask == 0 else { return false }
            words[Int(low >> 6)] |= mask
            count += 1
            return true
        }
        // Slots are mostly added in ascending order (at load): append without searching.
        if let last = values.last, last < low {
            values.append(low)
        } else {
            let at = Self.lowerBound(of: low, in: values)
            guard at == values.count || values[at] != low else { return false }
            values.insert(low, at: at)
        }
        count += 1
        if count > Self.maximumArrayCount {
            words = Self.bitmap(of: values)
            values = []
        }
        return true
    }

    /// Removes `low`; false when it was not there.
    @discardableResult
    mutating func remove(_ low: UInt16) -> Bool {
        if isBitmap {
            let mask: UInt64 = 1 << UInt64(low & 63)
            guard words[Int(low >> 6)] & mask != 0 else { return false }
            words[Int(low >> 6)] &= ~mask
            count -= 1
            if count <= Self.maximumArrayCount {
                values = Self.values(of: words, count: count)
                words = []
            }
            return true
        }
        let at = Self.lowerBound(of: low, in: values)
        guard at < values.count, values[at] == low else { return false }
        values.remove(at: at)
        count -= 1
        return true
    }

    /// Calls `body` with each value in ascending order until it returns false;
    /// returns false when stopped early.
    @discardableResult
    func forEach(_ body: (UInt16) -> Bool) -> Bool {
        if !isBitmap {
            for value in values where !body(value) { return false }
            return true
        }
        for (index, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                let bit = UInt16(bits.trailingZeroBitCount)
                if !body(UInt16(index) << 6 | bit) { return false }
                bits &= bits &- 1
            }
        }
        return true
    }

    func intersection(_ other: SlotContainer) -> SlotContainer {
        switch (isBitmap, other.isBitmap) {
        case (true, true):
            var result = [UInt64](repeating: 0, count: Self.bitmapWordCount)
            var total = 0
            for index in 0..<Self.bitmapWordCount {
                let word = words[index] & other.words[index]
                result[index] = word
                total += word.nonzeroBitCount
            }
            return SlotContainer(words: result, count: total)
        case (false, true): return SlotContainer(sortedValues: values.filter(other.contains))
        case (true, false): return SlotContainer(sortedValues: other.values.filter(contains))
        case (false, false): return SlotContainer(sortedValues: Self.common(values, other.values))
        }
    }

    func intersectionCount(_ other: SlotContainer) -> Int {
        switch (isBitmap, other.isBitmap) {
        case (true, true):
            var total = 0
            for index in 0..<Self.bitmapWordCount { total += (words[index] & other.words[index]).nonzeroBitCount }
            return total
        case (false, true): return values.reduce(0) { $0 + (other.contains($1) ? 1 : 0) }
        case (true, false): return other.values.reduce(0) { $0 + (contains($1) ? 1 : 0) }
        case (false, false): return Self.common(values, other.values).count
        }
    }

    func union(_ other: SlotContainer) -> SlotContainer {
        if !isBitmap && !other.isBitmap && count + other.count <= Self.maximumArrayCount {
            return SlotContainer(sortedValues: Self.merged(values, other.values))
        }
        var result = isBitmap ? words : Self.bitmap(of: values)
        if other.isBitmap {
            for index in 0..<Self.bitmapWordCount { result[index] |= other.words[index] }
        } else {
            for value in other.values { result[Int(value >> 6)] |= 1 << UInt64(value & 63) }
        }
        return SlotContainer(words: result, count: result.reduce(0) { $0 + $1.nonzeroBitCount })
    }

    /// The union of `containers` (at least one): a sort of the values while
    /// they fit an array, else a bitmap they are all ORed into.
    static func union(_ containers: [SlotContainer]) -> SlotContainer {
        if containers.count == 1 { return containers[0] }
        if containers.allSatisfy({ !$0.isBitmap }) && containers.reduce(0, { $0 + $1.count }) <= maximumArrayCount {
            var values = containers.flatMap(\.values)
            values.sort()
            var distinct: [UInt16] = []
            distinct.reserveCapacity(values.count)
            for value in values where distinct.last != value { distinct.append(value) }
            return SlotContainer(sortedValues: distinct)
        }
        var result = [UInt64](repeating: 0, count: bitmapWordCount)
        for container in containers {
            if container.isBitmap {
                for index in 0..<bitmapWordCount { result[index] |= container.words[index] }
            } else {
                for value in container.values { result[Int(value >> 6)] |= 1 << UInt64(value & 63) }
            }
        }
        return SlotContainer(words: result, count: result.reduce(0) { $0 + $1.nonzeroBitCount })
    }

    private static func bitmap(of values: [UInt16]) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: bitmapWordCount)
        for value in values { words[Int(value >> 6)] |= 1 << UInt64(value & 63) }
        return words
    }

    private static func values(of words: [UInt64], count: Int) -> [UInt16] {
        var values: [UInt16] = []
        values.reserveCapacity(count)
        for (index, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                values.append(UInt16(index) << 6 | UInt16(bits.trailingZeroBitCount))
                bits &= bits &- 1
            }
        }
        return values
    }

    /// The values in both sorted arrays: a merge, or binary searches of the
    /// smaller array's values when the other is much longer.
    private static func common(_ a: [UInt16], _ b: [UInt16]) -> [UInt16] {
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        var result: [UInt16] = []
        if small.count * 16 < large.count {
            var from = 0
            for value in small {
                from += lowerBound(of: value, in: large[from...])
                if from == large.count { break }
                if large[from] == value { result.append(value) }
            }
            return result
        }
        var i = 0
        var j = 0
        while i < small.count && j < large.count {
            if small[i] < large[j] {
                i += 1
            } else if small[i] > large[j] {
                j += 1
            } else {
                result.append(small[i])
                i += 1
                j += 1
            }
        }
        return result
    }

    private static func merged(_ a: [UInt16], _ b: [UInt16]) -> [UInt16] {
        var result: [UInt16] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if a[i] < b[j] {
                result.append(a[i])
                i += 1
            } else if a[i] > b[j] {
                result.append(b[j])
                j += 1
            } else {
                result.append(a[i])
                i += 1
                j += 1
            }
        }
        result += a[i...]
        result += b[j...]
        return result
    }

    /// The offset, from the slice's start, of the first value not below `value`.
    private static func lowerBound(of value: UInt16, in values: ArraySlice<UInt16>) -> Int {
        var low = values.startIndex
        var high = values.endIndex
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low - values.startIndex
    }

    private static func lowerBound(of value: UInt16, in values: [UInt16]) -> Int {
        lowerBound(of: value, in: values[...])
    }
}
