import Testing
@testable import ContactStore

@Suite("New contact ids")
struct RandomUUIDTests {
    static func isVersion4(_ id: String) -> Bool {
        let groups = id.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        guard groups.joined().allSatisfy({ "0123456789abcdef".contains($0) }) else { return false }
        return groups[2].hasPrefix("4") && "89ab".contains(groups[3].first!)
    }

    @Test func idsAreDistinctLowercaseVersion4UUIDs() {
        let ids = (0..<10_000).map { _ in RandomUUID.make() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy(Self.isVersion4))
        #expect(!ids.contains("00000000-0000-4000-8000-000000000000"))
    }

    /// Gives the same bits every time, like a broken random source would.
    struct ConstantGenerator: RandomNumberGenerator {
        let value: UInt64
        mutating func next() -> UInt64 { value }
    }

    @Test func versionAndVariantBitsAreSetWhateverTheRandomBits() {
        var zeros = ConstantGenerator(value: 0)
        #expect(RandomUUID.make(using: &zeros) == "00000000-0000-4000-8000-000000000000")
        var ones = ConstantGenerator(value: .max)
        #expect(RandomUUID.make(using: &ones) == "ffffffff-ffff-4fff-bfff-ffffffffffff")
    }

    @Test func aTakenIdIsRetriedABoundedNumberOfTimesThenRefused() throws {
        var tries = 0
        #expect(throws: StoreError.io("no free id after \(ContactStore.idAttempts) random UUIDs")) {
            try ContactStore.freeID(generate: { "00000000-0000-4000-8000-000000000000" }) { _ in
                tries += 1
                return true
            }
        }
        #expect(tries == ContactStore.idAttempts)
        var candidates = ["taken", "free"].makeIterator()
        #expect(try ContactStore.freeID(generate: { candidates.next()! }) { $0 == "taken" } == "free")
    }

    @Test func createDoesNotReuseTheIdOfAFileAlreadyInTheFolder() throws {
        let fixture = try StoreFixture()
        let ids = try (0..<20).map { try fixture.create(#"{"display_name": "P\#($0)"}"#).id }
        #expect(Set(ids).count == 20)
        #expect(ids.allSatisfy(Self.isVersion4))
    }
}
