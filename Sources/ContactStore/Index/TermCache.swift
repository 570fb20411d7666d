import Platform
import Synchronization

/// The verified matches of recent long search terms, kept exact on every write.
///
/// A term of four bytes or more is answered by intersecting its trigram sets
/// and verifying each candidate against its text — at a million contacts,
/// `garc` has 94,000 candidates and `example.org` 232,000, 7–17 ms of
/// verifying. Searching is repetitive (the same term, page after page; the same
/// few terms from many clients), so a verified set is kept and reused, and a
/// write re-checks only the contact it wrote against each kept term (a `memmem`
/// of about 150 bytes per term) instead of dropping them. The least recently
/// used term goes when more than ``capacity`` are kept.
///
/// Shared by reference between copies of a ``ContactIndex``: the index makes
/// its own before a write when another copy holds this one.
final class TermCache: Sendable {
    /// A term as the index searches it: folded text and its digits.
    struct Term: Hashable, Sendable {
        let text: [UInt8]
        let digits: [UInt8]
    }

    private struct Kept {
        var slots: SlotSet
        var lastUse: UInt64
    }

    private struct State {
        var kept: [Term: Kept] = [:]
        var clock: UInt64 = 0
    }

    /// How many terms are kept at most.
    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = 64) {
        self.capacity = capacity
    }

    /// The kept matches of `term`, if any.
    func matches(_ term: Term) -> SlotSet? {
        state.withLock { state in
            guard var kept = state.kept[term] else { return nil }
            state.clock += 1
            kept.lastUse = state.clock
            state.kept[term] = kept
            return kept.slots
        }
    }

    /// Keeps `slots` as the matches of `term`.
    func keep(_ slots: SlotSet, for term: Term) {
        state.withLock { state in
            state.clock += 1
            state.kept[term] = Kept(slots: slots, lastUse: state.clock)
            if state.kept.count > capacity, let oldest = state.kept.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
                state.kept[oldest] = nil
            }
        }
    }

    /// Records that `slot` now holds a contact with these folded `text` and phone `digits` (each kept term re-checked).
    func update(_ slot: Int32, text: [UInt8], digits: [UInt8]) {
        state.withLock { state in
            for (term, var kept) in state.kept {
                let holds = ByteSearch.contains(text, term.text) || (!term.digits.isEmpty && ByteSearch.contains(digits, term.digits))
                guard holds != kept.slots.contains(slot) else { continue }
                if holds { kept.slots.insert(slot) } else { kept.slots.remove(slot) }
                state.kept[term] = kept
            }
        }
    }

    /// Records that `slot` holds no contact any more.
    func remove(_ slot: Int32) {
        state.withLock { state in
            for (term, var kept) in state.kept where kept.slots.contains(slot) {
                kept.slots.remove(slot)
                state.kept[term] = kept
            }
        }
    }
}
