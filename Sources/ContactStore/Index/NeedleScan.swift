/// A substring test tuned for verifying gram candidates: many short texts
/// (a slot's fields, ~150 bytes), one needle of four bytes or more. Positions
/// are tested for the needle's rarest byte pair (chosen
/// by the caller from the gram counts), eight positions at a time within a
/// 64-bit word, and only those positions are then compared in full, so a
/// text costs a few word operations rather than a `memmem` call, whose
/// per-call set-up dominates on texts this short.
struct NeedleScan: Sendable {
    let needle: [UInt8]
    /// The offset in `needle` of the byte pair scanned for.
    let anchor: Int

    /// A scan for `needle` (at least two bytes) by its pair at `anchor`.
    init(_ needle: [UInt8], anchor: Int) {
        precondition(needle.count >= 2 && anchor + 1 < needle.count, "the anchor is a byte pair inside the needle")
        self.needle = needle
        self.anchor = anchor
    }

    /// True when `needle` occurs in `text`; `pattern` is `needle`'s own storage.
    func occurs(in text: UnsafeBufferPointer<UInt8>, _ pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = pattern.count
        guard text.count >= length, let base = text.baseAddress else { return false }
        let first = pattern[anchor]
        let second = pattern[anchor + 1]
        // Where the pair may start: the whole needle must fit around it.
        var position = anchor
        let last = text.count - length + anchor
        let firsts = UInt64(first) &* Self.ones
        let seconds = UInt64(second) &* Self.ones
        while position + 7 <= last {
            let here = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
            let next = UnsafeRawPointer(base + position + 1).loadUnaligned(as: UInt64.self)
            var hits = Self.zeroBytes(here ^ firsts) & Self.zeroBytes(next ^ seconds)
            while hits != 0 {
                // Little-endian: byte k of the word is the text's byte at position + k.
                if matches(base + position + hits.trailingZeroBitCount / 8 - anchor, pattern) { return true }
                hits &= hits &- 1
            }
            position += 8
        }
        while position <= last {
            if base[position] == first && base[position + 1] == second && matches(base + position - anchor, pattern) { return true }
            position += 1
        }
        return false
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101

    /// 0x80 in exactly the bytes of `word` that are zero.
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low = ~(ones &* 0x80)
        return ~(((word & low) &+ low) | word | low)
    }

    private func matches(_ start: UnsafePointer<UInt8>, _ pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<pattern.count where start[index] != pattern[index] { return false }
        return true
    }
}
