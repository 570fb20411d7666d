import ByteText

/// UTF-8 validation (RFC 3629 §4) over bytes, written out so the reader's hot
/// path needs no generic standard-library call: overlong forms, surrogates and
/// code points above U+10FFFF are invalid.
public enum UTF8Validation {
    /// True when `bytes` is well-formed UTF-8.
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return false
            }
            guard index + length <= count else { return false }
            let second = bytes[index + 1]
            guard second >= lower && second <= upper else { return false }
            for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }

    /// True when every byte is ASCII.
    @inline(__always)
    public static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    /// The bytes as a string: UTF-8 when valid, ISO-8859-1 otherwise (SPEC §1.2).
    public static func decodeOrLatin1(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if isASCII(bytes) || isValid(bytes) { return String(decoding: bytes, as: UTF8.self) }
        return TextDecoding.latin1(bytes)
    }
}
