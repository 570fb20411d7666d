import Testing
@testable import VCard

/// Inputs the fuzzer (Tests/Fuzz) once crashed on, kept as fixtures: each must
/// satisfy the fuzzer's invariants now.
@Suite("Fuzzer findings stay fixed")
struct VCardFuzzFindingTests {
    @Test(arguments: fixtureFiles("fuzz").map(\.name))
    func findingSatisfiesInvariants(name: String) throws {
        let bytes = try #require(fixtureFiles("fuzz").first { $0.name == name }).bytes
        guard let cards = try? VCardReader.read(bytes) else { return }
        #expect(cards.flatMap { $0.serialized() } == bytes)
        for card in cards {
            let upgraded = card.upgradedToVersion4()
            let again = try VCardReader.read(upgraded.serialized())
            #expect(again.count == 1)
            #expect(again.first?.properties.map(\.upperName) == upgraded.properties.map(\.upperName))
            #expect(again.first?.properties.map(\.value) == upgraded.properties.map(\.value))
        }
    }
}
