import Testing
@testable import HTTPServer

/// Named `WebSocket…` so `swift test --filter WebSocket` runs it with the rest of the layer.
@Suite("Base64 against RFC 4648 §10 vectors (for the WebSocket handshake)")
struct WebSocketBase64Tests {
    static let vectors: [(String, String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ]

    @Test(arguments: vectors)
    func encodes(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
    }

    @Test(arguments: vectors)
    func decodes(plain: String, encoded: String) {
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test func roundTripsEveryByteValueAndLength() {
        let all = (0...255).map(UInt8.init)
        for length in 0...all.count {
            let slice = Array(all[..<length])
            #expect(Base64.decode(Base64.encode(slice)) == slice)
        }
        #expect(Base64.encode([0xFB, 0xFF]) == "+/8=")
    }

    @Test(arguments: [
        "Zg", "Zg=", "Zm9vY", // length not a multiple of 4
        "Zg==Zg==", "Z===", "=Zg=", "Zm=v", // padding not only at the end
        "Zm9v\n", "Zm 9v", "Zm9-", "Zm9_", "Zmé=", // outside the alphabet
        "Zh==", "Zm9=", // non-zero pad bits (RFC 4648 §3.5)
    ].map(QuotedText.init))
    func rejectsNonCanonical(_ input: QuotedText) {
        #expect(Base64.decode(input.text) == nil)
    }
}

/// A test input shown in test output as a Swift string literal, so line breaks
/// stay on one readable line.
struct QuotedText: CustomTestStringConvertible, Sendable {
    let text: String
    var testDescription: String { text.debugDescription }
}
