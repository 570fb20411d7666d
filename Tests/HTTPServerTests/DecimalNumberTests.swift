import HTTPServer
import Testing

@Suite("Whole numbers from outside")
struct DecimalNumberTests {
    @Test func plainDigitsAreNumbersLeadingZerosIncluded() {
        #expect(DecimalNumber.value(of: "0") == 0)
        #expect(DecimalNumber.value(of: "0042") == 42)
        #expect(DecimalNumber.value(of: "9223372036854775807") == UInt64(Int64.max))
        #expect(DecimalNumber.value(of: "18446744073709551615") == UInt64.max)
    }

    @Test func valuesBeyondSixtyFourBitsSaturateInsteadOfOverflowing() {
        #expect(DecimalNumber.value(of: "18446744073709551616") == UInt64.max)  // 2^64
        #expect(DecimalNumber.value(of: String(repeating: "9", count: 5000)) == UInt64.max)
    }

    @Test(arguments: ["", "+1", "-0", "-1", " 1", "1 ", "1_000", "1e3", "0x10", "１", "٣"])
    func anythingButDigitsIsNotANumber(text: String) {
        #expect(DecimalNumber.value(of: text) == nil)
    }

    @Test func rangeChecksHappenOnTheWholeValue() {
        #expect(DecimalNumber.value(of: "1000", in: 0...1000) == 1000)
        #expect(DecimalNumber.value(of: "1001", in: 0...1000) == nil)
        #expect(DecimalNumber.value(of: "2147483647", in: 0...Int(Int32.max)) == Int(Int32.max))
        #expect(DecimalNumber.value(of: "2147483648", in: 0...Int(Int32.max)) == nil)
        #expect(DecimalNumber.value(of: "9223372036854775807", in: 0...Int.max) == Int.max)
        #expect(DecimalNumber.value(of: "9223372036854775808", in: 0...Int.max) == nil)
        #expect(DecimalNumber.value(of: "18446744073709551616", in: 0...Int.max) == nil)
    }
}
