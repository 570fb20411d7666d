import Foundation
import TestSupport
import Testing

@Suite("cardbox duplicates")
struct DuplicatesCommandTests {
    @Test("Prints each group with its score, reasons and files, and exits 0")
    func printsGroups() throws {
        let directory = repositoryRoot.appendingPathComponent("fixtures/duplicates").path
        let result = try runCardbox(["duplicates", "--dir", directory])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "score 0.98: same email ana@acme.example, same phone +34612345678, same name, same company")
        #expect(lines.dropFirst().map { $0.split(separator: " ").first.map(String.init) ?? "" }
                == ["google-export-ana.vcf", "handwritten-4.0-ana.vcf", "iphone-3.0-ana.vcf", "outlook-2.1-ana.vcf"])
        #expect(result.stderr.contains("1 groups of likely duplicates among 8 contacts"))
    }

    @Test("An empty folder has no groups; an unknown default country is a usage error")
    func emptyFolderAndBadCountry() throws {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        let empty = try runCardbox(["duplicates", "--dir", folder.path, "--default-country", "de"])
        #expect(empty.status == 0)
        #expect(empty.stdout.isEmpty)
        let bad = try runCardbox(["duplicates", "--dir", folder.path, "--default-country", "Narnia"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--default-country must be one of"))
        #expect(try runCardbox(["duplicates", "--help"]).stdout.contains("Usage: cardbox duplicates [--dir DIR] [--default-country C]"))
    }
}
