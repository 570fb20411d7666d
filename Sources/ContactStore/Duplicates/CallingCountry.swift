/// A country's telephone numbering facts that matter for comparing numbers:
/// the calling code written after `+`, the national trunk prefix dropped in the
/// international form, and the prefix dialled to call abroad.
///
/// Only the common countries are listed (see ``all``); `--default-country`
/// accepts their ISO 3166 code or any calling code written `+NN`.
public struct CallingCountry: Sendable, Equatable {
    /// ISO 3166-1 alpha-2 code (`ES`), or the calling code itself for a `+NN` given by hand.
    public let isoCode: String
    /// Digits after `+` (`34`).
    public let callingCode: String
    /// The national trunk prefix (`0` in Germany, `1` in the NANP), nil where numbers keep every digit (Spain, Italy).
    public let trunkPrefix: String?
    /// The prefix dialled before a calling code (`00`, `011` in the NANP).
    public let internationalPrefix: String

    public init(isoCode: String, callingCode: String, trunkPrefix: String?, internationalPrefix: String = "00") {
        self.isoCode = isoCode
        self.callingCode = callingCode
        self.trunkPrefix = trunkPrefix
        self.internationalPrefix = internationalPrefix
    }

    /// The table: North America, most of Europe, and the largest countries elsewhere.
    public static let all: [CallingCountry] = [
        CallingCountry(isoCode: "US", callingCode: "1", trunkPrefix: "1", internationalPrefix: "011"),
        CallingCountry(isoCode: "CA", callingCode: "1", trunkPrefix: "1", internationalPrefix: "011"),
        CallingCountry(isoCode: "GB", callingCode: "44", trunkPrefix: "0"),
        CallingCountry(isoCode: "IE", callingCode: "353", trunkPrefix: "0"),
        CallingCountry(isoCode: "DE", callingCode: "49", trunkPrefix: "0"),
        CallingCountry(isoCode: "AT", callingCode: "43", trunkPrefix: "0"),
        CallingCountry(isoCode: "CH", callingCode: "41", trunkPrefix: "0"),
        CallingCountry(isoCode: "FR", callingCode: "33", trunkPrefix: "0"),
        CallingCountry(isoCode: "BE", callingCode: "32", trunkPrefix: "0"),
        CallingCountry(isoCode: "NL", callingCode: "31", trunkPrefix: "0"),
        CallingCountry(isoCode: "ES", callingCode: "34", trunkPrefix: nil),
        CallingCountry(isoCode: "PT", callingCode: "351", trunkPrefix: nil),
        CallingCountry(isoCode: "IT", callingCode: "39", trunkPrefix: nil),
        CallingCountry(isoCode: "DK", callingCode: "45", trunkPrefix: nil),
        CallingCountry(isoCode: "NO", callingCode: "47", trunkPrefix: nil),
        CallingCountry(isoCode: "SE", callingCode: "46", trunkPrefix: "0"),
        CallingCountry(isoCode: "FI", callingCode: "358", trunkPrefix: "0"),
        CallingCountry(isoCode: "PL", callingCode: "48", trunkPrefix: nil),
        CallingCountry(isoCode: "GR", callingCode: "30", trunkPrefix: nil),
        CallingCountry(isoCode: "MX", callingCode: "52", trunkPrefix: nil),
        CallingCountry(isoCode: "BR", callingCode: "55", trunkPrefix: "0"),
        CallingCountry(isoCode: "AR", callingCode: "54", trunkPrefix: "0"),
        CallingCountry(isoCode: "AU", callingCode: "61", trunkPrefix: "0"),
        CallingCountry(isoCode: "NZ", callingCode: "64", trunkPrefix: "0"),
        CallingCountry(isoCode: "JP", callingCode: "81", trunkPrefix: "0"),
        CallingCountry(isoCode: "CN", callingCode: "86", trunkPrefix: "0"),
        CallingCountry(isoCode: "IN", callingCode: "91", trunkPrefix: "0"),
    ]

    /// The country for an ISO code (`es`, `ES`) or a calling code (`+34`); nil if neither.
    public static func named(_ text: String) -> CallingCountry? {
        let upper = text.uppercased()
        if let country = all.first(where: { $0.isoCode == upper }) { return country }
        guard upper.hasPrefix("+"), upper.count >= 2, upper.count <= 4, upper.dropFirst().allSatisfy(\.isASCII),
              upper.dropFirst().allSatisfy(\.isNumber) else { return nil }
        let code = String(upper.dropFirst())
        return all.first { $0.callingCode == code } ?? CallingCountry(isoCode: code, callingCode: code, trunkPrefix: "0")
    }

    /// The trunk prefix of a calling code's country, from the table (`0` when the code is not listed, the most common).
    static func trunkPrefix(ofCallingCode code: String) -> String? {
        guard let country = all.first(where: { $0.callingCode == code }) else { return "0" }
        return country.trunkPrefix
    }

    /// The length of the calling code at the start of `digits` (ITU-T E.164 codes are prefix-free):
    /// 1 for zones 1 and 7, 2 for the two-digit codes, else 3.
    static func callingCodeLength(_ digits: ArraySlice<UInt8>) -> Int {
        guard let first = digits.first else { return 0 }
        if first == 0x31 || first == 0x37 { return 1 }
        return twoDigitCodes.contains(String(decoding: digits.prefix(2), as: UTF8.self)) ? 2 : 3
    }

    private static let twoDigitCodes: Set<String> = [
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
        "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66",
        "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
    ]
}
