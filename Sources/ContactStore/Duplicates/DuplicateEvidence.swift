/// The evidence that two contacts are one person, combined into a score in
/// 0…1 with a reason for each piece (SPEC §10).
///
/// Each piece has a weight (the chance it alone means "same person"); the
/// score is `1 − Π(1 − weight)` (independent evidence). Weights: same UID 0.99,
/// same email 0.9, same phone 0.8, same name (two tokens or more) 0.75, similar
/// name 0.6, same one-word name 0.3, same company 0.1 (only next to other
/// evidence). Evidence against lowers them: a shared email or phone between
/// clearly different names counts 0.5 / 0.3 (a team address, an office line);
/// a name match between contacts that both have emails (or both phones) and
/// share none counts half for each such difference, and half again when more
/// than two contacts in the folder have that exact name (namesakes: a card
/// with a name only must not pull them all into one group).
struct DuplicateEvidence: Sendable, Equatable {
    /// Score in hundredths (0…100).
    let score: Int
    let reasons: [String]

    /// Pairs scoring at least this are grouped.
    static let groupThreshold = 70

    /// How two names relate.
    enum NameRelation {
        case same, similar, related, different, unknown
    }

    static func relation(_ a: NameKey?, _ b: NameKey?) -> NameRelation {
        guard let a, let b else { return .unknown }
        if a.tokens == b.tokens { return .same }
        // Similar names share a full token too: most pairs stop at this cheap test.
        guard a.tokens.contains(where: { $0.utf8.count > 1 && b.tokens.contains($0) }) else { return .different }
        return a.isSimilar(to: b) ? .similar : .related
    }

    /// The evidence between `a` and `b`, nil when there is none or it scores
    /// below `minimumScore`; without reasons when `withReasons` is false. The score is found first; the reason texts are
    /// built only for pairs that reach the minimum (most compared pairs do not).
    static func between(_ a: DuplicateFeatures, _ b: DuplicateFeatures, minimumScore: Int = 1, namesakes: Int = 2,
                        withReasons: Bool = true) -> DuplicateEvidence? {
        var missing = 1.0
        let sameUID = a.uid != nil && a.uid == b.uid
        if sameUID { missing *= 1 - 0.99 }
        let names = relation(a.name, b.name)
        let differentNames = names == .different
        var sharedEmails: [String] = []
        for email in a.emails where b.emails.contains(email) {
            sharedEmails.append(email)
            missing *= differentNames ? 0.5 : 0.1
        }
        var sharedPhones: [String] = []
        for phone in a.phones {
            guard let match = b.phones.first(where: phone.matches) else { continue }
            sharedPhones.append(phone.callingCode == nil ? match.display : phone.display)
            missing *= differentNames ? 0.7 : 0.2
        }
        var nameWeight = 0.0
        switch names {
        case .same: nameWeight = a.name!.tokens.count >= 2 ? 0.75 : 0.3
        case .similar: nameWeight = 0.6
        case .related, .different, .unknown: break
        }
        if nameWeight > 0 {
            if sharedEmails.isEmpty, !a.emails.isEmpty, !b.emails.isEmpty { nameWeight /= 2 }
            if sharedPhones.isEmpty, !a.phones.isEmpty, !b.phones.isEmpty { nameWeight /= 2 }
            if names == .same, namesakes > 2 { nameWeight /= 2 }
            missing *= 1 - nameWeight
        }
        guard missing < 1 else { return nil }
        let sameCompany = a.company != nil && a.company == b.company
        if sameCompany { missing *= 0.9 }
        let score = Int(((1 - missing) * 100).rounded(.down))
        guard score >= minimumScore else { return nil }
        guard withReasons else { return DuplicateEvidence(score: score, reasons: []) }
        var reasons: [String] = []
        if sameUID { reasons.append("same UID") }
        for email in sharedEmails { reasons.append("same email \(email)" + (differentNames ? " (different names)" : "")) }
        for phone in sharedPhones { reasons.append("same phone \(phone)" + (differentNames ? " (different names: a shared line?)" : "")) }
        if names == .same { reasons.append("same name") }
        if names == .similar { reasons.append("similar name") }
        if sameCompany { reasons.append("same company") }
        return DuplicateEvidence(score: score, reasons: reasons)
    }
}
