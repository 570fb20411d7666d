/// What one `git push --porcelain` came to, read from its status and output.
///
/// Only a ref that git itself rejected as not a fast-forward (`!` with
/// `[rejected]`: the remote has commits this clone has not merged yet) is
/// worth another pull and push at once; anything else (the network, the
/// remote's hooks, `[remote rejected]`, permissions) waits for the next round.
enum GitPushOutcome: Equatable {
    case pushed
    case rejected
    case failed(String)

    /// Classifies a finished `git push --porcelain`: `status`, standard output
    /// (one `flag<TAB>from:to<TAB>summary` line per ref) and standard error.
    static func of(status: Int32, output: String, errors: String) -> GitPushOutcome {
        if status == 0 { return .pushed }
        let refLines = output.split(separator: "\n").filter { $0.hasPrefix("!\t") }
        if !refLines.isEmpty, refLines.allSatisfy({ $0.contains("\t[rejected]") }) { return .rejected }
        let reason = (refLines.map(String.init) + [errors]).filter { !$0.isEmpty }.joined(separator: "; ")
        return .failed(reason.isEmpty ? "git push exited \(status)" : reason)
    }
}
