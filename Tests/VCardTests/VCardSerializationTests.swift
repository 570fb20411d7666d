import Testing
@testable import VCard

@Suite("Writing vCard 4.0 lines (SPEC §1.1)")
struct VCardSerializationTests {
    @Test func newCardIsCRLFAndDeterministic() {
        var card = VCard()
        card.properties = [VCardProperty(name: "VERSION", value: "4.0"), VCardProperty(name: "FN", value: "Ana")]
        let expected = Array("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana\r\nEND:VCARD\r\n".utf8)
        #expect(card.serialized() == expected)
        #expect(card.serialized() == card.serialized())
    }

    @Test func foldsAt75Octets() {
        let value = String(repeating: "a", count: 200)
        let bytes = VCardProperty(name: "NOTE", value: value).serialized()
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.first?.utf8.count == 75)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        let unfolded = lines.enumerated().map { $0.offset == 0 ? String($0.element) : String($0.element.dropFirst()) }.joined()
        #expect(unfolded == "NOTE:" + value)
    }

    @Test(arguments: 0..<8)
    func neverSplitsUTF8Sequences(shift: Int) throws {
        // A 4-byte emoji placed so that it straddles the fold boundary in turn at every offset.
        let value = String(repeating: "x", count: 60 + shift) + String(repeating: "😀é中", count: 30)
        let bytes = VCardProperty(name: "NOTE", value: value).serialized()
        for line in split(bytes) {
            #expect(line.count <= 75)
            #expect(String(validating: line, as: UTF8.self) != nil, "a physical line is not valid UTF-8 on its own")
        }
        let card = try readOne("BEGIN:VCARD\r\n" + String(decoding: bytes, as: UTF8.self) + "END:VCARD\r\n")
        #expect(card.first(named: "NOTE")?.value == value)
    }

    @Test func escapesParameterValuesPerRFC6868() {
        let property = VCardProperty(name: "ADR", parameters: [VCardParameter(name: "LABEL", values: ["a\nb \"c\" ^ d; e"])],
                                     value: ";;a;;;;")
        #expect(String(decoding: property.serialized(), as: UTF8.self) == "ADR;LABEL=\"a^nb ^'c^' ^^ d; e\":;;a;;;;\r\n")
    }

    @Test func escapesTextPerPropertyGrammar() {
        #expect(VCardEscaping.escape("a,b;c\\d\ne", semicolons: false) == #"a\,b;c\\d\ne"#)
        #expect(VCardEscaping.escape("a,b;c", semicolons: true) == #"a\,b\;c"#)
        #expect(VCardEscaping.escape("line\r\nnext", semicolons: false) == #"line\nnext"#)
        #expect(VCardEscaping.escapeComponents(["Smith; Jones", "R&D", ""]) == #"Smith\; Jones;R&D;"#)
        #expect(VCardEscaping.escapeList(["a,b", "c"], semicolons: false) == #"a\,b,c"#)
    }

    @Test func rawLineBreaksInValuesAreEscaped() {
        let bytes = VCardProperty(name: "X-NOTE", value: "a\nb").serialized()
        #expect(String(decoding: bytes, as: UTF8.self) == "X-NOTE:a\\nb\r\n")
    }

    @Test func groupAndBareParametersAreWritten() {
        let property = VCardProperty(group: "item1", name: "TEL",
                                     parameters: [VCardParameter(name: "TYPE", values: ["CELL"], isBare: true)], value: "1")
        #expect(String(decoding: property.serialized(lineEnding: .lf), as: UTF8.self) == "item1.TEL;CELL:1\n")
    }

    private func split(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                lines.append(current)
                current = []
                index += 2
                continue
            }
            current.append(bytes[index])
            index += 1
        }
        return lines
    }
}
