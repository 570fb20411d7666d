import CSystem
import Glibc

/// Substring search over bytes, for the index's full-text search.
public enum ByteSearch {
    /// True when `needle` occurs in `haystack`. The corresponding C function is `memmem`.
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { n in find(n, in: h, from: 0) != nil } }
    }

    /// The offset of the first occurrence of `needle` in `haystack` at or after
    /// `start`, or nil. The corresponding C function is `memmem`.
    public static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        if needle.isEmpty { return start <= haystack.count ? start : nil }
        guard start < haystack.count, haystack.count - start >= needle.count, let base = haystack.baseAddress else { return nil }
        guard let found = csystem_memmem(base + start, haystack.count - start, needle.baseAddress!, needle.count) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Orders two byte strings lexicographically (unsigned bytes, a prefix first):
    /// negative, zero or positive, like C's `memcmp` extended to unequal lengths.
    /// The corresponding C function is `memcmp`.
    public static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in compare(pa, pb) } }
    }

    /// ``compare(_:_:)-([UInt8],_)`` over buffers.
    public static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        let result = common == 0 ? 0 : Int(memcmp(a.baseAddress!, b.baseAddress!, common))
        return result != 0 ? result : a.count - b.count
    }
}
