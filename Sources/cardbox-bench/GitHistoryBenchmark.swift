import GitFolder
import Platform

/// `cardbox-bench git-history --dir DIR [--commits N] [--contacts M] [--runs R]`:
/// the time to list one contact's history (SPEC §9: 10,000 commits in the
/// repository, one contact's history under 100 ms) and to read one version.
/// When DIR does not exist yet it is made a repository of N commits (default
/// 10,000), each changing one of M contacts in `contacts/` (default 1,000)
/// in turn, written with `git fast-import`.
enum GitHistoryBenchmark {
    static func run(_ arguments: [String]) throws {
        let directory = try Bench.requiredDirectory(arguments)
        let commits = Int(Bench.option("commits", in: arguments) ?? "10000") ?? 10_000
        let contacts = Int(Bench.option("contacts", in: arguments) ?? "1000") ?? 1000
        let runs = Int(Bench.option("runs", in: arguments) ?? "50") ?? 50
        let git = Git(directory: directory)
        if !(try git.run(["rev-parse", "--verify", "--quiet", "HEAD"]).succeeded) {
            let seconds = try Bench.time { try makeRepository(git, commits: commits, contacts: contacts) }
            print("made \(directory): \(commits) commits over \(contacts) contacts in \(Bench.format(seconds, decimals: 1)) s")
        }
        let history = GitHistory(directory: directory + "/contacts")
        var listed: [GitVersion] = []
        let cold = try Bench.time { listed = try history.versions(of: "c0.vcf").page } * 1000
        print("first history request (walks all \(commits) commits once): \(Bench.format(cold)) ms")
        var samples: [Double] = []
        for _ in 0..<runs { samples.append(try Bench.time { listed = try history.versions(of: "c0.vcf").page } * 1000) }
        samples.sort()
        print("history of c0.vcf (\(listed.count) versions): p50 \(Bench.format(Bench.percentile(samples, 50))) ms, "
              + "p99 \(Bench.format(Bench.percentile(samples, 99))) ms, max \(Bench.format(samples.last ?? 0)) ms")
        guard let oldest = listed.last else { return }
        var versionSamples: [Double] = []
        for _ in 0..<runs { versionSamples.append(try Bench.time { _ = try history.file("c0.vcf", at: oldest.commit) } * 1000) }
        versionSamples.sort()
        print("one version of c0.vcf: p50 \(Bench.format(Bench.percentile(versionSamples, 50))) ms, "
              + "p99 \(Bench.format(Bench.percentile(versionSamples, 99))) ms")
    }

    /// A repository whose commit `i` changes `contacts/c<i mod contacts>.vcf`, built by one `git fast-import`.
    static func makeRepository(_ git: Git, commits: Int, contacts: Int) throws {
        try FileSystem.makeDirectory(git.directory)
        guard try git.run(["init", "-q", "-b", "main"]).succeeded else { throw Bench.Failure(description: "git init failed") }
        var stream: [UInt8] = []
        stream.reserveCapacity(commits * 400)
        func data(_ text: String) {
            stream += Array("data \(text.utf8.count)\n".utf8) + Array(text.utf8) + [0x0A]
        }
        for index in 0..<commits {
            let contact = index % contacts
            let name = "Contact \(contact)"
            stream += Array("commit refs/heads/main\nmark :\(index + 1)\ncommitter Bench <bench@example.org> \(1_700_000_000 + index) +0000\n".utf8)
            data("Update \(name)\n\nCardbox-Origin: api\nCardbox-Id: c\(contact)\n")
            if index > 0 { stream += Array("from :\(index)\n".utf8) }
            stream += Array("M 100644 inline contacts/c\(contact).vcf\n".utf8)
            data("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:c\(contact)\r\nFN:\(name)\r\nNOTE:revision \(index)\r\nEND:VCARD\r\n")
        }
        let imported = try git.run(["fast-import", "--quiet"], input: stream)
        guard imported.succeeded else { throw Bench.Failure(description: "git fast-import failed: \(imported.errors)") }
        guard try git.run(["reset", "-q", "--hard"]).succeeded else { throw Bench.Failure(description: "git reset failed") }
    }
}
