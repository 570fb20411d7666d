import Foundation
import Glibc
import Platform
import Testing
@testable import ContactStore

/// Change storms and lost events (SPEC §4): a `git checkout` of another branch,
/// an inotify queue overflow. Each ends with the index equal to the folder and
/// one event per contact that actually changed.
@Suite("FolderWatcher storms", .serialized)
struct FolderWatcherStormTests {
    static let contactCount = 2_000
    static let changedCount = 500
    static let removedCount = 7
    static let addedCount = 9

    static func name(_ number: Int) -> String { "c\(number).vcf" }

    @Test func gitCheckoutBackAndForthGivesOneEventPerChangedContact() throws {
        let watched = try WatchedFolder(start: false)
        let git = Git(directory: watched.path)
        for number in 0..<Self.contactCount {
            watched.write(Self.name(number), stableCard(fn: "Person \(number)", extra: ["EMAIL:p\(number)@example.com"]))
        }
        try git.run("init", "-q")
        try git.run("add", "-A")
        try git.run("commit", "-q", "-m", "base")
        let base = try git.output("rev-parse", "--abbrev-ref", "HEAD")
        try git.run("checkout", "-q", "-b", "other")
        // Every fourth contact changes; a few are removed, a few added.
        let changed = (0..<Self.changedCount).map { $0 * 4 }
        for number in changed {
            watched.write(Self.name(number), stableCard(fn: "Person \(number) (other)", extra: ["EMAIL:p\(number)@example.com"]))
        }
        let removed = (0..<Self.removedCount).map { $0 * 4 + 1 }
        for number in removed { try watched.remove(Self.name(number)) }
        let added = (0..<Self.addedCount).map { Self.contactCount + $0 }
        for number in added { watched.write(Self.name(number), stableCard(fn: "Added \(number)")) }
        try git.run("add", "-A")
        try git.run("commit", "-q", "-m", "other")
        try git.run("checkout", "-q", base)

        try watched.store.load()
        try watched.watcher.start()
        let changedIDs = Set(changed.map { "c\($0)" })
        for round in 0..<4 {
            let toOther = round % 2 == 0
            let started = WallClock.monotonicNanoseconds()
            try git.run("checkout", "-q", toOther ? "other" : base)
            let checkedOut = WallClock.monotonicNanoseconds()
            watched.settle()
            let settled = WallClock.monotonicNanoseconds()
            print("checkout \(round + 1): git \((checkedOut - started) / 1_000_000) ms, index settled \((settled - checkedOut) / 1_000_000) ms later")

            let events = watched.recorder.take()
            let byKind = Dictionary(grouping: events, by: \.summaryKind).mapValues { Set($0.map(\.contact.id)) }
            #expect(events.count == Self.changedCount + Self.removedCount + Self.addedCount, "round \(round + 1)")
            #expect(events.allSatisfy { $0.origin == .file })
            #expect(byKind["updated"] == changedIDs)
            let removedIDs = Set(removed.map { "c\($0)" }), addedIDs = Set(added.map { "c\($0)" })
            #expect(byKind["deleted permanent"] == (toOther ? removedIDs : addedIDs))
            #expect(byKind["created"] == (toOther ? addedIDs : removedIDs))
            #expect(try indexEqualsFolder(watched.store), "round \(round + 1)")
            #expect(watched.store.status().problems == [])
        }
        #expect(watched.watcher.overflowRescanCount == 0)
    }

    /// A file rewritten as unlink + create (as git does) must not become a
    /// delete and a create when a forced batch falls between the two: a file
    /// missing during a storm is decided once the folder is quiet. The quiet
    /// period is widened so a stalled test thread cannot end the storm early.
    @Test func aFileMissingMidStormIsDecidedOnceQuiet() throws {
        let watched = try WatchedFolder(files: ["x.vcf": stableCard(fn: "X")],
                                        quietPeriod: .milliseconds(40), maximumDelay: .milliseconds(60))
        let start = ContinuousClock.now
        try watched.remove("x.vcf")
        var filler = 0
        var recreated = false
        // A continuous storm (a write per millisecond, for storm generation only)
        // long enough for at least two forced batches.
        while ContinuousClock.now - start < .milliseconds(200) {
            watched.write("filler\(filler).vcf", stableCard(fn: "Filler \(filler)"))
            filler += 1
            if !recreated, ContinuousClock.now - start > .milliseconds(150) {
                watched.write("x.vcf", stableCard(fn: "X rewritten"))
                recreated = true
            }
            usleep(1_000)
        }
        watched.settle()
        let events = watched.takeEvents()
        #expect(events.filter { $0.contains(" x ") } == ["contact.updated x file"])
        #expect(events.count == filler + 1)
        #expect(try indexEqualsFolder(watched.store))
    }

    /// Stalls the watcher (its change handler blocks on the change for
    /// `gate.vcf`), runs `changes`, then floods the kernel queue past
    /// `max_queued_events` with names that are not contact files, so the kernel
    /// itself drops the queued events and reports `IN_Q_OVERFLOW`.
    static func overflowWhileStalled(_ watched: WatchedFolder, _ changes: () throws -> Void) throws {
        let limitText = try String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8)
        let limit = try #require(Int(limitText.trimmingCharacters(in: .whitespacesAndNewlines)))
        try #require(limit <= 65_536, "max_queued_events is \(limit): too many files to write in a test")
        watched.recorder.holdNextChange()
        watched.write("gate.vcf", stableCard(fn: "Gate"))
        try #require(watched.recorder.waitUntilHeld())
        try changes()
        // Each new file queues IN_CREATE, IN_MODIFY and IN_CLOSE_WRITE.
        for number in 0..<(limit / 3 + 200) { watched.write("flood\(number).tmp", "not a contact") }
        watched.recorder.release()
    }

    @Test func anOverflowWhileEditsAreQueuedRescansTheFolder() throws {
        var files: [String: String] = [:]
        for number in 0..<20 { files[Self.name(number)] = stableCard(fn: "Person \(number)") }
        let watched = try WatchedFolder(files: files)
        try Self.overflowWhileStalled(watched) {
            watched.write(Self.name(3), stableCard(fn: "Person 3 edited"))
            try watched.remove(Self.name(4))
            try watched.rename(Self.name(5), "renamed.vcf")
            watched.write("new.vcf", stableCard(fn: "New"))
            watched.write(Self.name(6), stableCard(fn: "Person 6", extra: ["X-DELETED-AT:20260301T120000Z"]))
            watched.write(Self.name(7), stableCard(fn: "Person 7")) // same bytes: no change
        }
        watched.settle()
        #expect(watched.takeEvents().sorted() == [
            "contact.created gate file",
            "contact.created new file", "contact.created renamed file", "contact.deleted c4 permanent file",
            "contact.deleted c5 permanent file", "contact.deleted c6 file", "contact.updated c3 file",
        ])
        #expect(watched.watcher.overflowRescanCount == 1)
        #expect(try indexEqualsFolder(watched.store))

        watched.write("after.vcf", stableCard(fn: "After"))
        watched.settle()
        #expect(watched.takeEvents() == ["contact.created after file"])
    }

    /// Fills the real kernel queue with contact files while the watcher is
    /// stalled, so the kernel itself reports `IN_Q_OVERFLOW`.
    @Test func aRealQueueOverflowRescansTheFolder() throws {
        let limitText = try String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8)
        let limit = try #require(Int(limitText.trimmingCharacters(in: .whitespacesAndNewlines)))
        try #require(limit <= 65_536, "max_queued_events is \(limit): too many files to write in a test")
        let watched = try WatchedFolder(files: ["kept.vcf": stableCard(fn: "Kept")])
        watched.recorder.holdNextChange()
        watched.write("gate.vcf", stableCard(fn: "Gate"))
        try #require(watched.recorder.waitUntilHeld())
        // Each new file queues IN_CREATE, IN_MODIFY and IN_CLOSE_WRITE.
        let count = limit / 3 + 200
        for number in 0..<count { watched.write(Self.name(number), stableCard(fn: "Flood \(number)")) }
        try watched.remove("kept.vcf")
        watched.recorder.release()
        watched.settle()
        let events = watched.takeEvents().filter { $0 != "contact.created gate file" }
        #expect(watched.watcher.overflowRescanCount >= 1)
        #expect(events.count == count + 1)
        #expect(events.filter { $0.hasPrefix("contact.created c") }.count == count)
        #expect(events.contains("contact.deleted kept permanent file"))
        #expect(try indexEqualsFolder(watched.store))
    }
}

extension StoreChange {
    /// "updated", "deleted permanent", …
    var summaryKind: String {
        String(kind.rawValue.dropFirst("contact.".count)) + (permanent ? " permanent" : "")
    }
}

/// Runs git in one folder, with an identity and no user or system configuration.
struct Git {
    let directory: String

    func run(_ arguments: String...) throws {
        _ = try execute(arguments)
    }

    func output(_ arguments: String...) throws -> String {
        try execute(arguments).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func execute(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=Cardbox Test", "-c", "user.email=test@cardbox.invalid",
                             "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", "-c", "core.autocrlf=false"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")) failed")
        return String(decoding: data, as: UTF8.self)
    }
}
