import Foundation
import TestSupport
import Testing
import VCard

/// A 4.0 card of the given lines, CRLF.
private func card(_ lines: String...) -> String {
    (["BEGIN:VCARD", "VERSION:4.0"] + lines + ["END:VCARD"]).joined(separator: "\r\n") + "\r\n"
}

@Suite("cardbox merge-vcard")
struct MergeVCardCommandTests {
    @Test func writesTheMergedCardIntoOursAndExitsZero() throws {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        folder.write("base.vcf", card("FN:Ann", "REV:20260101T000000Z"))
        folder.write("ours.vcf", card("FN:Ann", "EMAIL:a@x.org", "REV:20260102T000000Z"))
        folder.write("theirs.vcf", card("FN:Ann Lee", "REV:20260103T000000Z"))
        let result = try runCardbox(["merge-vcard", folder.sub("base.vcf"), folder.sub("ours.vcf"), folder.sub("theirs.vcf")])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        #expect(folder.text("ours.vcf") == card("FN:Ann Lee", "EMAIL:a@x.org", "REV:20260103T000000Z"))
        #expect(folder.text("theirs.vcf") == card("FN:Ann Lee", "REV:20260103T000000Z"))
    }

    @Test func aSideThatIsNotACardExitsOneAndLeavesOursAsItWas() throws {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        let ours = card("FN:Ann", "EMAIL:a@x.org")
        folder.write("base.vcf", card("FN:Ann"))
        folder.write("ours.vcf", ours)
        folder.write("theirs.vcf", "<<<<<<< HEAD\nFN:Ann\n=======\n")
        let result = try runCardbox(["merge-vcard", folder.sub("base.vcf"), folder.sub("ours.vcf"), folder.sub("theirs.vcf")])
        #expect(result.status == 1)
        #expect(result.stderr == "cardbox merge-vcard: cannot merge: THEIRS \(folder.sub("theirs.vcf")):1: "
                + "not a vCard (expected BEGIN:VCARD); \(folder.sub("ours.vcf")) left as it was\n")
        #expect(folder.text("ours.vcf") == ours)
    }

    @Test func wrongArgumentsExitTwo() throws {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        #expect(try runCardbox(["merge-vcard", folder.sub("a"), folder.sub("b")]).status == 2)
        let missing = try runCardbox(["merge-vcard", folder.sub("a"), folder.sub("b"), folder.sub("c")])
        #expect(missing.status == 2)
        #expect(missing.stderr == "cardbox merge-vcard: cannot read \(folder.sub("a"))\n")
    }

    @Test func helpShowsUsageAndExamples() throws {
        let result = try runCardbox(["merge-vcard", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Usage: cardbox merge-vcard BASE OURS THEIRS"))
        #expect(result.stdout.contains("merge-vcard %O %A %B"))
    }
}
