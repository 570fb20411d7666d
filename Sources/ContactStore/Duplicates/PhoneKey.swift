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
    /// Works on the UTF-8 bytes: it runs for every number of the folder at the first request.
    public init?(_ text: String, defaultCountry: CallingCountry? = nil) {
        var value = Array(text.utf8)[...]
        while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
        if value.count >= 4, value.prefix(4).map({ $0 | 0x20 }) == Array("tel:".utf8) { value = value.dropFirst(4) }
        if let end = value.firstIndex(where: { byte in
            ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || byte == 0x3B || byte == 0x2C || byte == 0x23 || byte == 0x2A
        }) {
            value = value[..<end]
        }
        // "(+34) 910 …" is written too.
        var international = value.drop(while: { $0 == 0x28 }).first == 0x2B
        var digits: [UInt8] = []
        digits.reserveCapacity(value.count)
        var index = value.startIndex
        while index < value.endIndex {
            // "+44 (0)20 …": the trunk zero written in brackets is not part of the number.
            if international, value[index] == 0x28, index + 2 < value.endIndex, value[index + 1] == 0x30, value[index + 2] == 0x29 {
                index += 3
                continue
            }
            if value[index] >= 0x30 && value[index] <= 0x39 { digits.append(value[index]) }
            index += 1
        }
        var rest = digits[...]
        if !international {
            let prefixes = [defaultCountry?.internationalPrefix ?? "00", "00"]
            if let prefix = prefixes.first(where: { rest.starts(with: $0.utf8) && rest.count > $0.utf8.count + Self.minimumDigits }) {
                rest = rest.dropFirst(prefix.utf8.count)
                international = true
            }
        }
        let code: String?
        if international {
            let length = CallingCountry.callingCodeLength(rest)
            code = String(decoding: rest.prefix(length), as: UTF8.self)
            rest = rest.dropFirst(length)
            if CallingCountry.trunkPrefix(ofCallingCode: code!) == "0", rest.first == 0x30 { rest = rest.dropFirst() }
        } else if let defaultCountry {
            code = defaultCountry.callingCode
            if let trunk = defaultCountry.trunkPrefix, rest.starts(with: trunk.utf8), trunk != "1" || rest.count == 11 {
                rest = rest.dropFirst(trunk.utf8.count)
            }
        } else {
            code = nil
            if rest.first == 0x30 { rest = rest.dropFirst() }
        }
        guard rest.count >= Self.minimumDigits else { return nil }
        self.init(callingCode: code, national: String(decoding: rest, as: UTF8.self))
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
