import Testing
import TestSupport
@testable import ContactStore

@Suite("Needle scans")
struct NeedleScanTests {
    /// Every anchor finds exactly what a naive search finds, at every text length
    /// (the word-at-a-time loop and its byte-by-byte tail), matches at both ends included.
    @Test func everyAnchorAgreesWithANaiveSearch() {
        var random = SeededGenerator(seed: 5)
        for _ in 0..<3000 {
            let alphabet = Array("abc.\0".utf8)
            let text = (0..<Int.random(in: 0..<40, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            let needle = (0..<Int.random(in: 2...5, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            let expected = ByteSearchReference.contains(text, needle)
            for anchor in 0..<needle.count - 1 {
                let scan = NeedleScan(needle, anchor: anchor)
                let found = text.withUnsafeBufferPointer { t in needle.withUnsafeBufferPointer { scan.occurs(in: t, $0) } }
                #expect(found == expected, "\(text) \(needle) anchor \(anchor)")
            }
        }
    }
}
