/// SHA-1 (FIPS 180-4 §6.1), written in the project because the WebSocket
/// opening handshake needs it (RFC 6455 §4.2.2, `Sec-WebSocket-Accept`) and the
/// toolchain ships no hash on Linux outside Foundation's private internals.
///
/// SHA-1 is broken for collision resistance; RFC 6455 uses it only to prove that
/// the server understood the handshake (§10.7 — no security property rests on
/// it), which is the only use in Cardbox.
///
/// ```swift
/// var hasher = SHA1()
/// hasher.update(Array("ab".utf8))
/// hasher.update(Array("c".utf8))
/// let digest = hasher.finalize() // a9 99 3e 36 …
/// ```
///
/// - Complexity: O(n) in the bytes hashed; 64 bytes of buffered state.
public struct SHA1: Sendable {
    /// The digest length in bytes (FIPS 180-4 §1: 160 bits).
    public static let digestSize = 20

    private static let blockSize = 64

    private var h0: UInt32 = 0x6745_2301
    private var h1: UInt32 = 0xEFCD_AB89
    private var h2: UInt32 = 0x98BA_DCFE
    private var h3: UInt32 = 0x1032_5476
    private var h4: UInt32 = 0xC3D2_E1F0
    /// Bytes of the current, not yet full, 64-byte block.
    private var block: [UInt8] = []
    /// Total message length in bytes so far (FIPS 180-4 §5.1.1 pads with it in bits).
    private var length: UInt64 = 0

    /// A hasher with the initial hash value of FIPS 180-4 §5.3.1.
    public init() {
        block.reserveCapacity(Self.blockSize)
    }

    /// Adds `bytes` to the message being hashed; may be called any number of times.
    ///
    /// - Complexity: O(`bytes.count`).
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            block.append(byte)
            if block.count == Self.blockSize {
                compressBlock()
                block.removeAll(keepingCapacity: true)
            }
            length &+= 1
        }
    }

    /// Pads the message (FIPS 180-4 §5.1.1) and returns the 20-byte digest.
    ///
    /// Consuming: a finished hasher cannot be updated again by mistake.
    public consuming func finalize() -> [UInt8] {
        let bitLength = length &* 8
        block.append(0x80)
        if block.count > Self.blockSize - 8 {
            block.append(contentsOf: repeatElement(0, count: Self.blockSize - block.count))
            compressBlock()
            block.removeAll(keepingCapacity: true)
        }
        block.append(contentsOf: repeatElement(0, count: Self.blockSize - 8 - block.count))
        for shift in stride(from: 56, through: 0, by: -8) {
            block.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        compressBlock()
        var digest: [UInt8] = []
        digest.reserveCapacity(Self.digestSize)
        for word in [h0, h1, h2, h3, h4] {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    /// The SHA-1 digest of `bytes` in one call.
    ///
    /// ```swift
    /// SHA1.hash(Array("abc".utf8)) // a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d
    /// ```
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = SHA1()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Runs the compression function (FIPS 180-4 §6.1.2) over the full `block`.
    private mutating func compressBlock() {
        var w = [UInt32](repeating: 0, count: 80)
        for t in 0..<16 {
            let i = t * 4
            w[t] = UInt32(block[i]) << 24 | UInt32(block[i + 1]) << 16 | UInt32(block[i + 2]) << 8 | UInt32(block[i + 3])
        }
        for t in 16..<80 {
            w[t] = rotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], by: 1)
        }
        var a = h0, b = h1, c = h2, d = h3, e = h4
        for t in 0..<80 {
            let f: UInt32
            let k: UInt32
            switch t {
            case 0..<20: f = (b & c) | (~b & d); k = 0x5A82_7999
            case 20..<40: f = b ^ c ^ d; k = 0x6ED9_EBA1
            case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1B_BCDC
            default: f = b ^ c ^ d; k = 0xCA62_C1D6
            }
            let temp = rotateLeft(a, by: 5) &+ f &+ e &+ k &+ w[t]
            e = d
            d = c
            c = rotateLeft(b, by: 30)
            b = a
            a = temp
        }
        h0 &+= a
        h1 &+= b
        h2 &+= c
        h3 &+= d
        h4 &+= e
    }
}

/// ROTL^n(x) of FIPS 180-4 §3.2.
@inline(__always)
private func rotateLeft(_ value: UInt32, by count: UInt32) -> UInt32 {
    (value << count) | (value >> (32 - count))
}
