/// One search term's matches from the gram indexes (SPEC §2.3): slots whose
/// folded text holds the term or, for a term with digits, whose phone digits
/// hold its digits. Exact when both parts are (short terms); otherwise
/// ``slots`` are candidates and ``filter(_:in:)`` verifies them.
struct TermCandidates {
    private let text: [UInt8]
    private let digits: [UInt8]
    /// The text matches when exact, nil when they must be verified.
    private let textMatches: SlotSet?
    /// The digit matches when exact (or the term has no digits), nil when they must be verified.
    private let digitMatches: SlotSet?
    /// Every slot the term may match.
    let slots: SlotSet

    var isExact: Bool { textMatches != nil && digitMatches != nil }

    /// The candidates for a term folded to `text` (not empty) with the ASCII `digits`.
    init(_ text: [UInt8], _ digits: [UInt8], in index: ContactIndex) {
        self.text = text
        self.digits = digits
        let inText = index.textGrams.candidates(for: text)
        textMatches = inText.exact ? inText.slots : nil
        guard !digits.isEmpty else {
            slots = inText.slots
            digitMatches = SlotSet()
            return
        }
        let inDigits = index.digitGrams.candidates(for: digits)
        digitMatches = inDigits.exact ? inDigits.slots : nil
        slots = inText.slots.union(inDigits.slots)
    }

    /// The slots of `candidates` (ascending, from ``slots``) that really hold the term.
    func filter(_ candidates: [Int32], in index: ContactIndex) -> [Int32] {
        let inText = textMatches.map { set in candidates.filter(set.contains) }
            ?? index.searchText.filter(candidates, containing: index.textGrams.scan(for: text))
        guard !digits.isEmpty, inText.count < candidates.count else { return inText }
        var rest: [Int32] = []
        var next = 0
        for slot in candidates {
            if next < inText.count, inText[next] == slot { next += 1 } else { rest.append(slot) }
        }
        let inDigits = digitMatches.map { set in rest.filter(set.contains) }
            ?? index.phoneDigits.filter(rest, containing: index.digitGrams.scan(for: digits))
        return (inText + inDigits).sorted()
    }
}
