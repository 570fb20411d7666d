/// A phone number reduced to what identifies it, so that national and
/// international forms of one number agree (SPEC §10): `+34 612 34 56 78`,
/// `0034612345678` and (with default country Spain) `612 345 678` all give
/// calling code `34`, national number `612345678`.
///
/// Rules, in order: a `tel:` prefix is dropped; the number ends at the first
/// letter, `;`, `,`, `#` or `*` (extensions `x123`, `ext. 123`, `;ext=123`,
/// pauses); a leading `+`, or the default country's international prefix
/// (`00`, `011`), marks an international number whose calling code is split
/// off by the E.164 prefix rule, and a trunk `0` written after it (`+44 (0)20…`)
/// is dropped; a national number loses its trunk prefix and takes the default
/// country's calling code — without a default country it keeps no calling code
/// and (trunk `0` dropped) matches any country's number with the same national digits.
public struct PhoneKey: Sendable, Hashable {
    /// Calling code digits, nil for a national number without a default country.
    public let callingCode: String?
    /// The national significant number's digits.
    public let national: String

    /// Numbers with fewer national digits (short codes, `112`) are not compared.
    static let minimumDigits = 6

    public init(callingCode: String?, national: String) {
        self.callingCode = callingCode
        self.national = national
    }

    /// The key of `text`, nil when it has too few digits to identify anyone.
    public init?(_ text: String, defaultCountry: CallingCountry? = nil) {
        var value = Substring(text)
        while let first = value.first, first == " " || first == "\t" { value = value.dropFirst() }
        if value.lowercased().hasPrefix("tel:") { value = value.dropFirst(4) }
        if let end = value.firstIndex(where: { $0.isLetter || ";,#*".contains($0) }) { value = value[..<end] }
        // "(+34) 910 …" is written too.
        var international = value.drop(while: { $0 == "(" }).first == "+"
        if international {
            // "+44 (0)20 …": the trunk zero written in brackets is not part of the number.
            if let range = value.firstRange(of: "(0)") { value = Substring(String(value[..<range.lowerBound]) + String(value[range.upperBound...])) }
        }
        var digits = Substring(value.filter { $0.isASCII && $0.isNumber })
        if !international {
            let prefixes = [defaultCountry?.internationalPrefix ?? "00", "00"]
            if let prefix = prefixes.first(where: { digits.hasPrefix($0) && digits.count > $0.count + Self.minimumDigits }) {
                digits = digits.dropFirst(prefix.count)
                international = true
            }
        }
        let code: String?
        if international {
            let length = CallingCountry.callingCodeLength(digits)
            code = String(digits.prefix(length))
            digits = digits.dropFirst(length)
            if let trunk = CallingCountry.trunkPrefix(ofCallingCode: code!), trunk == "0", digits.hasPrefix(trunk) {
                digits = digits.dropFirst(trunk.count)
            }
        } else if let defaultCountry {
            code = defaultCountry.callingCode
            if let trunk = defaultCountry.trunkPrefix, digits.hasPrefix(trunk),
               trunk != "1" || digits.count == 11 {
                digits = digits.dropFirst(trunk.count)
            }
        } else {
            code = nil
            if digits.hasPrefix("0") { digits = digits.dropFirst() }
        }
        guard digits.count >= Self.minimumDigits else { return nil }
        self.init(callingCode: code, national: String(digits))
    }

    /// True when both are one number: same national digits, and the same calling code where both have one.
    public func matches(_ other: PhoneKey) -> Bool {
        national == other.national && (callingCode == nil || other.callingCode == nil || callingCode == other.callingCode)
    }

    /// `+34612345678`, or the national digits when the calling code is unknown.
    public var display: String {
        callingCode.map { "+" + $0 + national } ?? national
    }
}
