@testable import ContactStore
import TestSupport
import Testing

@Suite("Which files count, and what check reports (SPEC §1, §1.4)")
struct FolderCheckTests {
    @Test(arguments: [
        ("a.vcf", true), ("UPPER.VCF", true), ("Mixed.Vcf", true), (".hidden.vcf", false), ("x.vcf~", false),
        ("x.vcf.swp", false), (".x.vcf.swp", false), ("x.tmp", false), ("x.vcf8f3kq1", false), (".vcf", false),
        ("notes.txt", false), ("vcf", false),
    ])
    func contactFileNames(name: String, counts: Bool) {
        #expect(ContactFileName.isContactFile(name) == counts)
    }

    @Test func ignoresEverythingThatIsNotAContactFile() throws {
        let folder = TemporaryFolder()
        folder.write("one.vcf", sampleCard(fn: "One"))
        folder.write("TWO.VCF", sampleCard(fn: "Two"))
        for ignored in [".hidden.vcf", "one.vcf~", "one.vcf.swp", "x.tmp", "one.vcf8f3kq1", "sub/three.vcf", ".git/HEAD"] {
            folder.write(ignored, "garbage that would be a problem")
        }
        let report = try FolderCheck.run(directory: folder.path)
        #expect(report.contacts == 2)
        #expect(report.problems.isEmpty)
    }

    @Test func reportsProblemsWithLineAndReason() throws {
        let folder = TemporaryFolder()
        folder.write("good.vcf", sampleCard(fn: "Good"))
        folder.write("no-end.vcf", "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:x\r\n")
        folder.write("two.vcf", sampleCard(fn: "A") + sampleCard(fn: "B"))
        folder.write("bad-line.vcf", "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:x\r\nnot a property\r\nEND:VCARD\r\n")
        let report = try FolderCheck.run(directory: folder.path)
        #expect(report.contacts == 1)
        #expect(report.problems.map(\.file) == ["bad-line.vcf", "no-end.vcf", "two.vcf"])
        #expect(report.problems.map(\.line) == [4, 3, 5])
        #expect(report.problems.allSatisfy { !$0.reason.isEmpty })
    }

    @Test func countsGroupsApartFromContacts() throws {
        let folder = TemporaryFolder()
        folder.write("c.vcf", sampleCard(fn: "C"))
        folder.write("g4.vcf", sampleCard(fn: "Team", extra: ["KIND:group", "MEMBER:urn:uuid:1"]))
        folder.write("g3.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Club\r\nX-ADDRESSBOOKSERVER-KIND:group\r\nEND:VCARD\r\n")
        let report = try FolderCheck.run(directory: folder.path)
        #expect(report.contacts == 1)
        #expect(report.groups == 2)
    }

    @Test func warnsAboutDuplicateUIDsButKeepsBothContacts() throws {
        let folder = TemporaryFolder()
        folder.write("a.vcf", sampleCard(fn: "A", uid: "urn:uuid:same"))
        folder.write("b.vcf", sampleCard(fn: "B", uid: "urn:uuid:same"))
        folder.write("c.vcf", sampleCard(fn: "C", uid: "urn:uuid:other"))
        let report = try FolderCheck.run(directory: folder.path)
        #expect(report.contacts == 3)
        #expect(report.problems.isEmpty)
        #expect(report.warnings.map(\.file) == ["a.vcf", "b.vcf"])
        #expect(report.warnings[0].reason == "duplicate UID urn:uuid:same (also in b.vcf)")
    }

    @Test func missingFolderThrows() {
        #expect(throws: (any Error).self) { try FolderCheck.run(directory: "/nonexistent/cardbox-folder") }
    }
}
