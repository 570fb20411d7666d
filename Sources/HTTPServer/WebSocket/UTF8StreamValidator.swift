/// UTF-8 validation (RFC 3629 §4) one byte at a time, for text messages whose
/// fragments split characters anywhere (RFC 6455 §5.6, §8.1).
///
/// It rejects at the first byte that no continuation could make valid — an
/// overlong lead (C0, C1, E0 80…, F0 80…), a surrogate (ED A0…), a code point
/// over U+10FFFF (F4 90…, F5…), a stray continuation byte — so a bad message
/// fails fast, as §8.1 asks ("fail the WebSocket connection" as soon as the
/// invalid data is seen). ``isAtCharacterBoundary`` says whether the bytes so
/// far end on a whole character, which must be true at the end of a message.
struct UTF8StreamValidator: Sendable {
    /// Continuation bytes still expected for the current character.
    private var remaining: UInt8 = 0
    /// Allowed range of the next continuation byte (narrowed after E0, ED, F0, F4).
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    /// A validator at the start of a message.
    init() {}

    /// True when the bytes so far end on a character boundary.
    var isAtCharacterBoundary: Bool { remaining == 0 }

    /// Feeds one byte; false when the byte makes the stream invalid UTF-8,
    /// whatever follows. After false the validator must not be used again.
    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        if remaining == 0 {
            if byte < 0x80 { return true }
            switch byte {
            case 0xC2...0xDF: remaining = 1
            case 0xE0: remaining = 2; lower = 0xA0 // no overlong 3-byte forms
            case 0xE1...0xEC, 0xEE...0xEF: remaining = 2
            case 0xED: remaining = 2; upper = 0x9F // no surrogates U+D800–U+DFFF
            case 0xF0: remaining = 3; lower = 0x90 // no overlong 4-byte forms
            case 0xF1...0xF3: remaining = 3
            case 0xF4: remaining = 3; upper = 0x8F // nothing above U+10FFFF
            default: return false // 0x80–0xC1 (stray or overlong), 0xF5–0xFF
            }
            return true
        }
        guard byte >= lower && byte <= upper else { return false }
        remaining -= 1
        lower = 0x80
        upper = 0xBF
        return true
    }
}
