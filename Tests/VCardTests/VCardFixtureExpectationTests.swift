import Foundation
import Testing
@testable import VCard

/// Checks the reader against the values recorded in `fixtures/vcard/expected.json`
/// for the shapes real tools export.
@Suite("Fixtures read as the tools that wrote them meant")
struct VCardFixtureExpectationTests {
    static var expectations: [[String: Any]] { expectations(in: "valid") }

    /// The entries of `expected.json` for the fixtures of one folder.
    static func expectations(in folder: String) -> [[String: Any]] {
        let url = fixturesDirectory.appendingPathComponent("vcard/expected.json")
        guard let data = FileManager.default.contents(atPath: url.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let entries = object[folder] as? [[String: Any]] else { return [] }
        return entries
    }

    static var fileNames: [String] { expectations.compactMap { $0["file"] as? String } }
    static var charsetFileNames: [String] { expectations(in: "charsets").compactMap { $0["file"] as? String } }

    @Test func expectationsArePresent() {
        #expect(Self.fileNames.count >= 30)
        #expect(Self.charsetFileNames.count == fixtureFiles("charsets").count)
    }

    @Test(arguments: fileNames)
    func fixtureReadsAsExpected(file: String) throws {
        try checkFixture(file, in: "valid")
    }

    /// SPEC §1.2: legacy charsets and base64 text values read as the text they encode.
    @Test(arguments: charsetFileNames)
    func charsetFixtureReadsAsExpected(file: String) throws {
        try checkFixture(file, in: "charsets")
    }

    private func checkFixture(_ file: String, in folder: String) throws {
        let expected = try #require(Self.expectations(in: folder).first { $0["file"] as? String == file })
        let bytes = try #require(fixtureFiles(folder).first { $0.name == file }).bytes
        let cards = try VCardReader.read(bytes)
        #expect(cards.count == 1)
        let card = try #require(cards.first)

        #expect(card.first(named: "FN")?.textValue == expected["fn"] as? String)
        if let version = expected["version"] as? String {
            #expect(card.version?.rawValue == version)
        } else {
            #expect(card.version == nil)
        }
        if let n = expected["n"] as? [String] {
            var components = try #require(card.first(named: "N")).components
            while components.count < n.count { components.append("") }
            #expect(components == n)
        }
        if let org = expected["org"] as? [String] {
            #expect(card.first(named: "ORG")?.components == org)
        }
        if let title = expected["title"] as? String {
            #expect(card.first(named: "TITLE")?.textValue == title)
        }
        if let note = expected["note"] as? String {
            let read = try #require(card.first(named: "NOTE")).textValue.replacingOccurrences(of: "\r\n", with: "\n")
            #expect(read == note)
        }
        let emails = expected["emails"] as? [[String: Any]] ?? []
        let readEmails = card.all(named: "EMAIL")
        #expect(readEmails.map { $0.textValue.trimmingCharacters(in: .whitespaces) } == emails.map { $0["address"] as? String ?? "" })
        for (read, want) in zip(readEmails, emails) {
            #expect(Set(read.types) == Set(want["types"] as? [String] ?? []), "types of \(read.value)")
        }
        let phones = expected["phones"] as? [[String: Any]] ?? []
        let readPhones = card.all(named: "TEL")
        #expect(readPhones.count == phones.count)
        for (read, want) in zip(readPhones, phones) {
            #expect(Set(read.types) == Set(want["types"] as? [String] ?? []), "types of \(read.value)")
        }
    }

    @Test(arguments: fixtureFiles("broken").map(\.name))
    func brokenFixtureIsNotOneCard(file: String) throws {
        let bytes = try #require(fixtureFiles("broken").first { $0.name == file }).bytes
        do {
            let cards = try VCardReader.read(bytes)
            #expect(cards.count > 1, "\(file) read as a single card")
        } catch {
            #expect(error.line >= 1)
            #expect(!error.reason.isEmpty)
        }
    }
}
