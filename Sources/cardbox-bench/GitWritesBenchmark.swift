import ContactStore
import Foundation
import GitFolder
import HTTPTestSupport
import Platform

/// `cardbox-bench git-writes [--dir DIR] [--writes N]` (SPEC §6, `--git`: write
/// latency unchanged, 1,000 API writes all committed within 5 s of the last).
///
/// Makes two identical git repositories in a temporary folder — copies of DIR,
/// or 1,000 generated contacts (``CorpusCommand``, seed 42) — each with one
/// commit of every file. Then runs N API writes (default 1,000; in turn a
/// create, a one-field patch of an existing contact and a soft delete of the
/// contact just created) one at a time over one HTTP keep-alive connection,
/// once on each repository: first served without `--git`, then with the
/// committer wired as `cardbox serve --git` wires it (``ServedStore``). It
/// prints p50/p99/max of the answers of both runs side by side; for the `--git`
/// run, the time from the last answer until the committer has nothing pending
/// (polled every millisecond), then checks with `git status` that every change
/// is committed and counts the commits made. The temporary folder is removed.
enum GitWritesBenchmark {
    static let author = "Cardbox Bench <bench@example.invalid>"

    static func run(_ arguments: [String]) throws {
        let source = Bench.option("dir", in: arguments)
        let writes = Int(Bench.option("writes", in: arguments) ?? "1000") ?? 1000
        print("load average at start: \(Bench.loadAverage())")
        let scratch = FileManager.default.temporaryDirectory.path + "/cardbox-git-writes-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let plainFolder = scratch + "/plain", gitFolder = scratch + "/git"
        for folder in [plainFolder, gitFolder] {
            let seconds = try Bench.time { try makeRepository(folder, from: source) }
            print("made \(folder) (\(source.map { "a copy of \($0)" } ?? "1,000 generated contacts")), one commit, "
                  + "in \(Bench.format(seconds, decimals: 1)) s")
        }
        // The copies and git's objects are flushed first, so their writeback does not land in the timings.
        _ = try ChildProcess.run(["sync"], environment: ["PATH=/usr/bin:/bin"])
        let plain = try measure(ServedFolder(directory: plainFolder), writes: writes)
        guard let author = GitAuthor(author) else { throw Bench.Failure(description: "bad bench author") }
        let committer = GitCommitter(directory: gitFolder, author: author, log: { print("git: \($0)") })
        let withGit = try measure(ServedFolder(directory: gitFolder, committer: committer), writes: writes)

        print("\(writes) API writes over HTTP keep-alive, one at a time (request out → answer in):")
        print("  " + pad("", 24) + pad("without --git", 44) + "with --git")
        for (name, without, with) in zip3(plain.names, plain.latencies, withGit.latencies) {
            print("  " + pad("\(name) (\(without.count))", 24) + pad(without.summary(decimals: 2), 44) + with.summary(decimals: 2))
        }
        let settle = try waitUntilCommitted(committer, after: withGit.lastAnswer)
        let git = Git(directory: gitFolder)
        let status = try git.run(["status", "--porcelain", "--untracked-files=all"])
        let commits = Int(try git.run(["rev-list", "--count", "HEAD"]).text).map { $0 - 1 } ?? -1
        print("--git: every change committed \(Bench.format(settle * 1000, decimals: 0)) ms after the last answer "
              + "(the committer's pending count reached 0), in \(commits) commit(s); "
              + (status.succeeded && status.output.isEmpty ? "git status clean" : "git status NOT clean: \(status.text.prefix(300))"))
        print("load average at end: \(Bench.loadAverage())")
    }

    /// The latencies of one run, in the order of ``kinds``, and when its last answer came.
    struct Run {
        let names: [String]
        let latencies: [Latencies]
        let lastAnswer: ContinuousClock.Instant
    }

    /// Loads `folder`, serves it and times `writes` writes through the API.
    static func measure(_ folder: ServedFolder, writes: Int) throws -> Run {
        try folder.store.load()
        var oldest = ContactQuery()
        oldest.sort = .createdAt
        oldest.limit = writes / 3 + 1
        let existing = folder.store.query(oldest).entries.map(\.id)
        guard !existing.isEmpty else { throw Bench.Failure(description: "the folder has no live contact to patch") }
        let server = try folder.serve()
        defer { server.stop() }
        let writer = WriteLatencies.overHTTP(try HTTPTestClient(port: server.boundPort))
        var all = Latencies(capacity: writes), creates = Latencies(), patches = Latencies(), deletes = Latencies()
        var created: String?
        for index in 0..<writes {
            let milliseconds: Double
            switch index % 3 {
            case 0: milliseconds = try Bench.time { created = try writer.create(index) } * 1000
            case 1: milliseconds = try Bench.time { try writer.patch(existing[(index / 3) % existing.count], "git bench \(index)") } * 1000
            default:
                guard let id = created else { throw Bench.Failure(description: "nothing created to delete") }
                milliseconds = try Bench.time { try writer.softDelete(id) } * 1000
            }
            all.add(milliseconds: milliseconds)
            switch index % 3 {
            case 0: creates.add(milliseconds: milliseconds)
            case 1: patches.add(milliseconds: milliseconds)
            default: deletes.add(milliseconds: milliseconds)
            }
        }
        return Run(names: ["all writes", "create", "patch (one field)", "soft delete"], latencies: [all, creates, patches, deletes],
                   lastAnswer: ContinuousClock.now)
    }

    /// Seconds from `lastAnswer` until `committer` has committed every change (gives up after 60 s).
    static func waitUntilCommitted(_ committer: GitCommitter, after lastAnswer: ContinuousClock.Instant) throws -> Double {
        let deadline = lastAnswer + .seconds(60)
        while committer.pendingChanges > 0 {
            guard ContinuousClock.now < deadline else { throw Bench.Failure(description: "changes still uncommitted 60 s after the last answer") }
            Thread.sleep(forTimeInterval: 0.001)
        }
        let elapsed = ContinuousClock.now - lastAnswer
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// `folder` as a git repository (branch `main`) whose one commit holds every
    /// file: a copy of `source`, or 1,000 generated contacts. The objects are
    /// then packed, as in any repository that was cloned or has been used for a
    /// while: left loose, 100,000 of them start git's automatic `gc` in the
    /// background of the first commit, and it runs through the measured ones.
    static func makeRepository(_ folder: String, from source: String?) throws {
        if let source {
            let copied = try ChildProcess.run(["cp", "-r", source, folder], environment: ["PATH=/usr/bin:/bin"])
            guard copied.status == 0 else { throw Bench.Failure(description: "cp -r \(source): \(String(decoding: copied.errors, as: UTF8.self))") }
        } else {
            _ = try CorpusCommand.write(count: 1000, seed: 42, to: folder)
        }
        let git = Git(directory: folder)
        let identity = ["-c", "user.name=Cardbox Bench", "-c", "user.email=bench@example.invalid"]
        for step in [["init", "-q", "-b", "main"], ["add", "-A"], identity + ["-c", "gc.auto=0", "commit", "-q", "-m", "Contacts"], ["gc", "-q"]] {
            let result = try git.run(step)
            guard result.succeeded else { throw Bench.Failure(description: "git \(step.joined(separator: " ")): \(result.errors)") }
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    private static func zip3<A, B, C>(_ a: [A], _ b: [B], _ c: [C]) -> [(A, B, C)] {
        zip(a, zip(b, c)).map { ($0, $1.0, $1.1) }
    }
}
