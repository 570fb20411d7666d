import Testing
@testable import HTTPServer

/// Named `WebSocket…` so `swift test --filter WebSocket` runs it with the rest of the layer.
@Suite("SHA-1 against FIPS 180 vectors (for the WebSocket handshake)")
struct WebSocketSHA1Tests {
    @Test(arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "a49b2446a02c645bf419f995b67091253a04a259"),
    ])
    func publishedVectors(message: String, digest: String) {
        #expect(hexDigits(SHA1.hash(Array(message.utf8))) == digest)
    }

    @Test func oneMillionA() {
        #expect(hexDigits(SHA1.hash(repeatElement(UInt8(ascii: "a"), count: 1_000_000))) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    /// Padding edge cases: 55 bytes fit one block, 56 and 64 need a second one.
    @Test(arguments: [55, 56, 63, 64, 65])
    func incrementalUpdatesMatchOneShot(length: Int) {
        let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let oneShot = SHA1.hash(message)
        for split in 0...length {
            var hasher = SHA1()
            hasher.update(message[..<split])
            hasher.update(message[split...])
            #expect(hasher.finalize() == oneShot, "split at \(split)")
        }
        var other = message
        other[length / 2] ^= 1
        #expect(SHA1.hash(other) != oneShot)
    }

    @Test func digestIsTwentyBytes() {
        #expect(SHA1.hash([1, 2, 3]).count == SHA1.digestSize)
    }

    /// RFC 6455 §1.3: the handshake's worked example, hashed by hand here.
    @Test func rfc6455HandshakeExample() {
        let digest = SHA1.hash(Array("dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11".utf8))
        #expect(hexDigits(digest) == "b37a4f2cc0624f1690f64606cf385945b2bec4ea")
        #expect(Base64.encode(digest) == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }
}
