import Testing
@testable import ByteText

@Suite("Byte-level text helpers")
struct ByteTextTests {
    @Test func asciiCaseMappingTouchesLettersOnly() {
        for byte in UInt8.min...UInt8.max {
            let isUpper = byte >= 0x41 && byte <= 0x5A, isLower = byte >= 0x61 && byte <= 0x7A
            #expect(ASCII.lowercased(byte) == (isUpper ? byte + 0x20 : byte))
            #expect(ASCII.uppercased(byte) == (isLower ? byte - 0x20 : byte))
        }
    }

    @Test func hexDigitsInEitherCase() {
        #expect(Array("09afAF".utf8).compactMap(ASCII.hexValue) == [0, 9, 10, 15, 10, 15])
        #expect(Array("gG/:@`".utf8).compactMap(ASCII.hexValue).isEmpty)
    }

    @Test func trimmingRemovesSpacesAndTabsOnly() {
        #expect(" \t a b \t ".trimmingASCIIWhitespace() == "a b")
        #expect("\r\nx\u{A0}".trimmingASCIIWhitespace() == "\r\nx\u{A0}")
        #expect(" \t ".trimmingASCIIWhitespace() == "")
        #expect("".trimmingASCIIWhitespace() == "")
        #expect("a, b ,c".split(separator: ",").map { $0.trimmingASCIIWhitespace() } == ["a", "b", "c"])
    }

    @Test func percentDecodingRefusesOrKeepsMalformedEscapes() {
        #expect(PercentDecoding.decode("a%20b+c%2B", plusIsSpace: true, malformed: .refuse) == Array("a b c+".utf8))
        #expect(PercentDecoding.decode("a+b", malformed: .refuse) == Array("a+b".utf8))
        #expect(PercentDecoding.decode("100%", malformed: .refuse) == nil)
        #expect(PercentDecoding.decode("%4", malformed: .refuse) == nil)
        #expect(PercentDecoding.decode("%zz%4", malformed: .keep) == Array("%zz%4".utf8))
        #expect(PercentDecoding.decode("%C3%A9", malformed: .keep) == [0xC3, 0xA9])
    }

    /// Both directions agree over a wide range, including far before 1970.
    @Test func civilDatesRoundTrip() {
        #expect(CivilDate.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilDate.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilDate.date(fromDays: -1) == (1969, 12, 31))
        for days in stride(from: -1_000_000, through: 3_000_000, by: 997) {
            let date = CivilDate.date(fromDays: days)
            #expect(CivilDate.days(year: date.year, month: date.month, day: date.day) == days)
        }
        // The day number of the earliest second an Int64 can hold converts without trapping.
        let earliest = CivilDate.date(fromDays: Int(Int64.min / 86_400) - 1)
        #expect(earliest.year < 0)
    }
}
