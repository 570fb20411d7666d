import Testing
import TestSupport
@testable import ContactStore

@Suite("Byte arenas: rewrites, garbage, compaction")
struct ByteArenaTests {
    @Test func bytesAndSearchesStayRightThroughRewritesAndCompactions() {
        var arena = ByteArena()
        var expected: [Int32: [UInt8]] = [:]
        var random = SeededGenerator(seed: 11)
        let words = ["garcia", "muller", "ana", "zoe", "acme", "612345", "x", "example.org"]
        for round in 0..<5000 {
            let slot = Int32.random(in: 0..<200, using: &random)
            if Int.random(in: 0..<5, using: &random) == 0 {
                arena.remove(slot)
                expected[slot] = nil
            } else {
                let text = (0...Int.random(in: 0..<4, using: &random)).map { _ in words.randomElement(using: &random)! }
                    .joined(separator: " ") + " \(round)"
                arena.set(slot, Array(text.utf8))
                expected[slot] = Array(text.utf8)
            }
            if round % 250 == 0 {
                for slot in Int32(0)..<200 { #expect(arena.bytes(of: slot) == (expected[slot].map { $0 + [0] } ?? [])) }
                for word in words {
                    let needle = Array(word.utf8)
                    for (slot, value) in expected { #expect(arena.contains(slot, needle) == ByteSearchReference.contains(value, needle)) }
                }
            }
        }
        // Garbage never grows without bound: compactions ran.
        #expect(arena.bytes.count < 200 * 64)
    }

    /// Enough candidates to be split over the cores: the matches come back complete and in order.
    @Test func filteringManyCandidatesKeepsEveryMatchInOrder() {
        var arena = ByteArena()
        var random = SeededGenerator(seed: 3)
        var expected: [Int32] = []
        let needle = Array("garcia".utf8)
        for slot in Int32(0)..<50_000 {
            let hit = Bool.random(using: &random)
            arena.set(slot, Array((hit ? "ana garcia\0x" : "ana garcxa\0garcix").utf8))
            if hit { expected.append(slot) }
        }
        let candidates = Array(Int32(0)..<50_000) + [60_000]
        #expect(arena.filter(candidates, containing: NeedleScan(needle, anchor: 2)) == expected)
    }

    @Test func aSlotNeverSetHasNoBytes() {
        var arena = ByteArena()
        arena.set(3, Array("abc".utf8))
        #expect(arena.bytes(of: 1).isEmpty)
        #expect(arena.bytes(of: 9).isEmpty)
        #expect(!arena.contains(9, Array("a".utf8)))
    }
}
