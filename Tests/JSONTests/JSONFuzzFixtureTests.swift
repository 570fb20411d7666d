import Foundation
import Testing
@testable import JSON

/// The inputs of the JSON fuzzer (Tests/Fuzz), seeds and findings, kept in
/// `fixtures/network/json/`: each satisfies its invariants in a normal run.
@Suite("JSON fuzzer inputs stay fixed")
struct JSONFuzzFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/network/json")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test(arguments: inputs)
    func aValueThatParsesIsWrittenBackAsTheSameValue(name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
        guard let value = try? JSONParser.parse(bytes) else { return }
        var writer = JSONWriter(capacity: bytes.count)
        writer.value(value)
        #expect(try JSONParser.parse(writer.bytes) == value)
    }
}
