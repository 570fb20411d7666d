@testable import ContactStore
import TestSupport
import Testing
import VCard

@Suite("Importing into a folder")
struct FolderImportTests {
    @Test func cardsBecomeFilesAndDuplicatesAreSkipped() throws {
        let folder = TemporaryFolder()
        folder.write("existing.vcf", sampleCard(fn: "Existing", uid: "urn:uuid:59d0ebab-bda4-47fb-a81b-37cc1b65cc9d"))
        folder.write("broken.vcf", "not a card")
        let mixed = try #require(fixtureBytes("multi/mixed-versions.vcf"))
        let report = try FolderImport.run([.init(name: "mixed.vcf", bytes: mixed)], into: folder.path, replace: false)
        #expect(report.imported == 2)
        #expect(report.skipped == 1)
        #expect(report.outcomes.map(\.line) == [1, 8, 15])
        #expect(folder.read("broken.vcf") == Array("not a card".utf8))
        let check = try FolderCheck.run(directory: folder.path)
        #expect(check.contacts == 3)
        #expect(check.problems.map(\.file) == ["broken.vcf"])
        #expect(!folder.fileNames.contains { $0.hasPrefix(".") })
    }

    @Test func replaceKeepsTheExistingFileName() throws {
        let folder = TemporaryFolder()
        folder.write("existing.vcf", sampleCard(fn: "Old", uid: "urn:uuid:59d0ebab-bda4-47fb-a81b-37cc1b65cc9d"))
        let mixed = try #require(fixtureBytes("multi/mixed-versions.vcf"))
        let report = try FolderImport.run([.init(name: "mixed.vcf", bytes: mixed)], into: folder.path, replace: true)
        #expect(report.replaced == 1)
        #expect(report.outcomes.last?.result == .replaced(fileName: "existing.vcf"))
        let text = String(decoding: folder.read("existing.vcf") ?? [], as: UTF8.self)
        #expect(text.contains("FN:Olga Ivanova\r\n"))
        #expect(text.contains("X-SOURCE:import\r\n"))
    }
}
