/// EUC-JP to Shift_JIS transcoding, so that EUC-JP values can be decoded by the
/// Shift_JIS decoder Foundation has on Linux (it has none for EUC-JP).
///
/// Both encode JIS X 0208 and the half-width katakana, by arithmetic on the
/// row and cell of each character (JIS X 0208:1997 Annex 1). JIS X 0212 (the
/// three-byte `0x8F` form) has no Shift_JIS equivalent: such values are not decoded.
enum EUCJapanese {
    /// The Shift_JIS bytes of the same characters, or nil for bytes that are not
    /// EUC-JP or hold a JIS X 0212 character.
    static func shiftJIS(fromEUC bytes: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                output.append(lead)
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { return nil }
            let trail = bytes[index + 1]
            switch (lead, trail) {
            case (0x8E, 0xA1...0xDF):  // half-width katakana: SS2 + the Shift_JIS byte itself
                output.append(trail)
            case (0xA1...0xFE, 0xA1...0xFE):
                let row = lead - 0x80, cell = trail - 0x80  // both 0x21...0x7E
                output.append((row + 1) / 2 + (row <= 0x5E ? 0x70 : 0xB0))
                if row & 1 == 1 {
                    output.append(cell + (cell >= 0x60 ? 0x20 : 0x1F))
                } else {
                    output.append(cell + 0x7E)
                }
            default:
                return nil
            }
            index += 2
        }
        return output
    }
}
