import TestSupport
import Testing
@testable import VCard

@Suite("Byte scanning")
struct ByteScanTests {
    @Test func findsTheFirstByteLikeALinearSearch() {
        var generator = SeededGenerator(seed: 9)
        for length in 0..<70 {
            for _ in 0..<20 {
                // Few distinct values, so matches, near-matches (0x0A ± 1) and runs are common.
                let bytes = (0..<length).map { _ in [0x0A, 0x0B, 0x09, 0x8A, 0x00, 0xFF].randomElement(using: &generator)! as UInt8 }
                for start in 0...length {
                    let expected = bytes[min(start, length)...].firstIndex(of: 0x0A)
                    let found = bytes.withUnsafeBufferPointer { ByteScan.firstIndex(of: 0x0A, in: $0, from: start) }
                    #expect(found == expected, "length \(length), start \(start)")
                }
            }
        }
    }

    @Test func emptyAndOutOfRangeStartsFindNothing() {
        let bytes: [UInt8] = [0x0A]
        #expect(bytes.withUnsafeBufferPointer { ByteScan.firstIndex(of: 0x0A, in: $0, from: 1) } == nil)
        #expect([UInt8]().withUnsafeBufferPointer { ByteScan.firstIndex(of: 0x0A, in: $0, from: 0) } == nil)
    }
}
