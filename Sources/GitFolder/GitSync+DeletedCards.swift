/// The one kind of conflict a sync merge settles itself: a card deleted for
/// good on one side and changed on the other.
extension GitSync {
    /// After a merge stopped on conflicts: when every conflicted path is a
    /// `.vcf` file deleted on one side and changed on the other, keeps the
    /// changed card — an edit beats a removal, as in the merge driver (a
    /// removal can be redone, typed text cannot be recovered) — and commits
    /// the merge; true then. Any other conflict resolves nothing: false.
    func keepEditedCardsOverDeletions() throws(GitSyncFailure) -> Bool {
        let listed = try run(["ls-files", "--unmerged", "-z", "--full-name", "--", ":(top)"])
        guard listed.succeeded else { return false }
        // Each entry is `mode object stage<TAB>path`; stage 1 is the base, 2 ours, 3 theirs.
        var stages: [String: Set<Character>] = [:]
        for entry in listed.output.split(separator: 0) {
            let text = String(decoding: entry, as: UTF8.self)
            guard let tab = text.firstIndex(of: "\t"), let stage = text[..<tab].last else { return false }
            stages[String(text[text.index(after: tab)...]), default: []].insert(stage)
        }
        guard !stages.isEmpty else { return false }
        var kept: [(path: String, side: String)] = []
        for (path, present) in stages.sorted(by: { $0.key < $1.key }) {
            guard path.hasSuffix(".vcf") else { return false }
            switch present {
            case ["1", "2"]: kept.append((path, "--ours"))
            case ["1", "3"]: kept.append((path, "--theirs"))
            default: return false
            }
        }
        for (path, side) in kept {
            let pathspec = ":(top,literal)" + path
            guard try run(["checkout", side, "--", pathspec]).succeeded, try run(["add", "--", pathspec]).succeeded else { return false }
        }
        let committed = try run(["commit", "--no-edit", "--no-verify", "--quiet"])
        guard committed.succeeded else { return false }
        note("git-sync: kept the edited card of \(kept.map(\.path).joined(separator: ", ")), deleted on the other side")
        return true
    }
}
