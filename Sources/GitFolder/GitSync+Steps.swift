import Foundation

/// The git commands of one ``GitSync`` round.
extension GitSync {
    /// The line that routes every vCard file to the driver (as `cardbox git-setup` writes it).
    static let attributesLine = "*.vcf merge=vcard"

    /// The branch HEAD is on.
    func currentBranch() throws(GitSyncFailure) -> String {
        let branch = try run(["symbolic-ref", "--quiet", "--short", "HEAD"])
        guard branch.succeeded, !branch.text.isEmpty else {
            throw GitSyncFailure("HEAD is not on a branch (detached?): --git-sync syncs a branch")
        }
        return branch.text
    }

    /// The remote's branch to sync with: the upstream of `branch` when it is
    /// on this remote (`git branch -u`), else the branch of the same name.
    func remoteBranch(of branch: String) throws(GitSyncFailure) -> String {
        let remote = try run(["config", "--get", "branch.\(branch).remote"])
        let merge = try run(["config", "--get", "branch.\(branch).merge"])
        if remote.text == configuration.remote, merge.text.hasPrefix("refs/heads/") {
            return String(merge.text.dropFirst("refs/heads/".count))
        }
        return branch
    }

    /// `git fetch REMOTE`.
    func fetch() throws(GitSyncFailure) {
        let fetched = try run(["fetch", "--quiet", configuration.remote])
        guard fetched.succeeded else { throw GitSyncFailure("git fetch \(configuration.remote) failed: \(Self.oneLine(fetched.errors))") }
    }

    /// The commit `reference` names; nil when there is none (the remote has no such branch yet).
    func resolve(_ reference: String) throws(GitSyncFailure) -> String? {
        let resolved = try run(["rev-parse", "--verify", "--quiet", reference + "^{commit}"])
        return resolved.succeeded ? resolved.text : nil
    }

    /// Whether `commit` is already in the history of `head` (nothing to merge).
    /// An unborn HEAD contains nothing.
    func isAncestor(_ commit: String, of head: String) throws(GitSyncFailure) -> Bool {
        try run(["merge-base", "--is-ancestor", commit, head]).succeeded
    }

    /// How many commits `range` holds (0 when HEAD is unborn).
    func count(_ range: String) throws(GitSyncFailure) -> Int {
        let counted = try run(["rev-list", "--count", range])
        return counted.succeeded ? Int(counted.text) ?? 0 : 0
    }

    /// Merges `tracking` into HEAD with the vCard merge driver. A card deleted
    /// for good on one side and changed on the other is kept with the change
    /// (``keepEditedCardsOverDeletions()``); a merge that otherwise
    /// cannot complete is aborted, leaving the folder as it was; one git
    /// refuses to start (uncommitted changes or untracked files in its way)
    /// changed nothing. Both are failures of the round. Histories with no
    /// common commit are merged too: two machines that began on an empty
    /// remote at the same time each made a first commit of their own.
    func merge(_ tracking: String) throws(GitSyncFailure) {
        let shown = tracking.replacingOccurrences(of: "refs/remotes/", with: "")
        // A merge of the user's own that is not concluded is theirs: never resolved or aborted here.
        guard try !run(["rev-parse", "--verify", "--quiet", "MERGE_HEAD"]).succeeded else {
            throw GitSyncFailure("a merge is in progress in the repository (MERGE_HEAD): conclude or abort it, then the sync goes on")
        }
        let merged = try run(["-c", "merge.vcard.name=Cardbox vCard merge (property by property)",
                              "-c", "merge.vcard.driver=" + configuration.mergeDriver,
                              "merge", "--no-edit", "--no-verify", "--ff", "--allow-unrelated-histories", "--quiet",
                              "-m", "Merge remote-tracking branch '\(shown)'", tracking])
        if merged.succeeded {
            note("git-sync: merged \(shown)")
            return
        }
        guard try run(["rev-parse", "--verify", "--quiet", "MERGE_HEAD"]).succeeded else {
            throw GitSyncFailure("git merge \(shown) refused: \(Self.oneLine(merged.errors + "\n" + merged.text))")
        }
        if try keepEditedCardsOverDeletions() {
            note("git-sync: merged \(shown)")
            return
        }
        let conflicted = try run(["diff", "--name-only", "--diff-filter=U", "-z"]).output.split(separator: 0)
            .map { String(decoding: $0, as: UTF8.self) }
        let aborted = try run(["merge", "--abort"])
        let files = conflicted.isEmpty ? "" : " (conflicts in \(conflicted.joined(separator: ", ")))"
        guard aborted.succeeded else {
            throw GitSyncFailure("git merge \(shown) could not complete\(files), and git merge --abort failed: \(Self.oneLine(aborted.errors))")
        }
        throw GitSyncFailure("git merge \(shown) could not complete\(files); aborted, the folder is as it was")
    }

    /// `git push REMOTE HEAD:refs/heads/<target>`.
    func push(to target: String) throws(GitSyncFailure) -> GitPushOutcome {
        let pushed = try run(["push", "--porcelain", configuration.remote, "HEAD:refs/heads/" + target])
        return GitPushOutcome.of(status: pushed.status, output: pushed.text, errors: Self.oneLine(pushed.errors))
    }

    /// Commits on HEAD the remote's branch lacks, and the other way round.
    func aheadAndBehind(tracking: String) throws(GitSyncFailure) -> (ahead: Int, behind: Int) {
        guard try resolve(tracking) != nil else { return (try count("HEAD"), 0) }
        guard try resolve("HEAD") != nil else { return (0, try count(tracking)) }
        let counted = try run(["rev-list", "--left-right", "--count", "HEAD..." + tracking])
        let numbers = counted.text.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard counted.succeeded, numbers.count == 2 else { throw GitSyncFailure("git rev-list --left-right failed: \(counted.errors)") }
        return (numbers[0], numbers[1])
    }

    /// Appends ``attributesLine`` to the repository's `info/attributes` unless
    /// the attributes already give `.vcf` files of the folder `merge=vcard`;
    /// returns the file written, or nil when nothing was needed. That file is
    /// not versioned and has the last word over every `.gitattributes`.
    func addMergeAttributeIfMissing() throws(GitSyncFailure) -> String? {
        let checked = try run(["check-attr", "merge", "--", "cardbox-sync-probe.vcf"])
        guard checked.succeeded else { throw GitSyncFailure("git check-attr failed: \(Self.oneLine(checked.errors))") }
        if checked.text.hasSuffix(": merge: vcard") { return nil }
        let located = try run(["rev-parse", "--git-path", "info/attributes"])
        guard located.succeeded, !located.text.isEmpty else { throw GitSyncFailure("git rev-parse --git-path failed: \(located.errors)") }
        let path = ((located.text.hasPrefix("/") ? located.text : git.directory + "/" + located.text) as NSString).standardizingPath
        let existing = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let separator = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data((existing + separator + Self.attributesLine + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw GitSyncFailure("cannot write \(path): \(error.localizedDescription)")
        }
        return path
    }

    /// git's message on one line, without its `hint:` lines.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("hint:") }.joined(separator: " ")
    }

    func run(_ arguments: [String]) throws(GitSyncFailure) -> Git.Result {
        do {
            return try git.run(arguments)
        } catch {
            throw GitSyncFailure(error.reason)
        }
    }
}
