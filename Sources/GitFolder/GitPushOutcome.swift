/// What one `git push --porcelain` came to, read from its status and output.
///
/// Only a ref refused because the remote's branch moved on is worth another
/// pull and push at once: `[rejected]` (not a fast-forward: the remote has
/// commits this clone has not merged yet), or `[remote rejected] (failed to
/// update ref)` (another push updated the branch while this one was being
/// received). Anything else (the network, the remote's hooks, permissions)
/// waits for the next round.
enum GitPushOutcome: Equatable {
    case pushed
    case rejected
    case failed(String)

    /// Classifies a finished `git push --porcelain`: `status`, standard output
    /// (one `flag<TAB>from:to<TAB>summary` line per ref) and standard error.
    static func of(status: Int32, output: String, errors: String) -> GitPushOutcome {
        if status == 0 { return .pushed }
        let refLines = output.split(separator: "\n").filter { $0.hasPrefix("!\t") }
        if !refLines.isEmpty, refLines.allSatisfy(movedOn) { return .rejected }
        let reason = (refLines.map(String.init) + [errors]).filter { !$0.isEmpty }.joined(separator: "; ")
        return .failed(reason.isEmpty ? "git push exited \(status)" : reason)
    }

    /// A porcelain ref line saying the remote's branch moved on under this push.
    private static func movedOn(_ line: Substring) -> Bool {
        line.contains("\t[rejected]") || line.contains("\t[remote rejected] (failed to update ref)")
    }
}
