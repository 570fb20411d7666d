@testable import ContactStore
import TestSupport
import Testing
import VCard

@Suite("Splitting multi-card exports (cardbox import)")
struct CardSplitterTests {
    /// The cards read from `bytes`, or the failures as (number, line).
    private func summary(_ parts: [SplitCard]) -> (cards: [(number: Int, line: Int, fn: String?)], failures: [(number: Int?, line: Int)]) {
        var cards: [(Int, Int, String?)] = []
        var failures: [(Int?, Int)] = []
        for part in parts {
            switch part {
            case .card(let card, let number, let line): cards.append((number, line, card.first(named: "FN")?.textValue))
            case .failure(let number, let line, _): failures.append((number, line))
            }
        }
        return (cards, failures)
    }

    @Test(arguments: [("google-export-3.0.vcf", 4), ("iphone-export-3.0.vcf", 3), ("mixed-versions.vcf", 3),
                      ("outlook-2.1-export.vcf", 2)])
    func multiFixturesSplitIntoTheirCards(name: String, count: Int) throws {
        let bytes = try #require(fixtureBytes("multi/" + name))
        let result = summary(CardSplitter.split(bytes))
        #expect(result.failures.isEmpty)
        #expect(result.cards.map(\.number) == Array(1...count))
        #expect(result.cards.first?.line == 1)
    }

    @Test func aBrokenCardCostsOnlyItself() {
        let text = sampleCard(fn: "One") + "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Two\r\nnot a property\r\nEND:VCARD\r\n"
            + sampleCard(fn: "Three")
        let result = summary(CardSplitter.split(Array(text.utf8)))
        #expect(result.cards.map(\.fn) == ["One", "Three"])
        #expect(result.cards.map(\.number) == [1, 3])
        #expect(result.cards.map(\.line) == [1, 10])
        #expect(result.failures.count == 1)
        #expect(result.failures.first?.number == 2)
        #expect(result.failures.first?.line == 8)  // "not a property", counted in the whole file
    }

    @Test func aMissingEndIsReportedAtTheEnd() {
        let text = sampleCard(fn: "One") + "BEGIN:VCARD\nVERSION:4.0\nFN:Two\n"
        let result = summary(CardSplitter.split(Array(text.utf8)))
        #expect(result.cards.map(\.fn) == ["One"])
        #expect(result.failures.map(\.number) == [2])
        #expect(result.failures.map(\.line) == [7])
    }

    @Test func textThatIsNotVCardIsOneFailureWithItsLine() {
        let result = summary(CardSplitter.split(Array("hello\nworld\n".utf8)))
        #expect(result.cards.isEmpty)
        #expect(result.failures.count == 1)
        #expect(result.failures.first?.number == nil)
        #expect(result.failures.first?.line == 1)
        #expect(summary(CardSplitter.split([])).failures.count == 1)
    }

    @Test func junkBeforeTheFirstCardIsReportedAndTheCardsStillRead() {
        let text = "exported by some tool\r\n" + sampleCard(fn: "One") + "\r\n" + sampleCard(fn: "Two")
        let result = summary(CardSplitter.split(Array(text.utf8)))
        #expect(result.cards.map(\.fn) == ["One", "Two"])
        #expect(result.cards.map(\.line) == [2, 7])
        #expect(result.failures.map(\.line) == [1])
    }

    @Test func aByteOrderMarkAndLowerCaseBeginAreCardStarts() {
        let text = "\u{FEFF}begin:vcard\nVERSION:4.0\nFN:One\nEND:VCARD\n  Begin:VCard \nVERSION:4.0\nFN:Two\nbroken\nEND:VCARD\n"
        let result = summary(CardSplitter.split(Array(text.utf8)))
        #expect(result.cards.map(\.fn) == ["One"])
        #expect(result.failures.map(\.line) == [8])
        let segments = CardSplitter.segments(Array(text.utf8))
        #expect(segments.map(\.line) == [1, 5])
        #expect(segments.allSatisfy { $0.startsCard })
    }
}
