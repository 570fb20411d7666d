import Foundation
import TestSupport
import Testing
@testable import VCard

/// Reads a test input given as a Swift string; `\n` in the literal stays LF
/// unless the caller converts it.
func read(_ text: String) throws -> [VCard] {
    try VCardReader.read(Array(text.utf8))
}

func readOne(_ text: String) throws -> VCard {
    let cards = try read(text)
    #expect(cards.count == 1)
    return try #require(cards.first)
}

/// Lines joined with CRLF and terminated by CRLF.
func crlf(_ lines: String...) -> String {
    lines.joined(separator: "\r\n") + "\r\n"
}

func readError(_ bytes: [UInt8]) -> VCardReadError? {
    do {
        _ = try VCardReader.read(bytes)
        return nil
    } catch {
        return error
    }
}

/// The repository's `fixtures/` folder.
let fixturesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures")

/// Every file under `fixtures/vcard/<folder>` as (name, bytes), sorted by name.
func fixtureFiles(_ folder: String) -> [(name: String, bytes: [UInt8])] {
    let directory = fixturesDirectory.appendingPathComponent("vcard").appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.lowercased().hasSuffix(".vcf") }.sorted().compactMap { name in
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { return nil }
        return (name, Array(data))
    }
}

