import Foundation
import TestSupport
import Testing

/// Runs the built `cardbox` executable and captures what it prints.
func runCardbox(_ arguments: [String], environment: [String: String] = [:], input: [UInt8]? = nil) throws
    -> (status: Int32, stdout: String, stderr: String) {
    let result = try runCardboxBytes(arguments, environment: environment, input: input)
    return (result.status, String(decoding: result.stdout, as: UTF8.self), result.stderr)
}

/// Like ``runCardbox(_:environment:input:)`` with stdout as bytes (for `export`).
func runCardboxBytes(_ arguments: [String], environment: [String: String] = [:], input: [UInt8]? = nil) throws
    -> (status: Int32, stdout: [UInt8], stderr: String) {
    let process = Process()
    process.executableURL = productsDirectory.appendingPathComponent("cardbox")
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CARDBOX_") }
        .merging(environment) { $1 }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    let stdin = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : stdin
    try process.run()
    if let input {
        // Written from another thread: a large input must not block reading the output.
        let handle = stdin.fileHandleForWriting
        Thread.detachNewThread {
            handle.write(Data(input))
            try? handle.close()
        }
    }
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, Array(outData), String(decoding: errData, as: UTF8.self))
}

/// The folder holding the built products (`.build/debug`).
let productsDirectory: URL = {
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("cardbox").path) { return url }
    }
    return URL(fileURLWithPath: ".build/debug")
}()

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite("cardbox check")
struct CheckCommandTests {
    @Test func validFolderExitsZero() throws {
        let folder = repositoryRoot.appendingPathComponent("fixtures/vcard/valid").path
        let result = try runCardbox(["check", "--dir", folder])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("37 contacts, 1 groups, 0 problems"))
    }

    @Test func brokenFolderListsEveryProblemAndExitsOne() throws {
        let folder = repositoryRoot.appendingPathComponent("fixtures/vcard/broken").path
        let result = try runCardbox(["check"], environment: ["CARDBOX_DIR": folder])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 10)
        #expect(lines.contains("\(folder)/no-end.vcf:5: file ends before END:VCARD (card began on line 1)"))
        #expect(lines.allSatisfy { $0.hasPrefix(folder + "/") && $0.split(separator: ":").count >= 3 })
    }

    /// `check` classifies the folder as the server does (one `FolderListing`):
    /// a second file with the same id and a link out of the folder are problems.
    @Test func twoFilesWithOneIDAndLinksOutOfTheFolderAreProblems() throws {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        let outside = TemporaryFolder(prefix: "cardbox-cli-test-")
        folder.write("a.vcf", sampleCard(fn: "Lower"))
        folder.write("a.VCF", sampleCard(fn: "Upper"))
        outside.write("elsewhere.vcf", sampleCard(fn: "Elsewhere"))
        #expect(symlink(outside.sub("elsewhere.vcf"), folder.sub("out.vcf")) == 0)
        #expect(symlink("a.vcf", folder.sub("alias.vcf")) == 0)
        let result = try runCardbox(["check", "--dir", folder.path])
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n") == [
            "\(folder.path)/a.VCF:0: another file has the same id a",
            "\(folder.path)/out.vcf:0: symbolic link to \(outside.sub("elsewhere.vcf")), which is not a file of this folder",
        ])
        #expect(result.stderr.contains("2 contacts, 0 groups, 2 problems"))
    }

    @Test func usageMistakesExitTwo() throws {
        #expect(try runCardbox(["check", "--bogus"]).status == 2)
        #expect(try runCardbox(["check", "--dir"]).status == 2)
        #expect(try runCardbox(["frobnicate"]).status == 2)
        let missing = try runCardbox(["check", "--dir", "/nonexistent/cardbox"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("No such file or directory"))
    }

    @Test func helpAndVersion() throws {
        let help = try runCardbox(["check", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Usage: cardbox check [--dir DIR]"))
        #expect(help.stdout.contains("CARDBOX_DIR"))
        let version = try runCardbox(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("cardbox "))
    }
}
