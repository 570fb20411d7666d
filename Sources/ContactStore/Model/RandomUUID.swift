/// New ids: random (version 4) UUIDs in lowercase, as SPEC §1 asks for new contacts.
///
/// The bits come from `SystemRandomNumberGenerator`, which on Linux calls
/// `getrandom(2)`: no file descriptor is needed, so ids stay random when every
/// descriptor is in use. (Foundation's `UUID()` reads `/dev/urandom` and gave the
/// all-zero UUID `00000000-0000-4000-8000-000000000000` when it could not open it.)
public enum RandomUUID {
    /// A new random UUID, e.g. `"0f8e5c1a-3b2d-4c6e-9a7b-5d4e3f2a1b0c"`.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return make(using: &generator)
    }

    /// A UUID from `generator`'s bits, with the version (4) and variant (RFC 9562 §5.4) set.
    static func make<Generator: RandomNumberGenerator>(using generator: inout Generator) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for word in [generator.next(), generator.next()] as [UInt64] {
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        bytes[6] = 0x40 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
