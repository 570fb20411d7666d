import Testing
@testable import VCard

/// SPEC §1.2: `CHARSET=` values in the legacy charsets phones export, and base64 text.
@Suite("Charsets and base64 text decode")
struct TextDecodingTests {
    /// A charset name as an exporter writes it, the bytes of a sample and its text.
    struct Sample: CustomTestStringConvertible, Sendable {
        let charset: String
        let bytes: [UInt8]
        let text: String
        var testDescription: String { charset }
    }

    static let samples: [Sample] = [
        Sample(charset: "SHIFT_JIS", bytes: [0x8E, 0x52, 0x93, 0x63, 0x83, 0x5C], text: "山田ソ"),
        Sample(charset: "x-sjis", bytes: [0xB1], text: "ｱ"),
        Sample(charset: "EUC-JP", bytes: [0xBB, 0xB3, 0xC5, 0xC4, 0x8E, 0xB1], text: "山田ｱ"),
        Sample(charset: "ISO-2022-JP", bytes: [0x1B, 0x24, 0x42, 0x3B, 0x33, 0x45, 0x44, 0x1B, 0x28, 0x42], text: "山田"),
        Sample(charset: "GB2312", bytes: [0xC0, 0xEE, 0xCE, 0xB0], text: "李伟"),
        Sample(charset: "GBK", bytes: [0xD6, 0xEC, 0xE9, 0x46], text: "朱镕"),
        Sample(charset: "GB18030", bytes: [0x81, 0x30, 0x81, 0x30], text: "\u{80}"),
        Sample(charset: "Big5", bytes: [0xB3, 0xAF, 0xB3, 0x5C], text: "陳許"),
        Sample(charset: "EUC-KR", bytes: [0xB1, 0xE8], text: "김"),
        Sample(charset: "KOI8-R", bytes: [0xE9, 0xD7, 0xC1, 0xCE], text: "Иван"),
        Sample(charset: "KOI8-U", bytes: [0xB6], text: "І"),
        Sample(charset: "ISO-8859-1", bytes: [0xE9], text: "é"),
        Sample(charset: "ISO-8859-2", bytes: [0xA3, 0xF3, 0x64, 0xBC], text: "Łódź"),
        Sample(charset: "ISO-8859-5", bytes: [0xB8, 0xD2, 0xD0, 0xDD], text: "Иван"),
        Sample(charset: "ISO-8859-7", bytes: [0xC3, 0xE9], text: "Γι"),
        Sample(charset: "ISO-8859-15", bytes: [0xA4], text: "€"),
        Sample(charset: "windows-1250", bytes: [0x9F], text: "ź"),
        Sample(charset: "WINDOWS-1251", bytes: [0xC8, 0xE2], text: "Ив"),
        Sample(charset: "cp1252", bytes: [0x80, 0x93, 0x94], text: "€“”"),
        Sample(charset: "windows-1253", bytes: [0xC3], text: "Γ"),
        Sample(charset: "windows-1254", bytes: [0xDE], text: "Ş"),
        Sample(charset: "windows-1255", bytes: [0xF9], text: "ש"),
        Sample(charset: "windows-1256", bytes: [0xD3], text: "س"),
        Sample(charset: "windows-1257", bytes: [0xC0], text: "Ą"),
        Sample(charset: "windows-1258", bytes: [0x56, 0x69, 0xD2, 0x74], text: "Vi\u{309}t"),
        Sample(charset: "UTF-8", bytes: [0xC3, 0xA9], text: "é"),
    ]

    @Test(arguments: samples)
    func charsetDecodes(sample: Sample) {
        #expect(TextDecoding.decode(sample.bytes, charset: sample.charset) == sample.text)
        #expect(TextDecoding.decodeExactly(sample.bytes, charset: sample.charset) == sample.text)
    }

    @Test func iso2022JPWithAnEscapePerCharacterDecodes() {
        let bytes: [UInt8] = [0x1B, 0x24, 0x42, 0x43, 0x66, 0x1B, 0x28, 0x42, 0x1B, 0x24, 0x42, 0x42, 0x3C, 0x1B, 0x28, 0x42]
        #expect(TextDecoding.decodeExactly(bytes, charset: "ISO-2022-JP") == "中村")
    }

    @Test func unknownCharsetFallsBackToUTF8OrLatin1() {
        #expect(TextDecoding.decode(Array("Grüße".utf8), charset: "X-UNKNOWN") == "Grüße")
        #expect(TextDecoding.decode([0x47, 0xFC], charset: "X-UNKNOWN") == "Gü")
        #expect(TextDecoding.decodeExactly([0x47, 0xFC], charset: "X-UNKNOWN") == nil)
    }

    @Test func bytesInvalidInTheirCharsetFallBack() {
        // A Shift_JIS lead byte without its trail byte, and EUC-JP's JIS X 0212 form.
        #expect(TextDecoding.decodeExactly([0x41, 0x8E], charset: "Shift_JIS") == nil)
        #expect(TextDecoding.decode([0x41, 0x8E], charset: "Shift_JIS") == "A\u{8E}")
        #expect(TextDecoding.decodeExactly([0x8F, 0xB0, 0xA1], charset: "EUC-JP") == nil)
    }

    @Test func quotedPrintableShiftJISReadsAsJapanese() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:2.1", "FN;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=8E=52=93=63",
                                    "NOTE;CHARSET=SHIFT_JIS:ASCII only", "END:VCARD"))
        #expect(card.first(named: "FN")?.textValue == "山田")
        #expect(card.first(named: "NOTE")?.textValue == "ASCII only")
    }

    @Test func rawShiftJISBytesReadInTheirCharset() throws {
        let bytes = Array("BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=SHIFT_JIS:".utf8) + [0x83, 0x5C, 0x83, 0x74, 0x83, 0x67]
            + Array("\r\nEND:VCARD\r\n".utf8)
        let card = try #require(try VCardReader.read(bytes).first)
        #expect(card.first(named: "FN")?.textValue == "ソフト")
        #expect(card.serialized() == bytes)
    }

    @Test func base64TextPropertiesReadAsText() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:3.0", "FN;ENCODING=b:QmFzZSBTaXh0eUZvdXI=",
                                    "N;ENCODING=B:Rm91cmllcjtCYXNlOzs7", "EMAIL;ENCODING=b:YkBleGFtcGxlLmNvbQ",
                                    "PHOTO;ENCODING=b;TYPE=JPEG:QmFzZSBTaXh0eUZvdXI=", "END:VCARD"))
        #expect(card.first(named: "FN")?.textValue == "Base SixtyFour")
        #expect(card.first(named: "N")?.components == ["Fourier", "Base", "", "", ""])
        #expect(card.first(named: "EMAIL")?.textValue == "b@example.com")
        #expect(card.first(named: "PHOTO")?.decodedValue == "QmFzZSBTaXh0eUZvdXI=")
    }

    @Test func base64TextIn21IsDecodedWhenConvertedTo40() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:2.1", "FN;ENCODING=BASE64:QmFzZSBTaXh0eUZvdXI=",
                                    "NOTE;CHARSET=SHIFT_JIS;ENCODING=BASE64:jlKTYw==", "END:VCARD"))
        let text = String(decoding: card.upgradedToVersion4().serialized(), as: UTF8.self)
        #expect(text == crlf("BEGIN:VCARD", "VERSION:4.0", "FN:Base SixtyFour", "NOTE:山田", "END:VCARD"))
    }

    @Test func undecodableValueKeepsItsBytesWhenConvertedTo40() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:2.1", "FN:Someone",
                                    "NOTE;CHARSET=X-UNKNOWN;ENCODING=QUOTED-PRINTABLE:G=FC=3D", "END:VCARD"))
        let upgraded = try readOne(String(decoding: card.upgradedToVersion4().serialized(), as: UTF8.self))
        let note = try #require(upgraded.first(named: "NOTE"))
        #expect(note.parameterValue("CHARSET") == "X-UNKNOWN")
        #expect(note.transferDecodedBytes == [0x47, 0xFC, 0x3D])
        #expect(note.textValue == "Gü=")
    }

    @Test func base64RoundTripsEveryLength() {
        for length in 0..<8 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 77 + 200) }
            #expect(Base64Text.decode(Base64Text.encode(bytes).utf8) == bytes)
        }
        #expect(Base64Text.decode("QmFz\r\n ZQ".utf8) == Array("Base".utf8))
        #expect(Base64Text.decode("Qm*z".utf8) == nil)
    }
}
