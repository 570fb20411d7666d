import TestSupport
import Testing
@testable import VCard

@Suite("Reading real-world vCard shapes (SPEC §1.2)")
struct VCardReaderTests {
    @Test func readsMinimal40Card() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:4.0", "FN:Ana García", "EMAIL;TYPE=work:ana@example.com", "END:VCARD"))
        #expect(card.version == .v4_0)
        #expect(card.properties.map(\.name) == ["VERSION", "FN", "EMAIL"])
        #expect(card.first(named: "FN")?.textValue == "Ana García")
        #expect(card.first(named: "email")?.types == ["work"])
        #expect(card.lineEnding == .crlf)
        #expect(card.properties[1].line == 3)
    }

    @Test func readsLFOnlyAndLoneCR() throws {
        let lf = try readOne("BEGIN:VCARD\nVERSION:3.0\nFN:Lf\nEND:VCARD\n")
        #expect(lf.first(named: "FN")?.textValue == "Lf")
        #expect(lf.lineEnding == .lf)
        let cr = try readOne("BEGIN:VCARD\rVERSION:3.0\rFN:Cr\rEND:VCARD\r")
        #expect(cr.first(named: "FN")?.textValue == "Cr")
        #expect(cr.lineEnding == .cr)
    }

    @Test(arguments: [" ", "\t"])
    func unfoldsContinuationLines(whitespace: String) throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:4.0", "NOTE:Hello", "\(whitespace)World, folded", "FN:x", "END:VCARD"))
        #expect(card.first(named: "NOTE")?.value == "HelloWorld, folded")
        #expect(card.first(named: "NOTE")?.textValue == "HelloWorld, folded")
    }

    @Test func skipsByteOrderMarkAndBlankLines() throws {
        let text = "\u{FEFF}" + crlf("BEGIN:VCARD", "", "VERSION:4.0", "", "", "FN:Blank", "   ", "END:VCARD", "")
        let card = try readOne(text)
        #expect(card.properties.map(\.name) == ["VERSION", "FN"])
    }

    @Test func namesAreCaseInsensitive() throws {
        let card = try readOne(crlf("begin:vcard", "version:3.0", "fn:lower", "Email;Type=Work:a@example.com", "end:VCard"))
        #expect(card.first(named: "FN")?.textValue == "lower")
        #expect(card.first(named: "EMAIL")?.types == ["work"])
        #expect(card.version == .v3_0)
    }

    @Test func keepsGroups() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:3.0", "FN:G", "item1.EMAIL;type=INTERNET:g@example.com",
                                    "item1.X-ABLabel:_$!<Other>!$_", "END:VCARD"))
        let email = try #require(card.first(named: "EMAIL"))
        #expect(email.group == "item1")
        #expect(card.groupMates(of: [2]) == [3])
        #expect(card.properties[3].hasName("X-ABLABEL"))
    }

    @Test func readsBare21TypesAsTypes() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:2.1", "N:Doe;John", "TEL;CELL;PREF:+1 555 0100", "END:VCARD"))
        let tel = try #require(card.first(named: "TEL"))
        #expect(tel.types == ["cell", "pref"])
        #expect(tel.preference == 1)
        #expect(tel.parameters.allSatisfy { $0.isBare })
    }

    @Test func readsTypeListsAndRepeatedTypes() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:4.0", "TEL;TYPE=work,voice;TYPE=pref:1",
                                    "TEL;TYPE=\"voice,cell\":2", "FN:T", "END:VCARD"))
        #expect(card.properties[1].types == ["work", "voice", "pref"])
        #expect(card.properties[2].types == ["voice", "cell"])
        #expect(card.properties[2].parameters[0].values == ["voice,cell"])
    }

    @Test func readsQuotedParameterValuesWithSeparators() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:4.0", "FN:Q",
                                    "ADR;LABEL=\"Main St 1;Suite: 2, left\";TYPE=work:;;Main St 1;;;;", "END:VCARD"))
        let adr = try #require(card.first(named: "ADR"))
        #expect(adr.parameterValue("LABEL") == "Main St 1;Suite: 2, left")
        #expect(adr.types == ["work"])
        #expect(adr.components == ["", "", "Main St 1", "", "", "", ""])
    }

    @Test func decodesRFC6868ParameterEscapes() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:4.0", "FN:C",
                                    "ADR;LABEL=\"Line 1^nLine 2 ^^ ^'quoted^'\":;;a;;;;", "END:VCARD"))
        #expect(card.first(named: "ADR")?.parameterValue("label") == "Line 1\nLine 2 ^ \"quoted\"")
    }

    @Test func decodesQuotedPrintableWithSoftBreaks() throws {
        // Soft break with no leading space on the next line (Outlook, Android 2.1).
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:2.1", "N:X;Y",
                                    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Caf=C3=A9 line one=0D=0A=",
                                    "line two =E2=82=AC=",
                                    "end", "END:VCARD"))
        #expect(card.first(named: "NOTE")?.textValue == "Café line one\r\nline two €end")
    }

    @Test func decodesQuotedPrintableSoftBreakWithLeadingSpace() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:3.0", "FN:Q",
                                    "NOTE;ENCODING=QUOTED-PRINTABLE:abc=3D=",
                                    " =C3=BCber", "END:VCARD"))
        #expect(card.first(named: "NOTE")?.textValue == "abc=über")
    }

    @Test func decodesLatin1Charset() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:2.1", "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=F6rg",
                                    "END:VCARD"))
        #expect(card.first(named: "N")?.components == ["Müller", "Jörg"])
    }

    @Test func readsInvalidUTF8AsLatin1() throws {
        var bytes = Array("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jos".utf8)
        bytes += [0xE9]  // é in ISO-8859-1, invalid on its own in UTF-8
        bytes += Array("\r\nEND:VCARD\r\n".utf8)
        let card = try #require(try VCardReader.read(bytes).first)
        #expect(card.first(named: "FN")?.textValue == "José")
        #expect(card.serialized() == bytes)
    }

    @Test func readsBase64Values() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:3.0", "FN:P", "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ",
                                    " SkZJRg==", "END:VCARD"))
        let photo = try #require(card.first(named: "PHOTO"))
        #expect(photo.isBase64)
        #expect(photo.base64Payload == "/9j/4AAQSkZJRg==")
    }

    @Test func readsUnindented21Base64Block() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:2.1", "N:P", "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQ",
                                    "SkZJRgABAQ", "AAAQABAAD=", "", "TEL:1", "END:VCARD"))
        #expect(card.first(named: "PHOTO")?.value == "/9j/4AAQSkZJRgABAQAAAQABAAD=")
        #expect(card.first(named: "TEL")?.value == "1")
    }

    @Test func readsDataURIPhoto() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:4.0", "FN:P", "PHOTO:data:image/png;base64,iVBORw0KGgo=", "END:VCARD"))
        #expect(card.first(named: "PHOTO")?.base64Payload == "iVBORw0KGgo=")
    }

    @Test func decodesTextEscapes() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:4.0", "FN:E", #"NOTE:a\nb\Nc\\d\,e\;f\:g\qh"#, "END:VCARD"))
        #expect(card.first(named: "NOTE")?.textValue == "a\nb\nc\\d,e;f:g\\qh")
    }

    @Test func splitsCompoundValuesOnUnescapedSemicolons() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:4.0", "FN:S", #"ORG:Smith\, Jones \; Partners;R&D\;Lab;"#, "END:VCARD"))
        #expect(card.first(named: "ORG")?.components == ["Smith, Jones ; Partners", "R&D;Lab", ""])
    }

    @Test func toleratesMissingOrLateVersion() throws {
        let missing = try readOne(crlf("BEGIN:VCARD", "FN:No version", "END:VCARD"))
        #expect(missing.version == nil)
        let late = try readOne(crlf("BEGIN:VCARD", "FN:Late", "N:L;;;;", "VERSION:3.0", "END:VCARD"))
        #expect(late.version == .v3_0)
    }

    @Test func acceptsInventedPropertyNames() throws {
        let card = try readOne(crlf("BEGIN:VCARD", "VERSION:3.0", "FN:X", "X-MESSAGING/XMPP-ALL:me@jabber.example",
                                    "X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Bob;1;;;;;;;;;;;;;", "END:VCARD"))
        #expect(card.first(named: "X-MESSAGING/XMPP-ALL")?.value == "me@jabber.example")
        #expect(card.first(named: "X-ANDROID-CUSTOM")?.value == "vnd.android.cursor.item/nickname;Bob;1;;;;;;;;;;;;;")
    }

    @Test func acceptsMissingFinalLineBreak() throws {
        let text = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:End\r\nEND:VCARD"
        let card = try readOne(text)
        #expect(card.first(named: "FN")?.textValue == "End")
        #expect(card.serialized() == Array(text.utf8))
    }

    @Test func readsMultiMegabytePhoto() throws {
        var generator = SeededGenerator(seed: 7)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        let payload = (0..<4_000_000).map { _ in alphabet[Int(generator.next() % 64)] }
        let line = Array("PHOTO;ENCODING=b;TYPE=JPEG:".utf8) + payload
        var bytes = Array("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big\r\n".utf8)
        bytes += Folding.fold(line, lineEnding: [0x0D, 0x0A])
        bytes += Array("END:VCARD\r\n".utf8)
        let card = try #require(try VCardReader.read(bytes).first)
        #expect(card.first(named: "PHOTO")?.value.utf8.count == payload.count)
        #expect(card.serialized() == bytes)
    }

    @Test func readsSeveralCards() throws {
        let cards = try read(crlf("BEGIN:VCARD", "VERSION:4.0", "FN:One", "END:VCARD", "", "BEGIN:VCARD", "VERSION:4.0", "FN:Two", "END:VCARD"))
        #expect(cards.map { $0.first(named: "FN")?.textValue } == ["One", "Two"])
        #expect(cards[1].beginLine == 6)
    }
}

@Suite("Reader errors carry a line and a reason")
struct VCardReaderErrorTests {
    @Test func emptyFile() {
        #expect(readError([]) == VCardReadError(line: 1, reason: "empty file"))
    }

    @Test func noBegin() {
        let error = readError(Array("VERSION:4.0\r\nFN:x\r\n".utf8))
        #expect(error?.line == 1)
        #expect(error?.reason.contains("outside") == true)
    }

    @Test func noEnd() {
        let error = readError(Array(crlf("BEGIN:VCARD", "VERSION:4.0", "FN:x").utf8))
        #expect(error?.line == 3)
        #expect(error?.reason.contains("END:VCARD") == true)
    }

    @Test func endWithoutBegin() {
        #expect(readError(Array(crlf("END:VCARD").utf8))?.reason == "END:VCARD without BEGIN:VCARD")
    }

    @Test func lineWithoutColon() {
        let error = readError(Array(crlf("BEGIN:VCARD", "VERSION:4.0", "FN:x", "this is not a property", "END:VCARD").utf8))
        #expect(error?.line == 4)
    }

    @Test func unterminatedQuote() {
        let error = readError(Array(crlf("BEGIN:VCARD", "VERSION:4.0", "ADR;LABEL=\"open:;;x;;;;", "END:VCARD").utf8))
        #expect(error?.line == 3)
        #expect(error?.reason.contains("unterminated") == true)
    }

    @Test func nestedBegin() {
        let error = readError(Array(crlf("BEGIN:VCARD", "VERSION:4.0", "BEGIN:VCARD", "END:VCARD").utf8))
        #expect(error?.line == 3)
    }

    @Test func contentAfterLastCard() {
        let error = readError(Array(crlf("BEGIN:VCARD", "FN:x", "END:VCARD", "garbage: here").utf8))
        #expect(error?.line == 4)
    }

    @Test func binaryGarbage() {
        var generator = SeededGenerator(seed: 3)
        let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        #expect(readError(bytes) != nil)
    }
}

@Suite("Less common encodings and line ends")
struct VCardEncodingTests {
    @Test(arguments: [true, false])
    func readsUTF16WithByteOrderMark(littleEndian: Bool) throws {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë 李\r\nEND:VCARD\r\n"
        var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in text.utf16 {
            bytes += littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        let card = try #require(try VCardReader.read(bytes).first)
        #expect(card.first(named: "FN")?.textValue == "Zoë 李")
        #expect(card.serialized() == Array(text.utf8))
    }

    @Test func extraCarriageReturnsBelongToTheLineBreak() throws {
        let card = try readOne("BEGIN:VCARD\r\r\nVERSION:4.0\r\r\nFN:Ana\r\r\nEND:VCARD\r\r\n")
        #expect(card.first(named: "FN")?.textValue == "Ana")
    }
}
