import Foundation
import TestSupport
import Testing

@Suite("cardbox git-setup")
struct GitSetupCommandTests {
    @Test func registersTheDriverAndTheAttributesLineOnceAndKeepsTheUsersOtherLines() throws {
        let repository = try GitTestRepository()
        try FileManager.default.createDirectory(atPath: repository.folder.sub("contacts"), withIntermediateDirectories: true)
        repository.folder.write("contacts/.gitattributes", "*.png binary\n*.txt text")
        let first = try repository.cardbox(["git-setup", "--dir", repository.folder.sub("contacts")])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(repository.folder.text("contacts/.gitattributes") == "*.png binary\n*.txt text\n*.vcf merge=vcard\n")

        let second = try repository.cardbox(["git-setup", "--dir", repository.folder.sub("contacts")])
        #expect(second.status == 0)
        #expect(second.stdout.contains("already has '*.vcf merge=vcard'"))
        #expect(repository.folder.text("contacts/.gitattributes") == "*.png binary\n*.txt text\n*.vcf merge=vcard\n")

        // A driver registered twice by hand is replaced by one.
        try repository.git("config", "--add", "merge.vcard.driver", "old-cardbox merge-vcard %O %A %B")
        #expect(try repository.cardbox(["git-setup", "--dir", repository.folder.sub("contacts")]).status == 0)
        let binary = productsDirectory.appendingPathComponent("cardbox").resolvingSymlinksInPath().path
        #expect(try repository.git("config", "--get-all", "merge.vcard.driver").output == "\(binary) merge-vcard %O %A %B\n")
        #expect(try repository.git("config", "--get-all", "merge.vcard.name").output.hasPrefix("Cardbox vCard merge"))
        #expect(try repository.git("check-attr", "merge", "--", "contacts/a.vcf").output == "contacts/a.vcf: merge: vcard\n")
    }

    @Test func withoutDirItSetsUpTheContactsFolderOfTheWorkingDirectory() throws {
        let repository = try GitTestRepository()
        try FileManager.default.createDirectory(atPath: repository.folder.sub("contacts"), withIntermediateDirectories: true)
        let result = try runCardboxIn(repository, ["git-setup"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(repository.folder.text("contacts/.gitattributes") == "*.vcf merge=vcard\n")
    }

    @Test func aFolderOutsideAnyGitWorkTreeExitsTwoWithOneLine() throws {
        let repository = try GitTestRepository(initialize: false)
        let result = try repository.cardbox(["git-setup", "--dir", repository.path])
        #expect(result.status == 2)
        #expect(result.stderr == "cardbox git-setup: \(repository.path) is not in a git work tree\n")
        #expect(!FileManager.default.fileExists(atPath: repository.folder.sub(".gitattributes")))
    }

    @Test func aMissingFolderExitsTwo() throws {
        let repository = try GitTestRepository()
        let result = try repository.cardbox(["git-setup", "--dir", repository.folder.sub("nowhere")])
        #expect(result.status == 2)
        #expect(result.stderr.hasSuffix("is not a folder\n"))
    }

    @Test func helpShowsUsageAndExamples() throws {
        let result = try runCardbox(["git-setup", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Usage: cardbox git-setup [--dir DIR]"))
        #expect(result.stdout.contains("Examples:"))
    }
}

/// Runs `cardbox` with the repository as the working directory (for the default `--dir`).
private func runCardboxIn(_ repository: GitTestRepository, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = productsDirectory.appendingPathComponent("cardbox")
    process.arguments = arguments
    process.environment = repository.environment
    process.currentDirectoryURL = URL(fileURLWithPath: repository.path)
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}
