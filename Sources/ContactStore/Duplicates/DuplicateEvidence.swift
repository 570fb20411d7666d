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
/// share none counts half for each such difference (namesakes).
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
        if a.isSimilar(to: b) { return .similar }
        let shared = Set(a.fullTokens).intersection(b.fullTokens)
        return shared.isEmpty ? .different : .related
    }

    /// The evidence between `a` and `b`, nil when there is none.
    static func between(_ a: DuplicateFeatures, _ b: DuplicateFeatures) -> DuplicateEvidence? {
        var weights: [Double] = []
        var reasons: [String] = []
        if let uid = a.uid, uid == b.uid {
            weights.append(0.99)
            reasons.append("same UID")
        }
        let names = relation(a.name, b.name)
        let differentNames = names == .different
        var sharedEmail = false
        for email in a.emails where b.emails.contains(email) {
            sharedEmail = true
            weights.append(differentNames ? 0.5 : 0.9)
            reasons.append("same email \(email)" + (differentNames ? " (different names)" : ""))
        }
        var sharedPhone = false
        for phone in a.phones {
            guard let match = b.phones.first(where: phone.matches) else { continue }
            sharedPhone = true
            weights.append(differentNames ? 0.3 : 0.8)
            let shown = phone.callingCode == nil ? match.display : phone.display
            reasons.append("same phone \(shown)" + (differentNames ? " (different names: a shared line?)" : ""))
        }
        var nameWeight = 0.0
        switch names {
        case .same:
            nameWeight = a.name!.tokens.count >= 2 ? 0.75 : 0.3
            reasons.append("same name")
        case .similar:
            nameWeight = 0.6
            reasons.append("similar name")
        case .related, .different, .unknown: break
        }
        if nameWeight > 0 {
            if !sharedEmail, !a.emails.isEmpty, !b.emails.isEmpty { nameWeight /= 2 }
            if !sharedPhone, !a.phones.isEmpty, !b.phones.isEmpty { nameWeight /= 2 }
            weights.append(nameWeight)
        }
        guard !weights.isEmpty else { return nil }
        if let company = a.company, company == b.company {
            weights.append(0.1)
            reasons.append("same company")
        }
        let missing = weights.reduce(1.0) { $0 * (1 - $1) }
        return DuplicateEvidence(score: Int(((1 - missing) * 100).rounded(.down)), reasons: reasons)
    }
}
