import Testing
import TestSupport
@testable import ContactStore

/// ``GramIndex`` against plain substring search: incremental adds and removes,
/// the parallel build, exact answers for short terms and candidate supersets
/// for long ones.
@Suite("Gram index")
struct GramIndexTests {
    static let words = ["garcia", "muller", "ana", "anna", "zoe", "acme", "612345", "x", "example.org", "li", "東京", "ab", "ba"]

    static func randomText(_ random: inout SeededGenerator) -> [UInt8] {
        // Fields separated by 0x00, as the index's search keys are.
        let fields = (0...Int.random(in: 0..<3, using: &random)).map { _ in
            (0...Int.random(in: 0..<3, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
        }
        return Array(fields.joined(separator: "\0").utf8)
    }

    static let terms: [[UInt8]] = ["a", "b", "x", "ab", "ba", "na", "an", "ana", "nna", "a g", "garcia", "arcia", "ll", "aab",
                                   "ann", "anna", "12", "612", "2345", "東", "東京", "e.o", "example.org", "gx", "zoe ana", "a\0b"]
        .map { Array($0.utf8) }

    /// Every term's candidates hold every true match, and exactly them when exact or short.
    static func expectAnswers(_ index: GramIndex, _ texts: [Int32: [UInt8]], _ context: String) {
        for term in terms {
            let truth = Set(texts.filter { text in text.value.split(separator: 0, omittingEmptySubsequences: false)
                .contains { ByteSearchReference.contains(Array($0), term) } }.keys)
            let (candidates, exact) = index.candidates(for: term)
            let found = Set(candidates.slots)
            #expect(found.isSuperset(of: truth), "\(context): \(String(decoding: term, as: UTF8.self))")
            if exact || term.count <= 3 { #expect(found == truth, "\(context): \(String(decoding: term, as: UTF8.self))") }
        }
    }

    @Test(arguments: 1...3)
    func incrementalWritesKeepEveryAnswerRight(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var index = GramIndex()
        var texts: [Int32: [UInt8]] = [:]
        for round in 0..<3000 {
            let slot = Int32.random(in: 0..<300, using: &random) * 331
            if let old = texts[slot] {
                index.remove(slot, old)
                texts[slot] = nil
            }
            if Int.random(in: 0..<4, using: &random) != 0 {
                let text = Self.randomText(&random)
                index.add(slot, text)
                texts[slot] = text
            }
            if round % 500 == 0 { Self.expectAnswers(index, texts, "seed \(seed) round \(round)") }
        }
        Self.expectAnswers(index, texts, "seed \(seed) end")
        // Removing everything leaves no empty posting behind.
        for (slot, text) in texts { index.remove(slot, text) }
        #expect(index.postings.isEmpty)
    }

    @Test func theParallelBuildEqualsAddingOneByOne() {
        var random = SeededGenerator(seed: 7)
        var arena = ByteArena()
        var added = GramIndex()
        var texts: [Int32: [UInt8]] = [:]
        let slotCount = 200_000
        for slot in stride(from: Int32(0), to: Int32(slotCount), by: 37) {
            let text = Self.randomText(&random)
            arena.set(slot, text)
            added.add(slot, text)
            texts[slot] = text
        }
        let built = GramIndex(building: arena, slotCount: slotCount)
        #expect(built.postings == added.postings)
        Self.expectAnswers(built, texts, "built")
        #expect(built.memoryBytes > 0)
    }

    @Test func gramsNeverSpanAFieldSeparator() {
        var index = GramIndex()
        index.add(1, Array("ab\0cd".utf8))
        #expect(index.candidates(for: Array("bc".utf8)).slots.isEmpty)
        #expect(index.candidates(for: Array("b".utf8)).slots.slots == [1])
        #expect(index.candidates(for: Array("cd".utf8)).slots.slots == [1])
    }
}
