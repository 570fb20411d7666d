import Synchronization
import VCard

/// The versions of one contact file in the git history of the folder (SPEC §9):
/// `GET /contacts/:id/history`, `…/history/:commit` and the reading half of revert.
/// Works in any git work tree, `--git` or not; the file is followed by its
/// name only (no `--follow`): a file renamed by hand is a new contact whose
/// history starts at the rename.
///
/// Fast on long histories: a path-limited `git log` diffs every commit's tree
/// (about 0.1–0.2 s of CPU for 10,000 commits), so the first request walks the
/// history once and keeps, for every file of the folder, the commits that
/// changed it; later requests only walk the commits added since (HEAD moved on)
/// and read the details of the commits of the page they show.
public final class GitHistory: Sendable {
    /// Which commits changed which file, as of `head`.
    struct FileCommits: Sendable {
        let head: String
        /// File name (relative to the folder) → commits that changed it, newest first.
        var commits: [String: [String]]
    }

    let git: Git
    private let known = Mutex<FileCommits?>(nil)

    /// The history of the folder `directory` (which may be a subfolder of the work tree).
    public init(directory: String) {
        git = Git(directory: directory)
    }

    /// The commits that changed `fileName` (relative to the folder), newest
    /// first, with `total` counting them all and the details read only for
    /// `limit` of them from `offset` on.
    public func versions(of fileName: String, offset: Int = 0, limit: Int = Int.max) throws(GitHistoryError) -> (total: Int, page: [GitVersion]) {
        let all = try commits(changing: fileName)
        let page = Array(all.dropFirst(offset).prefix(limit))
        guard !page.isEmpty else { return (all.count, []) }
        let result = try run(["show", "-s", "-z", "--format=%H%x1f%at%x1f%an <%ae>%x1f%B"] + page)
        guard result.succeeded else { throw .failed("git show failed: \(result.errors)") }
        let versions: [GitVersion] = result.output.split(separator: 0).compactMap { record in
            let fields = record.split(separator: 0x1F, maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4, let seconds = Int64(String(decoding: fields[1], as: UTF8.self)) else { return nil }
            var message = String(decoding: fields[3], as: UTF8.self)
            while message.hasSuffix("\n") { message.removeLast() }
            return GitVersion(commit: String(decoding: fields[0], as: UTF8.self),
                              at: VCardTimestamp(secondsSince1970: seconds),
                              author: String(decoding: fields[2], as: UTF8.self), message: message)
        }
        // `git show` may order several commits by date: keep the order of the walk.
        var byCommit: [String: GitVersion] = [:]
        for version in versions { byCommit[version.commit] = version }
        return (all.count, page.compactMap { byCommit[$0] })
    }

    /// The file names in the history (relative to the folder) for which
    /// `matches` holds, sorted: how a contact whose file is gone finds the name
    /// it had (`Ana.VCF`, not only `<id>.vcf`).
    public func fileNames(where matches: (String) -> Bool) throws(GitHistoryError) -> [String] {
        _ = try commits(changing: "")
        return (known.withLock { $0?.commits.keys.filter(matches) } ?? []).sorted()
    }

    /// Walks the history once now (`cardbox serve` does it in the background at
    /// start), so the first history request is as fast as the next ones.
    /// Outside a git work tree it does nothing.
    public func prepare() {
        _ = try? commits(changing: "")
    }

    /// The commits that changed `fileName`, newest first, from the kept map
    /// brought up to date with HEAD.
    func commits(changing fileName: String) throws(GitHistoryError) -> [String] {
        let headResult = try run(["rev-parse", "--verify", "--quiet", "HEAD"])
        guard headResult.succeeded else {
            try requireWorkTree()
            return []  // a repository without a first commit has no history yet
        }
        let head = headResult.text
        let cached = known.withLock { $0 }
        if let cached, cached.head == head { return cached.commits[fileName] ?? [] }
        var updated = FileCommits(head: head, commits: [:])
        if let cached, try run(["merge-base", "--is-ancestor", cached.head, head]).succeeded {
            // Only the new commits are walked; their changes go in front of what is known.
            updated.commits = cached.commits
            let added = try changedFiles(range: cached.head + ".." + head)
            for (name, commits) in added { updated.commits[name] = commits + (updated.commits[name] ?? []) }
        } else {
            updated.commits = try changedFiles(range: head)
        }
        known.withLock { $0 = updated }
        return updated.commits[fileName] ?? []
    }

    /// One walk of `range`: every file of the folder it changed → the commits, newest first.
    private func changedFiles(range: String) throws(GitHistoryError) -> [String: [String]] {
        let result = try run(["log", "-z", "--format=%x01%H", "--name-only", "--no-renames", "--relative", range, "--"])
        guard result.succeeded else { throw .failed("git log failed: \(result.errors)") }
        var files: [String: [String]] = [:]
        var commit = ""
        for token in result.output.split(separator: 0) {
            if token.first == 0x01 {
                commit = String(decoding: token.dropFirst(), as: UTF8.self)
            } else {
                let name = String(decoding: token.drop(while: { $0 == 0x0A }), as: UTF8.self)
                if !name.isEmpty { files[name, default: []].append(commit) }
            }
        }
        return files
    }

    /// The bytes of `fileName` in `commit` and that commit's full id and date;
    /// nil when the commit is unknown or has no such file.
    /// `commit` must already be a ``isCommitID(_:)`` (hex only: never an option).
    public func file(_ fileName: String, at commit: String) throws(GitHistoryError) -> (commit: String, at: VCardTimestamp, bytes: [UInt8])? {
        precondition(Self.isCommitID(commit), "commit ids are validated by the caller")
        let found = try run(["show", "-s", "--format=%H%x1f%at", "--end-of-options", commit + "^{commit}", "--"])
        guard found.succeeded else {
            try requireWorkTree()
            return nil
        }
        let fields = found.text.split(separator: "\u{1F}")
        guard fields.count == 2, let seconds = Int64(fields[1]) else { throw .failed("git show printed '\(found.text)'") }
        let full = String(fields[0])
        let blob = try run(["cat-file", "blob", full + ":./" + fileName])
        guard blob.succeeded else { return nil }
        return (full, VCardTimestamp(secondsSince1970: seconds), blob.output)
    }

    /// True for what a commit id may be in a request: 4 to 64 hex digits.
    public static func isCommitID(_ text: String) -> Bool {
        (4...64).contains(text.utf8.count) && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0) }
    }

    /// A pathspec matching exactly the file `name` in the folder (no glob magic).
    static func pathspec(_ name: String) -> String { ":(literal)" + name }

    private func requireWorkTree() throws(GitHistoryError) {
        let inside = try run(["rev-parse", "--is-inside-work-tree"])
        guard inside.succeeded, inside.text == "true" else { throw .notARepository }
    }

    private func run(_ arguments: [String]) throws(GitHistoryError) -> Git.Result {
        do {
            return try git.run(arguments)
        } catch {
            throw .notARepository
        }
    }
}

/// One commit in a contact's history.
public struct GitVersion: Sendable, Equatable {
    /// The full commit id.
    public let commit: String
    /// The author date.
    public let at: VCardTimestamp
    /// `Name <email>`.
    public let author: String
    /// The whole commit message, trailers included.
    public let message: String
}

/// Why a history could not be read.
public enum GitHistoryError: Error, Equatable, Sendable {
    /// The folder is not in a git work tree, or git is missing (409 `NOT_A_GIT_REPOSITORY`).
    case notARepository
    /// git failed for another reason (500).
    case failed(String)
}
