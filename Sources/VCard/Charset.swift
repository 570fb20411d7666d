import Foundation

/// A `CHARSET` parameter value resolved to a decoder (SPEC §1.2).
///
/// UTF-8, US-ASCII and ISO-8859-1 are decoded in Swift. The other charsets go
/// through Foundation's `String(data:encoding:)` with the encoding numbers of
/// CoreFoundation (`0x8000_0000 | CFStringEncoding`), which swift-corelibs-foundation
/// on Linux decodes with ICU; the table below lists only what the toolchain was
/// seen to decode (see `docs/DECISIONS.md`). EUC-JP, which Linux Foundation does
/// not decode, is transcoded to Shift_JIS first (both encode JIS X 0208).
///
/// ```swift
/// Charset(name: "SHIFT_JIS")?.decode([0x8E, 0x52, 0x93, 0x63])   // "山田"
/// Charset(name: "x-unknown")                                     // nil
/// ```
enum Charset: Equatable {
    case utf8
    case latin1
    /// A charset Foundation decodes, by its `String.Encoding` raw value.
    case foundation(UInt)
    /// EUC-JP, decoded through its Shift_JIS transcoding.
    case japaneseEUC

    /// Shift_JIS as Foundation decodes it (Microsoft's code page 932 extensions included).
    static let shiftJIS = Charset.foundation(String.Encoding.shiftJIS.rawValue)

    /// The charset named `name` (IANA names and the aliases exporters write,
    /// case, `-` and `_` ignored), or nil when Cardbox cannot decode it.
    init?(name: String) {
        var key = ""
        for scalar in name.unicodeScalars where scalar != "-" && scalar != "_" && scalar != " " {
            key.unicodeScalars.append(scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar)
        }
        if let known = Self.aliases[key] {
            self = known
            return
        }
        if key.hasPrefix("iso8859"), let part = Int(key.dropFirst(7)), Self.isoParts.contains(part) {
            self = part == 1 ? .latin1 : .foundation(Self.cf(0x0200 + UInt(part)))
            return
        }
        let windows = key.hasPrefix("windows") ? key.dropFirst(7) : key.hasPrefix("cp") ? key.dropFirst(2) : nil
        if let windows, let page = Int(windows), let code = Self.windowsPages[page] {
            self = .foundation(Self.cf(code))
            return
        }
        return nil
    }

    /// The text `bytes` hold in this charset, or nil when they are not valid in it.
    func decode(_ bytes: [UInt8]) -> String? {
        switch self {
        case .utf8:
            return bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) } ? String(decoding: bytes, as: UTF8.self) : nil
        case .latin1:
            return TextDecoding.latin1(bytes)
        case .foundation(let encoding):
            // Every charset here reads ASCII as ASCII; ISO-2022-JP switches only with ESC.
            if bytes.allSatisfy({ $0 < 0x80 && $0 != 0x1B }) { return String(decoding: bytes, as: UTF8.self) }
            let input = encoding == String.Encoding.iso2022JP.rawValue ? Self.withoutEmptyASCIIRuns(bytes) : bytes
            return String(data: Data(input), encoding: String.Encoding(rawValue: encoding))
        case .japaneseEUC:
            return EUCJapanese.shiftJIS(fromEUC: bytes).flatMap { Self.shiftJIS.decode($0) }
        }
    }

    /// ISO-2022-JP with every switch back to ASCII (`ESC ( B`, `ESC ( J`) that is
    /// directly followed by another escape removed: encoders that work character by
    /// character write them, and ICU refuses such empty runs.
    private static func withoutEmptyASCIIRuns(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if index + 3 < bytes.count, bytes[index] == 0x1B, bytes[index + 1] == 0x28,
               bytes[index + 2] == 0x42 || bytes[index + 2] == 0x4A, bytes[index + 3] == 0x1B {
                index += 3
                continue
            }
            output.append(bytes[index])
            index += 1
        }
        return output
    }

    /// A CoreFoundation encoding number as Foundation's `String.Encoding` raw value.
    private static func cf(_ encoding: UInt) -> UInt { 0x8000_0000 | encoding }

    /// ISO-8859 parts ICU decodes (there is no part 12).
    private static let isoParts: Set<Int> = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16]

    /// Windows code pages and their CoreFoundation numbers (`kCFStringEncodingWindows…`).
    private static let windowsPages: [Int: UInt] = [
        1250: 0x0501, 1251: 0x0502, 1252: 0x0500, 1253: 0x0503, 1254: 0x0504,
        1255: 0x0505, 1256: 0x0506, 1257: 0x0507, 1258: 0x0508,
        932: 0x0A01, 936: 0x0632, 949: 0x0422, 950: 0x0A03,
    ]

    /// Names (normalised: lower case, no `-`, `_` or space) and their charsets.
    private static let aliases: [String: Charset] = [
        "utf8": .utf8, "usascii": .utf8, "ascii": .utf8,
        "latin1": .latin1, "l1": .latin1, "iso88591": .latin1,
        // Japanese: Shift_JIS and Microsoft's superset, EUC-JP, ISO-2022-JP.
        "shiftjis": shiftJIS, "sjis": shiftJIS, "xsjis": shiftJIS, "mskanji": shiftJIS,
        "csshiftjis": shiftJIS, "windows31j": shiftJIS,
        "eucjp": .japaneseEUC, "xeucjp": .japaneseEUC, "cseucpkdfmtjapanese": .japaneseEUC,
        "iso2022jp": .foundation(String.Encoding.iso2022JP.rawValue), "csiso2022jp": .foundation(String.Encoding.iso2022JP.rawValue),
        // Simplified Chinese: GB18030 decodes GB2312 and GBK, its subsets.
        "gb2312": .foundation(cf(0x0632)), "csgb2312": .foundation(cf(0x0632)), "euccn": .foundation(cf(0x0632)),
        "gbk": .foundation(cf(0x0632)), "xgbk": .foundation(cf(0x0632)), "gb18030": .foundation(cf(0x0632)),
        // Traditional Chinese.
        "big5": .foundation(cf(0x0A03)), "csbig5": .foundation(cf(0x0A03)), "xxbig5": .foundation(cf(0x0A03)),
        "big5hkscs": .foundation(cf(0x0A06)),
        // Korean: code page 949 decodes EUC-KR, its subset.
        "euckr": .foundation(cf(0x0422)), "cseuckr": .foundation(cf(0x0422)), "ksc56011987": .foundation(cf(0x0422)),
        // Cyrillic.
        "koi8r": .foundation(cf(0x0A02)), "cskoi8r": .foundation(cf(0x0A02)), "koi8u": .foundation(cf(0x0A08)),
    ]
}
