import Testing
@testable import ContactStore

@Suite("Byte arenas: signatures, garbage, compaction")
struct ByteArenaTests {
    @Test(arguments: [true, false])
    func searchesStayRightThroughRewritesAndCompactions(withSignatures: Bool) {
        var arena = ByteArena(withSignatures: withSignatures)
        var expected: [Int32: [UInt8]] = [:]
        var random = SeededRandom(seed: withSignatures ? 11 : 12)
        let words = ["garcia", "muller", "ana", "zoe", "acme", "612345", "x", "example.org"]
        for round in 0..<5000 {
            let slot = Int32(random.below(200))
            if random.below(5) == 0 {
                arena.remove(slot)
                expected[slot] = nil
            } else {
                let text = (0..<1 + random.below(4)).map { _ in words[random.below(words.count)] }.joined(separator: " ") + " \(round)"
                arena.set(slot, Array(text.utf8))
                expected[slot] = Array(text.utf8)
            }
            if round % 250 == 0 {
                for word in words {
                    let needle = Array(word.utf8)
                    let want = expected.filter { ByteSearchReference.contains($0.value, needle) }.map(\.key).sorted()
                    #expect(arena.slots(containing: needle).sorted() == want, "\(word) after \(round) rounds")
                    for (slot, value) in expected { #expect(arena.contains(slot, needle) == ByteSearchReference.contains(value, needle)) }
                }
            }
        }
        // Garbage never grows without bound: compactions ran.
        #expect(arena.bytes.count < 200 * 64)
    }

    @Test func signaturesHaveTheBitsOfEveryBigram() {
        let text = Array("abcdef".utf8)
        let whole = ByteArena.signature(of: text)
        for index in 0..<(text.count - 1) {
            let part = ByteArena.signature(of: Array(text[index...(index + 1)]))
            #expect(whole & part == part)
        }
        #expect(ByteArena.signature(of: Array("a".utf8)) == SIMD4(repeating: 0))
    }
}
