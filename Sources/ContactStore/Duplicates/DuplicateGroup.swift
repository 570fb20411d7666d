/// Contacts that are likely one person (SPEC §10): their ids, the score of
/// the strongest evidence linking them, and the reasons found.
public struct DuplicateGroup: Sendable, Equatable {
    /// Member ids, sorted.
    public let ids: [String]
    /// Score in hundredths (0…100), to print without floating-point noise.
    public let scorePercent: Int
    /// The reasons found between members, strongest link's first, without repeats
    /// (from the group's 32 strongest links: a large group has thousands).
    public let reasons: [String]

    public init(ids: [String], scorePercent: Int, reasons: [String]) {
        self.ids = ids
        self.scorePercent = scorePercent
        self.reasons = reasons
    }

    /// The score as a number in 0…1 with two decimals, as JSON shows it (`0.93`).
    public var scoreText: String {
        scorePercent >= 100 ? "1.0" : "0." + (scorePercent < 10 ? "0" : "") + String(scorePercent)
    }
}
