/// UTF-16 input with a byte-order mark (`FF FE` little-endian, `FE FF` big-endian),
/// as some Windows address books export it, turned into UTF-8 for the reader.
enum UTF16Transcoding {
    /// The UTF-8 bytes of a UTF-16 text that starts with a byte-order mark; nil
    /// for anything else. An odd last byte is dropped; unpaired surrogates become U+FFFD.
    static func utf8(fromUTF16WithByteOrderMark bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 2 else { return nil }
        let littleEndian: Bool
        switch (bytes[0], bytes[1]) {
        case (0xFF, 0xFE): littleEndian = true
        case (0xFE, 0xFF): littleEndian = false
        default: return nil
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}
