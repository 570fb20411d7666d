import VCard

/// Where `--git-sync` stands, for `GET /status` (SPEC §9): kept after every
/// round, read without running git.
public struct GitSyncStatus: Sendable, Equatable {
    /// The branch that is synced; nil before the first round, or when HEAD is not on a branch.
    public var branch: String?
    /// Commits of the branch the remote's branch lacks, as of the last round.
    public var ahead = 0
    /// Commits of the remote's branch this branch lacks, as of the last round.
    public var behind = 0
    /// When a round last completed (pulled and pushed all there was); nil before that.
    public var lastSync: VCardTimestamp?
    /// Why the last round failed; nil when it succeeded (or none ran yet).
    public var lastError: String?

    public init() {}
}
