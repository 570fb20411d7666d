import Testing
@testable import VCard

@Suite("Timestamps")
struct VCardTimestampTests {
    @Test(arguments: [
        ("20261129T145227Z", "2026-11-29T14:52:27Z"),
        ("2026-11-29T14:52:27Z", "2026-11-29T14:52:27Z"),
        ("2026-11-29T14:52:27.123Z", "2026-11-29T14:52:27Z"),
        ("20261129T155227+0100", "2026-11-29T14:52:27Z"),
        ("2026-11-29T09:52:27-05:00", "2026-11-29T14:52:27Z"),
        ("20261129", "2026-11-29T00:00:00Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ("20000229T000000Z", "2000-02-29T00:00:00Z"),
    ])
    func parsesVariants(text: String, rfc3339: String) throws {
        let timestamp = try #require(VCardTimestamp(vCardText: text))
        #expect(timestamp.rfc3339 == rfc3339)
    }

    @Test(arguments: ["", "yesterday", "2026-13-01", "20261129T256000Z", "--1129"])
    func rejectsNonTimestamps(text: String) {
        #expect(VCardTimestamp(vCardText: text) == nil)
    }

    @Test func writesVCardForm() {
        let timestamp = VCardTimestamp(secondsSince1970: 1_795_963_947)
        #expect(timestamp.vCardText == "20261129T145227Z")
        #expect(VCardTimestamp(vCardText: timestamp.vCardText) == timestamp)
        #expect(VCardTimestamp(secondsSince1970: 0).rfc3339 == "1970-01-01T00:00:00Z")
    }
}
