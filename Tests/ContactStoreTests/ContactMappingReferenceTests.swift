import Foundation
import Platform
import TestSupport
import Testing
import VCard
@testable import ContactStore
@testable import cardbox_bench

/// The load path's mapping (`Contact(card:)` with its length switch, in-place
/// property reads, one-pass component splitting and timestamp fast path) gives
/// exactly what the plain mapping below gives: one `switch` over the upper-case
/// name, components split and then unescaped, `lowercased()` prefix checks, the
/// general timestamp parser. Checked over every fixture and 600 generated cards.
@Suite("The fast mapping equals the plain reference mapping")
struct ContactMappingReferenceTests {
    static let fileModified = VCardTimestamp(secondsSince1970: 1_700_000_000)

    /// Every `.vcf` under `fixtures/`, as (path, bytes).
    static var fixtureFiles: [(path: String, bytes: [UInt8])] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures")
        let paths = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? [])
            .filter { $0.lowercased().hasSuffix(".vcf") }.sorted()
        return paths.compactMap { path in
            FileManager.default.contents(atPath: root.appendingPathComponent(path).path).map { (path, Array($0)) }
        }
    }

    @Test func everyFixtureMapsAsTheReferenceDoes() {
        let files = Self.fixtureFiles
        #expect(files.count > 90)
        var contacts = 0
        for (path, bytes) in files {
            guard case .contact(let card) = CardFile.classify(bytes) else { continue }
            contacts += 1
            let id = ContactFileName.id(forFileName: String(path.split(separator: "/").last!))
            #expect(Contact(card: card, id: id, fileModified: Self.fileModified)
                    == ReferenceMapping.contact(card, id: id, fileModified: Self.fileModified), "\(path)")
        }
        #expect(contacts > 40)
    }

    @Test func generatedCardsMapAsTheReferenceDoes() throws {
        var generator = CorpusGenerator(seed: 11)
        for _ in 0..<600 {
            let generated = generator.next()
            guard case .contact(let card) = CardFile.classify(Array(generated.text.utf8)) else {
                Issue.record("\(generated.id) is not a contact")
                continue
            }
            let contact = Contact(card: card, id: generated.id, fileModified: Self.fileModified)
            #expect(contact == ReferenceMapping.contact(card, id: generated.id, fileModified: Self.fileModified), "\(generated.text)")
            let entry = IndexEntry(contact: contact, fileName: generated.id + ".vcf", file: FileFingerprint(status: try FileSystem.status("/"), bytes: []),
                                   uid: card.first(named: "UID")?.value)
            #expect(entry.fileName == generated.id + ".vcf")
            #expect(entry.uid == card.first(named: "UID")?.value)
        }
    }

    @Test func componentsSplitAndUnescapeInOnePassAsTheReferenceDoes() {
        var random = SeededGenerator(seed: 3)
        let alphabet: [String] = ["a", "Z", ";", ",", "\\", "n", "N", ":", "é", "😀", " ", "\\\\", "\\;", "\\,"]
        for _ in 0..<5_000 {
            let text = (0..<random.below(14)).map { _ in alphabet[random.below(alphabet.count)] }.joined()
            for separator in [UInt8(ascii: ";"), UInt8(ascii: ",")] {
                #expect(VCardEscaping.splitUnescaped(text, separator: separator)
                        == VCardEscaping.split(text, separator: separator).map(ReferenceMapping.unescape), "\(text)")
            }
            #expect(VCardEscaping.unescape(text) == ReferenceMapping.unescape(Substring(text)))
        }
    }

    @Test func basicTimestampsReadAsTheGeneralParserReadsThem() {
        var random = SeededGenerator(seed: 5)
        for _ in 0..<5_000 {
            let digits = (0..<14).map { _ in random.below(10) }
            // Mostly plausible dates, some out of range, to reach every check.
            let year = random.below(4) == 0 ? digits[0...3].reduce(0) { $0 * 10 + $1 } : 1900 + random.below(200)
            let month = random.below(4) == 0 ? digits[4] * 10 + digits[5] : 1 + random.below(12)
            let day = random.below(4) == 0 ? digits[6] * 10 + digits[7] : 1 + random.below(31)
            let hour = random.below(4) == 0 ? digits[8] * 10 + digits[9] : random.below(24)
            let minute = random.below(8) == 0 ? digits[10] * 10 + digits[11] : random.below(60)
            let second = random.below(8) == 0 ? digits[12] * 10 + digits[13] : random.below(61)
            func pad(_ value: Int, _ width: Int) -> String { String(repeating: "0", count: width - String(value).count) + String(value) }
            let basic = pad(year, 4) + pad(month, 2) + pad(day, 2) + "T" + pad(hour, 2) + pad(minute, 2) + pad(second, 2) + "Z"
            #expect(VCardTimestamp(vCardText: basic) == ReferenceMapping.timestamp(basic), "\(basic)")
        }
    }

    @Test func fileNameShortcutsAgreeWithTheCharacterRules() {
        var random = SeededGenerator(seed: 9)
        let pieces = ["a", "B", ".", "vcf", "VCF", ".vcf", ".Vcf", "\r", "\n", "\r\n", "é", "e\u{301}", "\u{600}", "-"]
        for _ in 0..<5_000 {
            let name = (0..<random.below(6)).map { _ in pieces[random.below(pieces.count)] }.joined()
            let reference = !name.hasPrefix(".") && name.utf8.count > 4 && name.lowercased().hasSuffix(".vcf")
            #expect(ContactFileName.isContactFile(name) == reference, "\(name.debugDescription)")
            #expect(ContactFileName.id(forFileName: name) == String(name.dropLast(4)), "\(name.debugDescription)")
            if FolderListing.isPlainName(name) { #expect(name.hasSuffix(".vcf") && name.utf8.allSatisfy { $0 < 0x80 }) }
        }
    }
}

extension SeededGenerator {
    /// A number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &self) }
}
