import ContactStore
import Dispatch
import Foundation
import Synchronization

/// `--git` (SPEC §9): commits every change Cardbox writes, after the answer.
///
/// It is a ``StoreChangeSink`` (fed next to the event hub): ``publish(_:)``
/// only queues the change, so the API never waits for git. A serial queue
/// commits what has gathered a moment later — one commit per change, a burst in
/// one commit — with `git add` and `git commit --only` limited to the files
/// Cardbox wrote: whatever the user staged or changed in other files stays as
/// it was. Changes found in the folder (origin `file`) are the user's to
/// commit and are ignored. When git fails (no identity, a locked index, a full
/// disk) the failure is logged and the same changes are tried again with a
/// growing delay; the files on disk are never touched.
///
/// git runs at background CPU priority (``ChildProcess/Priority/background``):
/// on a machine with few cores it would otherwise take a core from the writer
/// and the event loop while they answer the next request.
public final class GitCommitter: StoreChangeSink {
    private struct State {
        var pending: [StoreChange] = []
        var scheduled = false
        var failures = 0
    }

    private let git: Git
    private let log: @Sendable (String) -> Void
    private let gather: Double
    private let state = Mutex(State())
    /// The one serial lane of every git command that changes the repository:
    /// these commits, and the rounds of ``GitSync`` when `--git-sync` is on, so
    /// two of them never meet at `.git/index.lock`.
    let lane = DispatchQueue(label: "cardbox.git.lane")

    /// A committer for the folder `directory`. `author` (`Name <email>`, from
    /// `--git-author`) is used as author and committer; nil takes git's own
    /// configuration. `log` receives each failure; `gather` is how long a
    /// change waits for others to join its commit, in seconds (also the pause
    /// between two commits under a stream of writes, so git runs a few times a
    /// second at most and never crowds out the API).
    public init(directory: String, author: GitAuthor? = nil, gather: Double = 0.2, log: @escaping @Sendable (String) -> Void) {
        git = Git(directory: directory, environment: author?.environment ?? [:], priority: .background)
        self.gather = gather
        self.log = log
    }

    public func publish(_ change: StoreChange) {
        guard change.origin == .api else { return }
        let schedule = state.withLock { state in
            state.pending.append(change)
            defer { state.scheduled = true }
            return !state.scheduled
        }
        if schedule { lane.asyncAfter(deadline: .now() + gather) { self.commitPending() } }
    }

    /// How many changes it was given that are not committed yet (0 once every
    /// one is in a commit; a change git refused stays counted until its retry succeeds).
    public var pendingChanges: Int {
        state.withLock { $0.pending.count }
    }

    /// Commits what is still queued, once, before the server exits (after a
    /// sync round that is running, if any).
    public func finish() {
        lane.sync { commitPending(retry: false) }
    }

    /// Commits what is queued now, without waiting for the gathering delay:
    /// ``GitSync`` does it before it merges and pushes. Runs on ``lane``; a
    /// failure leaves the changes queued for the retry already scheduled.
    func commitQueued() {
        dispatchPrecondition(condition: .onQueue(lane))
        commitPending(retry: false)
    }

    private func commitPending(retry: Bool = true) {
        let batch = state.withLock { $0.pending }
        guard !batch.isEmpty else { return }
        do {
            try commit(batch)
            let more = state.withLock { state in
                state.pending.removeFirst(batch.count)
                state.failures = 0
                state.scheduled = !state.pending.isEmpty
                return state.scheduled
            }
            if more { lane.asyncAfter(deadline: .now() + gather) { self.commitPending() } }
        } catch {
            let failures = state.withLock { state in
                state.failures += 1
                return state.failures
            }
            let delay = min(0.1 * Double(1 << min(failures, 10)), 30)
            log("git commit of \(batch.count) change(s) failed (attempt \(failures)); retrying in \(delay) s: \(error)")
            if retry { lane.asyncAfter(deadline: .now() + delay) { self.commitPending() } }
        }
    }

    /// `git add` and `git commit --only` of exactly the files of `changes`.
    private func commit(_ changes: [StoreChange]) throws {
        var names: [String] = []
        for change in changes where !names.contains(change.fileName) { names.append(change.fileName) }
        let tracked = try git.run(["ls-files", "-z", "--"] + names.map(GitHistory.pathspec))
        guard tracked.succeeded else { throw GitCommitFailure(step: "ls-files", errors: tracked.errors) }
        let known = Set(tracked.output.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
        let paths = names.filter { known.contains($0) || FileManager.default.fileExists(atPath: git.directory + "/" + $0) }
            .map(GitHistory.pathspec)
        guard !paths.isEmpty else { return }
        let added = try git.run(["add", "-A", "--"] + paths)
        guard added.succeeded else { throw GitCommitFailure(step: "add", errors: added.errors) }
        if try git.run(["rev-parse", "--verify", "--quiet", "HEAD"]).succeeded,
           try git.run(["diff", "--cached", "--quiet", "HEAD", "--"] + paths).succeeded {
            return
        }
        let message = Array(GitCommitMessage.make(for: changes).utf8)
        let committed = try git.run(["commit", "--only", "--no-verify", "--quiet", "--cleanup=verbatim", "-F", "-", "--"] + paths, input: message)
        guard committed.succeeded else { throw GitCommitFailure(step: "commit", errors: committed.errors) }
    }
}

/// A step of an auto-commit that git refused.
struct GitCommitFailure: Error, CustomStringConvertible {
    let step: String
    let errors: String
    var description: String { "git \(step): \(errors)" }
}

/// The author of auto-commits given as `--git-author "Name <email>"`.
public struct GitAuthor: Sendable, Equatable {
    public let name: String
    public let email: String

    /// Parses `Name <email>`; nil when it is not of that form.
    public init?(_ text: String) {
        guard text.hasSuffix(">"), let open = text.lastIndex(of: "<") else { return nil }
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        let email = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        guard !name.isEmpty, !email.isEmpty, !email.contains("<"), !name.contains("<") else { return nil }
        self.name = name
        self.email = email
    }

    /// The variables that make git use this identity as author and committer.
    var environment: [String: String] {
        ["GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email]
    }
}
