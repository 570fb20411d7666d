@testable import CardboxAPI
import ContactStore
import Testing

@Suite("If-Match and If-None-Match field values (RFC 9110 §13.1)")
struct ExpectedETagHeaderTests {
    @Test func aListOfEntityTagsSeparatedByCommasAndBlanks() {
        let expected = ExpectedETag(fieldValue: " \"a\",\t\"b\" ,\"c\"")
        #expect(expected == .oneOf(["\"a\"", "\"b\"", "\"c\""]))
        #expect(expected.admits("\"b\""))
        #expect(!expected.admits("\"d\""))
    }

    @Test func aStarAnywhereInTheListStandsForAnyVersion() {
        #expect(ExpectedETag(fieldValue: "*") == .any)
        #expect(ExpectedETag(fieldValue: "\"a\", *") == .any)
        #expect(ExpectedETag(fieldValue: "*").admits("\"whatever\""))
    }

    @Test func anEmptyValueAdmitsNothing() {
        #expect(ExpectedETag(fieldValue: "") == .oneOf([]))
        #expect(!ExpectedETag(fieldValue: " , ").admits("\"a\""))
    }
}
