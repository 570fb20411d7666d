import Testing
@testable import VCard

@Suite("Converting 2.1 cards to 4.0 (SPEC §1.1)")
struct VCardUpgradeTests {
    @Test func decodesAndNormalisesAn21Card() throws {
        let card = try readOne(crlf(
            "BEGIN:VCARD", "VERSION:2.1",
            "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Garc=C3=ADa;Ana;;;",
            "FN;ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Ana Garc=EDa, Jr.",
            "TEL;CELL;PREF:+34 612 345 678",
            "EMAIL;INTERNET;HOME:ana@example.com",
            "NOTE;ENCODING=QUOTED-PRINTABLE:first=0D=0Asecond",
            "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQ",
            " SkZJRg==",
            "",
            "X-CUSTOM-THING:keep;me,as is",
            "END:VCARD"))
        let upgraded = card.upgradedToVersion4()
        let text = String(decoding: upgraded.serialized(), as: UTF8.self)
        #expect(text == crlf(
            "BEGIN:VCARD", "VERSION:4.0",
            "N:García;Ana;;;",
            #"FN:Ana García\, Jr."#,
            "TEL;TYPE=cell;PREF=1:+34 612 345 678",
            "EMAIL;TYPE=internet,home:ana@example.com",
            #"NOTE:first\nsecond"#,
            "PHOTO:data:image/jpeg;base64,/9j/4AAQSkZJRg==",
            "X-CUSTOM-THING:keep;me,as is",
            "END:VCARD"))
    }

    @Test func addsVersionWhenMissing() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "FN:No version", "END:VCARD"))
        #expect(card.upgradedToVersion4().properties.first?.value == "4.0")
        #expect(card.upgradedToVersion4().version == .v4_0)
    }
}
