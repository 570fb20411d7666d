/// Strict decimal numbers from outside: `1*DIGIT` as HTTP writes them
/// (`Content-Length`, RFC 9110 §8.6) and as Cardbox reads query parameters and
/// command-line values.
///
/// No sign, no blanks, no exponent, no `_`: `+5`, `-0`, ` 5` and `5 ` are not
/// numbers, which is stricter than `Int(_:)` (it takes `+5`) on purpose — a
/// value means one thing whatever program parses it. Leading zeros are digits.
///
/// ```swift
/// DecimalNumber.value(of: "0042")                   // 42
/// DecimalNumber.value(of: "99999999999999999999")   // UInt64.max (saturated)
/// DecimalNumber.value(of: "+1")                     // nil
/// ```
///
/// - Complexity: O(*n*) in the length of the text; never overflows.
public enum DecimalNumber {
    /// The value of `text` if it is one or more ASCII digits, else nil. A value
    /// that does not fit in `UInt64` saturates to `UInt64.max`, so however many
    /// digits arrive the caller's range check decides.
    public static func value(of text: some StringProtocol) -> UInt64? {
        var value: UInt64 = 0
        var sawDigit = false
        for byte in text.utf8 {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            sawDigit = true
            let (product, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = product.addingReportingOverflow(UInt64(digit))
            value = overflowA || overflowB ? .max : sum
        }
        return sawDigit ? value : nil
    }

    /// The value of `text` if it is one or more ASCII digits and within `range`, else nil.
    public static func value(of text: some StringProtocol, in range: ClosedRange<Int>) -> Int? {
        guard let value = value(of: text), range.lowerBound >= 0, value >= UInt64(range.lowerBound),
              value <= UInt64(range.upperBound) else { return nil }
        return Int(value)
    }
}
