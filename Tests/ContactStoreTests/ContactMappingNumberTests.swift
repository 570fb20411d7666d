import Testing
import VCard
@testable import ContactStore

/// Numbers inside files from other tools (issue 9): `PREF` values and timestamps
/// at their extremes read sensibly and never trap.
@Suite("Numbers inside vCard files")
struct ContactMappingNumberTests {
    /// A `PREF` value as written and whether it makes the email primary.
    @Test(arguments: [
        ("1", true), (" 1 ", true), ("2", false), ("100", false), ("99999999999999999999", false),
        ("9223372036854775807", false), ("18446744073709551616", false),
        ("-1", false), ("0", false), ("", false), ("abc", false), ("1.5", false),
    ])
    func preferenceValueReadsAsPrimaryOnlyWhenOne(pref: String, primary: Bool) throws {
        let c = try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x", "EMAIL;PREF=\(pref):a@example.com", "END:VCARD")
        #expect(c.emails.first?.primary == primary)
    }

    @Test func invalidPreferenceFallsBackToThePrefType() throws {
        let c = try contact("BEGIN:VCARD", "VERSION:3.0", "FN:x", "TEL;TYPE=pref;PREF=-5:+34 600 000 000", "END:VCARD")
        #expect(c.phones.first?.primary == true)
    }

    /// `REV`/`CREATED` values that are not timestamps fall back to the file's mtime (SPEC §1.3).
    @Test(arguments: [
        "99999999T999999Z", "00000101T000000Z", "0000-01-01", "100000101T000000Z", "99999999999999999999999999",
        "20240101T000000+9999", "20240101T000000+0199", "20241301T000000Z", "20240132T000000Z",
        "9223372036854775807", "20240101T240000Z",
    ])
    func absurdTimestampReadsAsTheFileTime(text: String) throws {
        let c = try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x", "REV:\(text)", "CREATED:\(text)", "END:VCARD", mtime: 1_700_000_000)
        #expect(c.updatedAt.secondsSince1970 == 1_700_000_000)
        #expect(c.createdAt.secondsSince1970 == 1_700_000_000)
    }

    @Test func farYearsWithinTheFormatRead() throws {
        let c = try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x", "REV:99991231T235959Z", "CREATED:00010101T000000Z", "END:VCARD")
        #expect(c.updatedAt.rfc3339 == "9999-12-31T23:59:59Z")
        #expect(c.createdAt.rfc3339 == "0001-01-01T00:00:00Z")
    }

    /// A file time anywhere in Int64 (a hand-set mtime) formats without trapping.
    @Test(arguments: [Int64.min, Int64.min + 1, -1, Int64.max])
    func extremeFileTimesFormat(seconds: Int64) throws {
        let c = try contact("BEGIN:VCARD", "VERSION:4.0", "FN:x", "END:VCARD", mtime: seconds)
        #expect(!c.updatedAt.rfc3339.isEmpty)
        #expect(!c.createdAt.vCardText.isEmpty)
    }
}
