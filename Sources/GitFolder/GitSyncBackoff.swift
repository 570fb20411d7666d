/// When the next `--git-sync` round runs, and how often a rejected push is
/// tried again (SPEC §9). Pure, so the policy is tested without git.
///
/// A round that failed (the remote unreachable, a merge that could not
/// complete) doubles the wait before the next one, up to ``ceiling`` — a
/// remote that is down for a day is asked about four times an hour, not once
/// a second — and the first successful round brings the wait back to the
/// interval.
public enum GitSyncBackoff {
    /// The longest wait between two rounds after failures: 15 minutes (or the
    /// interval, if that is longer).
    public static let ceiling = 900.0
    /// How many times one round pushes: a push rejected because the remote moved
    /// on meanwhile is followed by another pull and push, this many times in all.
    public static let pushAttempts = 3

    /// Seconds until the next round after `failures` failed rounds in a row.
    public static func delay(interval: Int, failures: Int) -> Double {
        let base = Double(interval)
        let limit = max(base, ceiling)
        guard failures > 0 else { return base }
        // 2^20 × 1 s is beyond any ceiling: capping the exponent keeps the product finite.
        return min(base * Double(1 << min(failures, 20)), limit)
    }
}
