import TestSupport
import Testing
@testable import VCard

@Suite("Round trips: unchanged cards are byte-identical, changes are local")
struct VCardRoundTripTests {
    static let readableFixtures = fixtureFiles("valid") + fixtureFiles("multi")

    @Test func fixturesArePresent() {
        #expect(Self.readableFixtures.count >= 30)
        #expect(fixtureFiles("broken").count >= 8)
    }

    @Test(arguments: readableFixtures.map(\.name))
    func unchangedFixtureSerializesToItsBytes(name: String) throws {
        let bytes = try #require(Self.readableFixtures.first { $0.name == name }).bytes
        let cards = try VCardReader.read(bytes)
        #expect(cards.flatMap { $0.serialized() } == bytes)
    }

    @Test(arguments: readableFixtures.map(\.name))
    func changingOnePropertyChangesOnlyItsLines(name: String) throws {
        let bytes = try #require(Self.readableFixtures.first { $0.name == name }).bytes
        var card = try #require(try VCardReader.read(bytes).first)
        let index = try #require(card.properties.lastIndex { !$0.hasName("VERSION") })
        let original = card.properties[index]
        card.properties[index].value = "changed"
        let output = card.serialized()

        let range = try #require(original.sourceRange)
        let before = Array(bytes[..<range.lowerBound])
        let newLine = card.properties[index].serialized(lineEnding: card.lineEnding)
        #expect(Array(output.prefix(before.count)) == before, "bytes before the property changed")
        #expect(Array(output[before.count..<(before.count + newLine.count)]) == newLine)
        let untilCardEnd = try VCardReader.read(bytes).first!.serialized().count
        #expect(Array(output[(before.count + newLine.count)...]) == Array(bytes[range.upperBound..<untilCardEnd]),
                "bytes after the property changed")
    }

    @Test(arguments: readableFixtures.map(\.name))
    func freshSerializationReadsBackTheSameValues(name: String) throws {
        let bytes = try #require(Self.readableFixtures.first { $0.name == name }).bytes
        for card in try VCardReader.read(bytes) {
            let upgraded = card.upgradedToVersion4()
            let written = upgraded.serialized()
            let again = try #require(try VCardReader.read(written).first)
            #expect(again.properties.count == upgraded.properties.count)
            for (a, b) in zip(again.properties, upgraded.properties) {
                #expect(a.upperName == b.upperName)
                #expect(a.value == b.value)
                #expect(a.parameters.map(\.values) == b.parameters.map(\.values))
            }
            #expect(again.serialized() == written, "write → read → write is not stable")
        }
    }
}

@Suite("Seeded random cards: write → read → write is stable")
struct VCardRandomRoundTripTests {
    static let pieces = ["a", "Z", " ", ",", ";", ":", "\\", "\n", "\r\n", "\t", "\"", "^", "=", "é", "ß", "中", "😀", "👩‍👩‍👧",
                         "𝄞", "García", "\u{0301}", "x", "TYPE", "0"]

    func randomText(_ generator: inout SeededGenerator, maxPieces: Int) -> String {
        let count = Int(generator.next() % UInt64(maxPieces + 1))
        return (0..<count).map { _ in Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))] }.joined()
    }

    /// CRLF and lone CR become LF, as a text value's line breaks do after a round trip.
    func normalizingLineBreaks(_ text: String) -> String {
        var output: [UInt8] = []
        var previousWasCR = false
        for byte in text.utf8 {
            defer { previousWasCR = byte == 0x0D }
            if byte == 0x0A && previousWasCR { continue }
            output.append(byte == 0x0D ? 0x0A : byte)
        }
        return String(decoding: output, as: UTF8.self)
    }

    @Test(arguments: 0..<20)
    func randomCardsRoundTrip(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<50 {
            var card = VCard()
            var expectedTexts: [String] = []
            var properties = [VCardProperty(name: "VERSION", value: "4.0")]
            for index in 0..<Int(generator.next() % 12) {
                let text = randomText(&generator, maxPieces: Int(generator.next() % 90))
                var parameters: [VCardParameter] = []
                for _ in 0..<Int(generator.next() % 4) {
                    let value = normalizingLineBreaks(randomText(&generator, maxPieces: 6))
                    parameters.append(VCardParameter(name: "X-P\(index)", values: [value]))
                }
                properties.append(VCardProperty(group: index % 3 == 0 ? "item\(index)" : nil, name: "NOTE",
                                                parameters: parameters, value: VCardEscaping.escape(text, semicolons: index % 2 == 0)))
                expectedTexts.append(normalizingLineBreaks(text))
            }
            card.properties = properties
            let first = card.serialized()
            let reread = try #require(try VCardReader.read(first).first)
            #expect(reread.all(named: "NOTE").map(\.textValue) == expectedTexts)
            #expect(reread.properties.map(\.parameters) == properties.map(\.parameters))
            #expect(reread.serializedFresh() == first)
            #expect(reread.serialized() == first)
        }
    }
}
