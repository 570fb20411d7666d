@testable import HTTPServer

/// Lower-case hex of `bytes`, for comparing digests with published vectors.
func hex(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }.joined()
}

/// Bytes from a string of hex pairs, spaces ignored: `bytes("81 05 48")`.
func bytes(_ hexString: String) -> [UInt8] {
    let digits = hexString.filter { !$0.isWhitespace }.map { $0.hexDigitValue! }
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(digits[$0] << 4 | digits[$0 + 1]) }
}
