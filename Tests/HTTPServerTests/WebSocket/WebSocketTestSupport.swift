import HTTPTestSupport
import Testing
@testable import HTTPServer

/// Lower-case hex of `bytes`, for comparing digests with published vectors.
func hexDigits(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }.joined()
}

/// Bytes from a string of hex pairs, spaces ignored: `hexFixture("81 05 48")`.
func hexFixture(_ hexString: String) -> [UInt8] {
    let digits = hexString.filter { !$0.isWhitespace }.map { $0.hexDigitValue! }
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(digits[$0] << 4 | digits[$0 + 1]) }
}

/// Everything a decoder produced from some input: its events, then the error
/// that stopped it, if any.
struct WebSocketDecodeResult: Equatable {
    var events: [WebSocketEvent] = []
    var error: WebSocketProtocolError?
}

/// Feeds `chunks` one after the other, draining events after each, as the
/// connection code does after each read.
func decodeFrames(_ chunks: [[UInt8]], maximumMessageSize: Int = WebSocketFrameDecoder.defaultMaximumMessageSize) -> WebSocketDecodeResult {
    var decoder = WebSocketFrameDecoder(maximumMessageSize: maximumMessageSize)
    var result = WebSocketDecodeResult()
    for chunk in chunks {
        decoder.append(chunk)
        do {
            while let event = try decoder.next() { result.events.append(event) }
        } catch {
            result.error = error
            return result
        }
    }
    return result
}

/// The ways to cut `input` that every test checks: whole, one byte at a time,
/// and (unless `everySplit` is false, for big inputs) in two at every position.
func frameChunkings(of input: [UInt8], everySplit: Bool = true) -> [(name: String, chunks: [[UInt8]])] {
    var ways: [(name: String, chunks: [[UInt8]])] = [("whole", [input]), ("bytewise", input.map { [$0] })]
    if everySplit {
        for split in 1..<max(1, input.count) {
            ways.append(("split at \(split)", [Array(input[..<split]), Array(input[split...])]))
        }
    }
    return ways
}

/// Checks that every chunking of `input` decodes to `expected`.
func expectFramesDecode(
    _ input: [UInt8], to expected: WebSocketDecodeResult, everySplit: Bool = true,
    maximumMessageSize: Int = WebSocketFrameDecoder.defaultMaximumMessageSize,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    for way in frameChunkings(of: input, everySplit: everySplit) {
        let result = decodeFrames(way.chunks, maximumMessageSize: maximumMessageSize)
        #expect(result == expected, "fed \(way.name)", sourceLocation: sourceLocation)
    }
}

/// A fixed masking key, the one in the RFC 6455 §5.7 examples.
let rfcMaskingKey: UInt32 = 0x37FA_213D

/// A masked client frame with the RFC key.
func maskedFrame(_ opcode: WebSocketOpcode, _ payload: [UInt8], fin: Bool = true) -> [UInt8] {
    WebSocketClientFrameEncoder.frame(opcode: opcode, payload: payload, fin: fin, maskingKey: rfcMaskingKey)
}

/// A masked frame built byte by byte, for headers no encoder would write:
/// `first` is the FIN/RSV/opcode byte, `lengthBytes` the length field with
/// the MASK bit added to its first byte.
func rawMaskedFrame(first: UInt8, lengthBytes: [UInt8], payload: [UInt8] = []) -> [UInt8] {
    var frame = [first, lengthBytes[0] | 0x80] + lengthBytes.dropFirst()
    let key: [UInt8] = [0x37, 0xFA, 0x21, 0x3D]
    frame += key
    frame += payload.enumerated().map { $0.element ^ key[$0.offset & 3] }
    return frame
}
