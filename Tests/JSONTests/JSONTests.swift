import Testing
@testable import JSON

@Suite("JSON parser and writer")
struct JSONTests {
    @Test(arguments: [
        #"null"#, #"true"#, #"false"#, #"0"#, #"-1.50e+10"#, #"12345678901234567890123"#, #""héllo \"q\" \\ \/ \n 😀""#,
        #"[1,"a",null,[],{}]"#, #"{"b":1,"a":{"x":[true]}}"#, #"  {"k" : "v"}  "#, #""\ud83d\ude00""#,
    ])
    func parsesValidJSON(text: String) throws {
        let value = try JSONParser.parse(text)
        // Writing and reading again gives the same value.
        #expect(try JSONParser.parse(value.jsonText) == value)
    }

    @Test func keepsNumbersAndMemberOrderExactly() throws {
        #expect(try JSONParser.parse("1.50") == .number("1.50"))
        let object = try JSONParser.parse(#"{"z":1,"a":2,"z":3}"#)
        #expect(object.jsonText == #"{"z":1,"a":2,"z":3}"#)
        #expect(object.objectValue?["z"] == .number("3"))
        #expect(object.objectValue?.keys == ["z", "a"])
    }

    @Test(arguments: [
        "", " ", "{", "[1,]", #"{"a":1,}"#, "01", "1.", "-", "+1", ".5", "1e", "NaN", "Infinity", "tru", "nul", #""abc"#,
        "\"a\u{01}b\"", #""\x""#, #""\ud800""#, #""\udc00x""#, #""\ud800\u0041""#, "[1] 2", "{\"a\" 1}", "{1:2}", "// c\n1",
    ].map(QuotedText.init))
    func rejectsInvalidJSON(_ input: QuotedText) {
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(input.text) }
    }

    /// A number literal with a short readable name for the test report.
    struct NumberCase: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        var testDescription: String { name }
    }

    static let extremeNumbers: [NumberCase] = [
        NumberCase(name: "2^64", text: "18446744073709551616"),
        NumberCase(name: "-(2^64) - 1", text: "-18446744073709551617"),
        NumberCase(name: "Int64 max", text: "9223372036854775807"),
        NumberCase(name: "Int64 min", text: "-9223372036854775808"),
        NumberCase(name: "Int64 max + 1", text: "9223372036854775808"),
        NumberCase(name: "1e400", text: "1e400"),
        NumberCase(name: "-1e400", text: "-1e400"),
        NumberCase(name: "1e-400", text: "1e-400"),
        NumberCase(name: "minus zero", text: "-0"),
        NumberCase(name: "minus zero point zero", text: "-0.0"),
        NumberCase(name: "zero exponent", text: "0e0"),
        NumberCase(name: "exponent beyond Int64", text: "1E+999999999999999999999"),
        NumberCase(name: "tiny fraction", text: "0.000000000000000000000000000000000000000000000000001"),
        NumberCase(name: "400 digits", text: String(repeating: "9", count: 400)),
        NumberCase(name: "800 digits with a 40-digit exponent",
                   text: "-" + String(repeating: "1", count: 400) + "." + String(repeating: "2", count: 400) + "e-" + String(repeating: "3", count: 40)),
    ]

    /// Numbers at and beyond every machine limit are kept as their text: no trap, no lost digit.
    @Test(arguments: extremeNumbers)
    func extremeNumberKeepsItsText(number: NumberCase) throws {
        let text = number.text
        let value = try JSONParser.parse(text)
        #expect(value == .number(text))
        #expect(value.jsonText == text)
        let wrapped = try JSONParser.parse("{\"n\":[" + text + "]}")
        #expect(wrapped.jsonText == "{\"n\":[" + text + "]}")
    }

    @Test func nestingLimitIsExact() {
        let depth = JSONParser.maximumDepth
        let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        #expect((try? JSONParser.parse(objects)) != nil)
        let tooDeep = "[" + objects + "]"
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(tooDeep) }
        let deepObjects = String(repeating: #"{"a":"#, count: 200_000)
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(deepObjects) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func refusesDeepNestingWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(deep) }
        let ok = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect((try? JSONParser.parse(ok)) != nil)
    }

    @Test func errorsCarryTheOffset() {
        do {
            _ = try JSONParser.parse(#"{"a": tru}"#)
            Issue.record("parsed invalid JSON")
        } catch {
            #expect(error.offset == 6)
        }
    }

    @Test func writerEscapesControlCharacters() {
        var writer = JSONWriter()
        writer.string("a\"b\\c\n\u{01}é")
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #""a\"b\\c\n\u0001é""#)
    }
}

/// A test input shown in test output as a Swift string literal, so control
/// characters and line breaks stay on one readable line.
struct QuotedText: CustomTestStringConvertible, Sendable {
    let text: String
    var testDescription: String { text.debugDescription }
}
