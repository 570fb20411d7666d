@testable import ContactStore
import Foundation
import TestSupport
import Testing
import VCard

/// SPEC §1.1: a crash at any instant leaves the old or the new file, never a
/// torn one, and never a stray non-dot file; the next load removes leftover
/// temporary files.
@Suite("Crash safety")
struct CrashSafetyTests {
    @Test func killingAWriterAtRandomMomentsLeavesEveryFileValid() throws {
        let folder = TemporaryFolder()
        var random = SeededRandom(seed: UInt64(Date().timeIntervalSince1970))
        for _ in 0..<20 {
            let process = Process()
            process.executableURL = benchExecutable
            process.arguments = ["write-loop", "--dir", folder.path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            // Wait until it is writing (it reports every 50 rounds), then kill it at a random moment.
            _ = output.fileHandleForReading.availableData
            usleep(UInt32(random.below(40_000)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)
        }
        let names = folder.fileNames
        #expect(names.contains { $0.hasSuffix(".vcf") })
        for name in names where !name.hasPrefix(".") {
            #expect(name.hasSuffix(".vcf"), "stray file \(name)")
            let bytes = try #require(folder.read(name))
            guard case .contact = CardFile.classify(bytes) else {
                Issue.record("\(name) is not a valid contact after a crash")
                continue
            }
        }
        let store = ContactStore(directory: folder.path)
        try store.load()
        #expect(store.status().problems.isEmpty)
        #expect(store.status().contacts + store.status().deleted == names.filter { !$0.hasPrefix(".") }.count)
        // Loading removed the temporary files of the writes that were killed midway.
        #expect(!folder.fileNames.contains { AtomicFileWriter.isTemporaryName($0) })
    }
}

/// The built `cardbox-bench` executable (its `write-loop` is the crashing writer).
let benchExecutable: URL = {
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    while url.path != "/" {
        url.deleteLastPathComponent()
        let candidate = url.appendingPathComponent("cardbox-bench")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return URL(fileURLWithPath: ".build/debug/cardbox-bench")
}()
