import Foundation
import TestSupport
import Testing
import VCard

/// Two branches that edit the same contact, and the card `git merge` must leave.
struct GitMergeScenario: CustomTestStringConvertible, Sendable {
    let name: String
    let base: String
    let main: String
    let branch: String
    let expected: String
    var testDescription: String { name }

    private static func card(_ lines: String...) -> String {
        (["BEGIN:VCARD", "VERSION:4.0"] + lines + ["END:VCARD"]).joined(separator: "\r\n") + "\r\n"
    }

    private static func card21(_ lines: String...) -> String {
        (["BEGIN:VCARD", "VERSION:2.1"] + lines + ["END:VCARD"]).joined(separator: "\r\n") + "\r\n"
    }

    /// A `PHOTO` line as Cardbox writes it: folded at 75 octets.
    private static func photo(_ base64: String) -> String {
        let line = String(decoding: VCardProperty(name: "PHOTO", value: "data:image/jpeg;base64," + base64).serialized(), as: UTF8.self)
        return String(line.dropLast(2))
    }

    static let all: [GitMergeScenario] = [
        GitMergeScenario(
            name: "each branch edits a different field",
            base: card("UID:ann", "FN:Ann Lee", "EMAIL:ann@example.org", "REV:20260101T000000Z"),
            main: card("UID:ann", "FN:Ann B. Lee", "EMAIL:ann@example.org", "REV:20260103T000000Z"),
            branch: card("UID:ann", "FN:Ann Lee", "EMAIL:ann@example.org", "TEL;TYPE=cell:+1 555 0100", "REV:20260102T000000Z"),
            expected: card("UID:ann", "FN:Ann B. Lee", "EMAIL:ann@example.org", "TEL;TYPE=cell:+1 555 0100", "REV:20260103T000000Z")),
        GitMergeScenario(
            name: "both branches add the same email and different phones",
            base: card("UID:ann", "FN:Ann", "REV:20260101T000000Z"),
            main: card("UID:ann", "FN:Ann", "EMAIL:ann@example.org", "TEL:+1 555 0100", "REV:20260102T000000Z"),
            branch: card("UID:ann", "FN:Ann", "EMAIL:ann@example.org", "TEL:+44 20 7946 0000", "REV:20260103T000000Z"),
            expected: card("UID:ann", "FN:Ann", "EMAIL:ann@example.org", "TEL:+1 555 0100", "TEL:+44 20 7946 0000",
                           "REV:20260103T000000Z")),
        GitMergeScenario(
            name: "both branches change the name: the later revision wins",
            base: card("UID:ann", "FN:Ann", "NOTE:a", "REV:20260101T000000Z"),
            main: card("UID:ann", "FN:Ann Main", "NOTE:a", "REV:20260102T000000Z"),
            branch: card("UID:ann", "FN:Ann Branch", "NOTE:b", "REV:20260103T000000Z"),
            expected: card("UID:ann", "FN:Ann Branch", "NOTE:b", "REV:20260103T000000Z")),
        GitMergeScenario(
            name: "one branch trashes the contact and the other edits it",
            base: card("UID:ann", "FN:Ann", "EMAIL:ann@example.org", "REV:20260101T000000Z"),
            main: card("UID:ann", "FN:Ann", "EMAIL:ann@example.org", "REV:20260102T000000Z", "X-DELETED-AT:20260102T000000Z"),
            branch: card("UID:ann", "FN:Ann Lee", "EMAIL:ann@example.org", "NOTE:call back", "REV:20260103T000000Z"),
            expected: card("UID:ann", "FN:Ann Lee", "EMAIL:ann@example.org", "NOTE:call back", "REV:20260103T000000Z",
                           "X-DELETED-AT:20260102T000000Z")),
        GitMergeScenario(
            name: "one branch converts a 2.1 card to 4.0 and the other edits the 2.1 card",
            base: card21("N:Lee;Ann;;;", "FN:Ann Lee", "TEL;CELL:+1 555 0100", "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:caf=C3=A9"),
            main: card("N:Lee;Ann;;;", "FN:Ann Lee", "TEL;TYPE=cell:+1 555 0100", "NOTE:café", "X-TAGS:friends",
                       "REV:20260102T000000Z"),
            branch: card21("N:Lee;Ann;;;", "FN:Ann Lee", "TEL;CELL:+1 555 0100", "TEL;HOME:+1 555 0111",
                           "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:caf=C3=A9 au lait"),
            expected: card("N:Lee;Ann;;;", "FN:Ann Lee", "TEL;TYPE=cell:+1 555 0100", "TEL;TYPE=home:+1 555 0111",
                           "NOTE:café au lait", "X-TAGS:friends", "REV:20260102T000000Z")),
        GitMergeScenario(
            name: "one branch changes a large photo and the other renames the contact",
            base: card("UID:ann", "FN:Ann", photo(String(repeating: "QUJD", count: 50_000)), "REV:20260101T000000Z"),
            main: card("UID:ann", "FN:Ann Lee", photo(String(repeating: "QUJD", count: 50_000)), "REV:20260102T000000Z"),
            branch: card("UID:ann", "FN:Ann", photo(String(repeating: "WFla", count: 50_000)), "REV:20260103T000000Z"),
            expected: card("UID:ann", "FN:Ann Lee", photo(String(repeating: "WFla", count: 50_000)), "REV:20260103T000000Z")),
    ]
}

@Suite("git merge with the vCard merge driver (SPEC §9)")
struct GitMergeTests {
    /// A repository whose `contacts/ann.vcf` is `base` on `main`, edited on `main` and on branch `phone`.
    private static func repository(_ scenario: GitMergeScenario, setUp: Bool) throws -> GitTestRepository {
        let repository = try GitTestRepository()
        try FileManager.default.createDirectory(atPath: repository.folder.sub("contacts"), withIntermediateDirectories: true)
        if setUp {
            let setup = try repository.cardbox(["git-setup", "--dir", repository.folder.sub("contacts")])
            #expect(setup.status == 0, "\(setup.stderr)")
        }
        try repository.commit(["contacts/ann.vcf": scenario.base], message: "Create Ann")
        try repository.git("checkout", "-q", "-b", "phone")
        try repository.commit(["contacts/ann.vcf": scenario.branch], message: "Edit Ann on the phone")
        try repository.git("checkout", "-q", "main")
        try repository.commit(["contacts/ann.vcf": scenario.main], message: "Edit Ann on the laptop")
        return repository
    }

    @Test(arguments: GitMergeScenario.all)
    func twoBranchesEditingOneContactMergeWithoutConflict(_ scenario: GitMergeScenario) throws {
        let repository = try Self.repository(scenario, setUp: true)
        let merge = try repository.git("merge", "--no-edit", "phone", allowFailure: true)
        #expect(merge.status == 0, "\(merge.output)")
        let merged = repository.folder.text("contacts/ann.vcf")
        #expect(merged == scenario.expected)
        #expect(try VCardReader.read(Array(merged.utf8)).count == 1)
        #expect(try repository.git("status", "--porcelain").output == "")
    }

    @Test func withoutTheDriverTheLineMergeOfGitLeavesConflictMarkersInTheCard() throws {
        let repository = try Self.repository(GitMergeScenario.all[0], setUp: false)
        let merge = try repository.git("merge", "--no-edit", "phone", allowFailure: true)
        #expect(merge.status != 0)
        #expect(repository.folder.text("contacts/ann.vcf").contains("<<<<<<<"))
    }

    @Test func aBranchWithABrokenCardIsAConflictAndTheFileKeepsOurCardWithoutMarkers() throws {
        let main = GitMergeScenario.all[0].main
        let scenario = GitMergeScenario(name: "broken", base: GitMergeScenario.all[0].base, main: main,
                                        branch: "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:half saved\r\n", expected: "")
        let repository = try Self.repository(scenario, setUp: true)
        let merge = try repository.git("merge", "--no-edit", "phone", allowFailure: true)
        #expect(merge.status != 0)
        #expect(merge.output.contains("cannot merge: THEIRS"))
        #expect(repository.folder.text("contacts/ann.vcf") == main)
        #expect(try repository.git("status", "--porcelain").output == "UU contacts/ann.vcf\n")
    }

    @Test(arguments: [UInt64(11), 12])
    func randomEditsOnTwoBranchesOfManyCardsAreAllInTheMergedFolder(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let cases = (0..<40).map { MergeCase(number: $0, using: &generator) }
        let repository = try GitTestRepository()
        try FileManager.default.createDirectory(atPath: repository.folder.sub("contacts"), withIntermediateDirectories: true)
        #expect(try repository.cardbox(["git-setup", "--dir", repository.folder.sub("contacts")]).status == 0)
        func files(_ text: (MergeCase) -> String) -> [String: String] {
            Dictionary(uniqueKeysWithValues: cases.enumerated().map { ("contacts/card-\($0.offset).vcf", text($0.element)) })
        }
        try repository.commit(files(\.baseText), message: "Base")
        try repository.git("checkout", "-q", "-b", "theirs")
        try repository.commit(files(\.theirsText), message: "Theirs")
        try repository.git("checkout", "-q", "main")
        try repository.commit(files(\.oursText), message: "Ours")
        let merge = try repository.git("merge", "--no-edit", "theirs", allowFailure: true)
        #expect(merge.status == 0, "\(merge.output)")
        for (number, merge) in cases.enumerated() {
            let bytes = Array(repository.folder.text("contacts/card-\(number).vcf").utf8)
            #expect(try MergeCase.reading(bytes) == merge.expected, "seed \(seed), card \(number)")
            let lines = Set(String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n"))
            #expect(merge.untouchedLines.allSatisfy(lines.contains), "seed \(seed), card \(number)")
        }
    }
}
