/// A person's name as duplicates compare it (SPEC §10): folded like the index
/// folds text (case, accents — ``TextFolding``), punctuation turned into
/// spaces, honorifics and generational suffixes (`Dr.`, `Jr.`, `PhD`) dropped,
/// and the tokens sorted, so `García, Ana`, `ana garcia` and `Dr. Ana García`
/// are one name. One-letter tokens are initials (`A. García`).
public struct NameKey: Sendable, Hashable {
    /// The folded tokens, sorted.
    public let tokens: [String]

    /// Tokens that say nothing about who someone is.
    static let ignoredTokens: Set<String> = [
        "dr", "prof", "mr", "mrs", "ms", "mx", "miss", "sir", "jr", "sr", "phd", "md", "ii", "iii", "iv", "esq",
    ]

    /// The key of a display name; nil when it has no name in it (empty, or an email address used as a name).
    public init?(_ name: String) {
        guard !name.contains("@") else { return nil }
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            let token = String(current)
            if !token.isEmpty, !Self.ignoredTokens.contains(token) { tokens.append(token) }
            current = String.UnicodeScalarView()
        }
        for scalar in String(decoding: TextFolding.fold(name), as: UTF8.self).unicodeScalars {
            // Letters and digits of any script make words; an apostrophe joins (O'Brien), the rest separates.
            let isWord = scalar.value < 0x80
                ? (scalar.value >= 0x61 && scalar.value <= 0x7A) || (scalar.value >= 0x30 && scalar.value <= 0x39)
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if isWord {
                current.append(scalar)
            } else if scalar != "'" && scalar != "’" {
                flush()
            }
        }
        flush()
        guard !tokens.isEmpty else { return nil }
        self.tokens = tokens.sorted()
    }

    /// The tokens joined by spaces: equal for equal names.
    public var exact: String { tokens.joined(separator: " ") }

    /// Keys that two similar names share without comparing all pairs: each full
    /// token with the first letter of each other token (`garcia|a`), so a typo,
    /// an initial or an extra middle name in one token still leaves a shared key.
    var approximateKeys: Set<ApproximateKey> {
        var keys: Set<ApproximateKey> = []
        for (index, token) in tokens.enumerated() where token.utf8.count > 1 {
            for (other, second) in tokens.enumerated() where other != index {
                keys.insert(ApproximateKey(token: token, initial: second.unicodeScalars.first!))
            }
        }
        return keys
    }

    /// A full token with the first letter of another token of the same name.
    struct ApproximateKey: Hashable {
        let token: String
        let initial: Unicode.Scalar
    }

    /// True when the names are close but not equal: every token of the shorter
    /// name (at least two) pairs with a token of the longer one — equal, an
    /// initial of it, or within a small edit distance — with at least one full
    /// token equal, and the longer has at most one token more.
    public func isSimilar(to other: NameKey) -> Bool {
        let (short, long) = tokens.count <= other.tokens.count ? (tokens, other.tokens) : (other.tokens, tokens)
        guard short.count >= 2, long.count - short.count <= 1 else { return false }
        var unused = long
        var exactFull = 0
        var pending: [String] = []
        for token in short {
            if let index = unused.firstIndex(of: token) {
                unused.remove(at: index)
                if token.count > 1 { exactFull += 1 }
            } else {
                pending.append(token)
            }
        }
        guard exactFull >= 1 else { return false }
        for token in pending {
            let index: Int?
            if token.count == 1 {
                index = unused.firstIndex { $0.hasPrefix(token) }
            } else {
                index = unused.firstIndex { candidate in
                    candidate.count == 1 ? token.hasPrefix(candidate) : Self.isClose(token, candidate)
                }
            }
            guard let index else { return false }
            unused.remove(at: index)
        }
        return true
    }

    /// Levenshtein distance ≤ 1 for tokens of 4–7 letters, ≤ 2 from 8; shorter tokens must be equal.
    static func isClose(_ a: String, _ b: String) -> Bool {
        let (countA, countB) = (a.unicodeScalars.count, b.unicodeScalars.count)
        let shorter = min(countA, countB)
        let allowed = shorter >= 8 ? 2 : shorter >= 4 ? 1 : 0
        guard allowed > 0, abs(countA - countB) <= allowed else { return false }
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            var rowMinimum = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > allowed { return false }
            previous = current
        }
        return previous[y.count] <= allowed
    }
}
