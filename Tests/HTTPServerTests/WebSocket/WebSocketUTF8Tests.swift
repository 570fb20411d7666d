import Testing
@testable import HTTPServer

/// UTF-8 of text messages checked across fragment boundaries (RFC 6455 §8.1).
@Suite("WebSocket UTF-8 validation across fragments")
struct WebSocketUTF8Tests {
    /// `bytes` as a text message of one fragment per byte, with a ping and an
    /// empty fragment in between to move the boundaries around.
    func oneBytePerFragment(_ payload: [UInt8]) -> [UInt8] {
        var input = maskedFrame(.text, [], fin: false)
        for (index, byte) in payload.enumerated() {
            input += maskedFrame(.continuation, [byte], fin: index == payload.count - 1)
            if index == 0 { input += maskedFrame(.ping, []) }
        }
        return input
    }

    @Test(arguments: ["€", "𝄞", "a€b𝄞c", "\u{D7FF}", "\u{E000}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}", "é\u{301}", "🇫🇷"])
    func validTextSplitAtEveryByte(text: String) {
        let utf8 = Array(text.utf8)
        for split in 0...utf8.count {
            let input = maskedFrame(.text, Array(utf8[..<split]), fin: false) + maskedFrame(.continuation, Array(utf8[split...]))
            expectFramesDecode(input, to: WebSocketDecodeResult(events: [.text(text)]))
        }
        #expect(decodeFrames([oneBytePerFragment(utf8)]).events == [.ping([]), .text(text)])
    }

    /// Sequences that no continuation can make valid, and the index of the byte
    /// that must be rejected — as soon as it arrives, before the message ends.
    @Test(arguments: [
        InvalidUTF8("U+D800, a high surrogate", [0xED, 0xA0, 0x80], badIndex: 1),
        InvalidUTF8("U+DFFF, a low surrogate", [0xED, 0xBF, 0xBF], badIndex: 1),
        InvalidUTF8("a 4-byte sequence cut short by a surrogate", [0xF0, 0x9D, 0x84, 0xED, 0xB4, 0x9E], badIndex: 3),
        InvalidUTF8("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80], badIndex: 1),
        InvalidUTF8("a lead byte that can never start a character", [0xF5, 0x80, 0x80, 0x80], badIndex: 0),
        InvalidUTF8("an overlong 2-byte form (C0)", [0xC0, 0xAF], badIndex: 0),
        InvalidUTF8("an overlong 2-byte form (C1)", [0xC1, 0xBF], badIndex: 0),
        InvalidUTF8("an overlong 3-byte form", [0xE0, 0x80, 0xAF], badIndex: 1),
        InvalidUTF8("an overlong 4-byte form", [0xF0, 0x80, 0x80, 0xAF], badIndex: 1),
        InvalidUTF8("a stray continuation byte", [0x61, 0x80], badIndex: 1),
        InvalidUTF8("ASCII where a continuation byte belongs", [0xE2, 0x82, 0x41], badIndex: 2),
        InvalidUTF8("the byte FF", [0xFF], badIndex: 0),
        InvalidUTF8("the byte FE", [0xFE], badIndex: 0),
    ])
    func invalidTextIsRejectedAtTheFirstBadByte(_ sequence: InvalidUTF8) throws {
        let payload = sequence.payload, badIndex = sequence.badIndex
        // One fragment per byte: an empty first frame (6 bytes), then 7-byte frames
        // whose payload byte is their 7th, with a 6-byte ping after the first.
        let offset = 6 + 7 * badIndex + 6 + (badIndex >= 1 ? 6 : 0)
        let expected = WebSocketProtocolError(.invalidUTF8, offset: offset)
        let input = oneBytePerFragment(payload)
        expectFramesDecode(input, to: WebSocketDecodeResult(events: badIndex >= 1 ? [.ping([])] : [], error: expected))
        // Fail fast: the bytes up to the bad one are enough.
        #expect(decodeFrames([Array(input[...offset])]).error == expected)
        // In a single frame too.
        let single = decodeFrames([maskedFrame(.text, payload)])
        #expect(single.error == WebSocketProtocolError(.invalidUTF8, offset: 6 + badIndex))
        #expect(single.error?.closeCode == .invalidPayloadData)
    }

    @Test(arguments: [
        InvalidUTF8("the first byte of 3", [0xE2]), InvalidUTF8("2 bytes of 3", [0xE2, 0x82]),
        InvalidUTF8("3 bytes of 4", [0xF0, 0x9F, 0x98]), InvalidUTF8("an ASCII letter and 3 bytes of 4", [0x61, 0xF4, 0x8F, 0xBF]),
    ])
    func textEndingMidCharacterIsRejectedAtTheEnd(_ sequence: InvalidUTF8) {
        let payload = sequence.payload
        let input = maskedFrame(.text, payload, fin: false) + maskedFrame(.continuation, [])
        // The final, empty frame is 6 bytes: its last byte reveals the problem.
        expectFramesDecode(input, to: WebSocketDecodeResult(error: WebSocketProtocolError(.invalidUTF8, offset: input.count - 1)))
        // Incomplete is not invalid while the message is still open.
        #expect(decodeFrames([maskedFrame(.text, payload, fin: false)]) == WebSocketDecodeResult())
    }

    @Test func validatorStateResetsBetweenMessages() {
        let input = maskedFrame(.text, [0x61]) + maskedFrame(.binary, [0xE2]) + maskedFrame(.text, [0xC3, 0xA9])
        #expect(decodeFrames([input]).events == [.text("a"), .binary([0xE2]), .text("é")])
    }

    /// Differential check against the standard library on pseudo-random input
    /// biased towards the bytes where UTF-8 has edges.
    @Test func streamValidatorAgreesWithStandardLibrary() {
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                                    0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var accepted = 0
        for _ in 0..<20_000 {
            var sample: [UInt8] = []
            for _ in 0..<Int(state % 6) + 1 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                sample.append(interesting[Int(state >> 33) % interesting.count])
            }
            var validator = UTF8StreamValidator()
            let streamed = sample.allSatisfy { validator.consume($0) } && validator.isAtCharacterBoundary
            let reference = String(validating: sample, as: UTF8.self) != nil
            #expect(streamed == reference, "\(sample)")
            if reference { accepted += 1 }
        }
        #expect(accepted > 200) // the sample exercises valid input too
    }

    /// Every sequence of one or two bytes, against the standard library.
    @Test func streamValidatorAgreesOnEveryShortSequence() {
        var disagreements: [[UInt8]] = []
        for first in 0...255 {
            for second in -1...255 {
                let sample = second < 0 ? [UInt8(first)] : [UInt8(first), UInt8(second)]
                var validator = UTF8StreamValidator()
                let streamed = sample.allSatisfy { validator.consume($0) } && validator.isAtCharacterBoundary
                if streamed != (String(validating: sample, as: UTF8.self) != nil) { disagreements.append(sample) }
            }
        }
        #expect(disagreements.isEmpty)
    }
}

/// Bytes that are not UTF-8, shown in test output by what is wrong with them.
struct InvalidUTF8: CustomTestStringConvertible, Sendable {
    let name: String
    let payload: [UInt8]
    /// The index of the first byte that must be rejected.
    let badIndex: Int

    init(_ name: String, _ payload: [UInt8], badIndex: Int = 0) {
        self.name = name
        self.payload = payload
        self.badIndex = badIndex
    }

    var testDescription: String { name }
}
