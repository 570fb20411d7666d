/// Finding a byte in a buffer in pure Swift (the vCard module has no C
/// dependency), eight bytes at a time.
enum ByteScan {
    /// The index of the first `byte` in `buffer` at or after `start`, or nil.
    ///
    /// Eight bytes are tested at once with the "has a zero byte" trick on
    /// `word ^ pattern` (Hacker's Delight §6-1), so the long base64 lines of
    /// embedded photos are crossed at several bytes per cycle, like `memchr`.
    ///
    /// - Complexity: O(n).
    @inline(__always)
    static func firstIndex(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let count = buffer.count
        guard start < count, let base = buffer.baseAddress else { return nil }
        var index = start
        let raw = UnsafeRawPointer(base)
        let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
        while index + 8 <= count {
            // Bytes in memory order from the low end, so the lowest flag is the first match
            // (a borrow can only flag bytes after a real match, never before it).
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) ^ pattern
            let found = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
            if found != 0 { return index + found.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < count {
            if base[index] == byte { return index }
            index += 1
        }
        return nil
    }
}
