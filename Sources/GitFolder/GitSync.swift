import ContactStore
import Dispatch
import Platform
import Synchronization
import VCard

/// `--git-sync REMOTE` (SPEC §9): keeps the folder's branch and the remote's
/// in step, so several Cardbox servers on clones of one repository converge.
///
/// Every interval one round runs: the changes the API made are committed
/// (``GitCommitter``), `git fetch REMOTE`, a merge of the remote's branch with
/// the vCard merge driver, `git push REMOTE HEAD:<branch>`; a push rejected
/// because the remote moved on meanwhile is followed by another fetch, merge
/// and push, up to ``GitSyncBackoff/pushAttempts`` times. What a merge brings
/// into the folder is found by the watcher and arrives as `origin: file`
/// events. Rounds run on the committer's lane, so no two git commands of the
/// process meet at `.git/index.lock`; the network steps hold up nothing but
/// the next commit, and only the merge itself holds API writes back
/// (``ContactStore/pausingWrites(_:)``). A failed round (network, a merge
/// that cannot complete) is logged and reported in ``status``, the folder is
/// left as it was, and the next round waits longer (``GitSyncBackoff``).
public final class GitSync: Sendable {
    /// What to sync with, how often, and how to merge.
    public struct Configuration: Sendable {
        /// A remote configured in the repository (`git remote`), e.g. `origin`.
        public let remote: String
        public let interval: GitSyncInterval
        /// The command git runs to merge a `.vcf` file, e.g. `/usr/bin/cardbox merge-vcard %O %A %B`.
        public let mergeDriver: String

        public init(remote: String, interval: GitSyncInterval, mergeDriver: String) {
            self.remote = remote
            self.interval = interval
            self.mergeDriver = mergeDriver
        }
    }

    private struct State {
        var status = GitSyncStatus()
        var failures = 0
        var stopped = false
        var attributesChecked = false
    }

    let git: Git
    let configuration: Configuration
    private let store: ContactStore
    private let committer: GitCommitter
    let note: @Sendable (String) -> Void
    private let warn: @Sendable (String) -> Void
    private let state = Mutex(State())

    /// Syncs the folder of `store`, whose API changes `committer` commits (its
    /// lane is shared). `author` (from `--git-author`) also makes the merge
    /// commits; `note` receives what a round did, `warn` why it failed.
    public init(store: ContactStore, committer: GitCommitter, author: GitAuthor?, configuration: Configuration,
                note: @escaping @Sendable (String) -> Void, warn: @escaping @Sendable (String) -> Void) {
        // No terminal to ask for a password on: git fails at once instead of waiting for one.
        git = Git(directory: store.directory, environment: (author?.environment ?? [:]).merging(["GIT_TERMINAL_PROMPT": "0"]) { $1 })
        self.store = store
        self.committer = committer
        self.configuration = configuration
        self.note = note
        self.warn = warn
    }

    /// Where the sync stands (no git is run to answer).
    public var status: GitSyncStatus { state.withLock { $0.status } }

    /// Runs the first round now, then one per interval.
    public func start() {
        committer.lane.async { self.runRound() }
    }

    /// Schedules no further round; a round already running finishes first
    /// (``GitCommitter/finish()`` waits for it).
    public func stop() {
        state.withLock { $0.stopped = true }
    }

    private func runRound() {
        guard !state.withLock({ $0.stopped }) else { return }
        let failure: GitSyncFailure?
        do throws(GitSyncFailure) {
            try round()
            failure = nil
        } catch {
            failure = error
        }
        let delay = state.withLock { state in
            if let failure {
                state.failures += 1
                state.status.lastError = failure.description
            } else {
                state.failures = 0
                state.status.lastError = nil
                state.status.lastSync = VCardTimestamp(secondsSince1970: WallClock.secondsSince1970())
            }
            return GitSyncBackoff.delay(interval: configuration.interval.seconds, failures: state.failures)
        }
        if let failure { warn("git-sync with \(configuration.remote) failed; next try in \(Int(delay)) s: \(failure)") }
        committer.lane.asyncAfter(deadline: .now() + delay) { self.runRound() }
    }

    /// One round: commit, then pull and push until the remote has everything.
    private func round() throws(GitSyncFailure) {
        let branch = try currentBranch()
        state.withLock { $0.status.branch = branch }
        let target = try remoteBranch(of: branch)
        let tracking = "refs/remotes/\(configuration.remote)/\(target)"
        try ensureMergeAttributes()
        committer.commitQueued()
        defer { refreshCounts(tracking: tracking) }
        for attempt in 1...GitSyncBackoff.pushAttempts {
            try fetch()
            let remoteHead = try resolve(tracking)
            if let remoteHead, try !isAncestor(remoteHead, of: "HEAD") {
                try store.pausingWrites { () throws(GitSyncFailure) in
                    // Changes written since the round began are committed first, so they are not in the merge's way.
                    committer.commitQueued()
                    try merge(tracking)
                }
            }
            let unpushed = try count(remoteHead.map { $0 + "..HEAD" } ?? "HEAD")
            guard unpushed > 0 else { return }
            switch try push(to: target) {
            case .pushed:
                note("git-sync: pushed \(unpushed) commit(s) to \(configuration.remote)/\(target)")
                return
            case .rejected:
                note("git-sync: push to \(configuration.remote)/\(target) rejected (attempt \(attempt)): the remote moved on; pulling again")
            case .failed(let reason):
                throw GitSyncFailure("git push \(configuration.remote) failed: \(reason)")
            }
        }
        throw GitSyncFailure("git push \(configuration.remote) rejected \(GitSyncBackoff.pushAttempts) times: the remote keeps moving on")
    }

    /// Writes `*.vcf merge=vcard` to `.git/info/attributes` once, when the
    /// attributes of the folder do not route `.vcf` files to the driver yet.
    private func ensureMergeAttributes() throws(GitSyncFailure) {
        guard !state.withLock({ $0.attributesChecked }) else { return }
        if let written = try addMergeAttributeIfMissing() {
            note("git-sync: added '\(Self.attributesLine)' to \(written) (not versioned; 'cardbox git-setup' versions it in .gitattributes)")
        }
        state.withLock { $0.attributesChecked = true }
    }

    /// Updates ``status``'s ahead and behind counts; left as they were if git cannot tell.
    private func refreshCounts(tracking: String) {
        guard let counts = try? aheadAndBehind(tracking: tracking) else { return }
        state.withLock { state in
            state.status.ahead = counts.ahead
            state.status.behind = counts.behind
        }
    }
}

/// Why a sync round did not complete, in one line for the log and `GET /status`.
struct GitSyncFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
