import Foundation
import TestSupport
import Testing
import VCard

@Suite("Randomized merges of concurrent edits (SPEC §9)")
struct MergeVCardRandomTests {
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func randomEditsOnBothSidesAreAllInTheMergedCard(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        for number in 0..<1_000 {
            let merge = MergeCase(number: number, using: &generator)
            let bytes = try VCardMerge.merge(base: Array(merge.baseText.utf8), ours: Array(merge.oursText.utf8),
                                             theirs: Array(merge.theirsText.utf8))
            let result = try MergeCase.reading(bytes)
            #expect(result == merge.expected, "seed \(seed), card \(number)")
            let text = String(decoding: bytes, as: UTF8.self)
            let lines = Set(text.components(separatedBy: "\r\n"))
            for line in merge.untouchedLines {
                #expect(lines.contains(line), "seed \(seed), card \(number): lost the untouched line \(line)")
            }
            if result != merge.expected { return }
        }
    }
}
