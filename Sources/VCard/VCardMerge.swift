import ByteText
/// The property-level three-way merge of one contact's card (SPEC §9), as the
/// `cardbox merge-vcard` git merge driver runs it.
///
/// Each side's changes against BASE are applied, property by property:
/// - every property belongs to a *slot*: a single-valued property (`FN`, `N`,
///   `NOTE`, `PHOTO`, `REV`, `X-DELETED-AT`…) by its name, an `X-CUSTOM` line by
///   its `X-KEY`, every other property (`EMAIL`, `TEL`, `ADR`, unknown or repeated
///   ones) by its name and normalized value (emails case-insensitive, phones by
///   their digits), so list entries merge as sets;
/// - a slot changed on one side only takes that side; changed the same way on
///   both, it is taken once; changed differently on both sides, the side with the
///   later `REV` wins (equal `REV`s: the greater value, so the result does not
///   depend on which side is OURS), except that an edit beats a deletion and the
///   entries of `X-TAGS`, `CATEGORIES` and `NICKNAME` merge as sets and the
///   components of `N` and `ORG` one by one;
/// - `REV` is the later of the two.
///
/// OURS gives the layout: its lines that the merge keeps are written back byte
/// for byte, in its order; properties taken from THEIRS are written fresh, in
/// place of the line they replace, else after the last property of the same
/// name, else after the property that precedes them in THEIRS. Properties are
/// matched by meaning, not bytes, so a card converted from 2.1 to 4.0 on one side
/// still takes the other side's edits: every 2.1 card (or card without `VERSION`)
/// of the three is converted to 4.0 first, as Cardbox does on any write, and
/// THEIRS gives the layout if only OURS was 2.1.
public enum VCardMerge {
    /// Merges three files holding one card each. An empty (or blank) BASE stands
    /// for "added on both sides": the cards are merged as if BASE had no properties.
    /// - Returns: the merged card's bytes: always one card that reads back.
    /// - Throws: ``VCardMergeError`` when a side is not exactly one readable card;
    ///   nothing is merged then (the driver leaves the file to the user).
    public static func merge(base: [UInt8], ours: [UInt8], theirs: [UInt8]) throws(VCardMergeError) -> [UInt8] {
        let baseCard = base.allSatisfy { $0 == ASCII.space || $0 == ASCII.tab || $0 == ASCII.cr || $0 == ASCII.lf }
            ? VCard() : try readOne(base, side: .base)
        let merged = merge(base: baseCard, ours: try readOne(ours, side: .ours), theirs: try readOne(theirs, side: .theirs))
        return merged.serialized()
    }

    /// Merges three cards (see ``VCardMerge``). The result keeps OURS's source
    /// bytes for the lines it keeps (THEIRS's when only OURS had to be converted from 2.1).
    public static func merge(base: VCard, ours: VCard, theirs: VCard) -> VCard {
        func prepared(_ card: VCard) -> VCard {
            !card.properties.isEmpty && isLegacy(card) ? card.upgradedToVersion4() : card
        }
        let oursIsPrimary = !(isLegacy(ours) && !isLegacy(theirs))
        let (base, ours, theirs) = (prepared(base), prepared(ours), prepared(theirs))
        // The side that does not give the layout renames its clashing new groups.
        let sides = oursIsPrimary
            ? MergeSides(base: base, ours: ours, theirs: renamingClashingGroups(of: theirs, primary: ours, base: base),
                         oursIsPrimary: true)
            : MergeSides(base: base, ours: renamingClashingGroups(of: ours, primary: theirs, base: base), theirs: theirs,
                         oursIsPrimary: false)
        return sides.mergedCard()
    }

    /// A 2.1 card, or one without a (known) `VERSION`: Cardbox converts those whole to 4.0.
    static func isLegacy(_ card: VCard) -> Bool {
        guard let version = card.version else { return true }
        return version == .v2_1
    }

    private static func readOne(_ bytes: [UInt8], side: VCardMergeError.Side) throws(VCardMergeError) -> VCard {
        let cards: [VCard]
        do {
            cards = try VCardReader.read(bytes)
        } catch {
            throw VCardMergeError(side: side, line: error.line, reason: error.reason)
        }
        guard cards.count == 1 else {
            throw VCardMergeError(side: side, line: cards.count > 1 ? cards[1].beginLine ?? 1 : 1, reason: "\(cards.count) cards in one file")
        }
        return cards[0]
    }
}

/// Why a merge could not be done: one side is not exactly one readable card.
public struct VCardMergeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The three inputs of a merge, as git names them.
    public enum Side: String, Sendable {
        case base = "BASE"
        case ours = "OURS"
        case theirs = "THEIRS"
    }

    /// The side that could not be read.
    public let side: Side
    /// The 1-based line of the problem in that side's file.
    public let line: Int
    /// A short human-readable reason.
    public let reason: String

    public var description: String { "\(side.rawValue) line \(line): \(reason)" }
}

/// Which side a slot's merged value comes from.
enum SlotChoice: Equatable {
    case absent
    case ours
    case theirs
    /// A list property (`X-TAGS`…) whose entries were merged: the primary's
    /// property (or the other's if the primary has none) with this list.
    case entries([String])
    /// A compound property (`N`, `ORG`) whose components were merged: the primary's property with these components.
    case components([String])
}

/// The three cards of one merge, with each property's slot key and comparable content.
struct MergeSides {
    let base: CardSlots
    let ours: CardSlots
    let theirs: CardSlots
    /// True when OURS gives the layout (false only when OURS was converted from 2.1 and THEIRS was not).
    let oursIsPrimary: Bool

    init(base: VCard, ours: VCard, theirs: VCard, oursIsPrimary: Bool) {
        self.oursIsPrimary = oursIsPrimary
        let single = SlotKeys.singleKeys(in: [base, ours, theirs])
        self.base = CardSlots(base, single: single)
        self.ours = CardSlots(ours, single: single)
        self.theirs = CardSlots(theirs, single: single)
    }

    /// The merged card, laid out on the primary side's card.
    func mergedCard() -> VCard {
        let primary = oursIsPrimary ? ours : theirs
        let other = oursIsPrimary ? theirs : ours
        var keys = Set(ours.keys)
        keys.formUnion(theirs.keys)
        keys.formUnion(base.keys)
        var choices: [String: SlotChoice] = [:]
        for key in keys { choices[key] = choice(for: key) }
        let primaryChoice: SlotChoice = oursIsPrimary ? .ours : .theirs

        var properties: [VCardProperty] = []
        var placedKeys: [String] = []
        for (index, property) in primary.card.properties.enumerated() {
            let key = primary.keys[index]
            switch choices[key] ?? primaryChoice {
            case .absent:
                continue
            case primaryChoice:
                properties.append(property)
            case .entries(let entries):
                properties.append(SlotKeys.withEntries(property, entries))
            case .components(let components):
                properties.append(SlotKeys.withComponents(property, components))
            default:
                guard let replacement = other.property(key) else { continue }
                var fresh = replacement.detached
                fresh.leadingTrivia = property.leadingTrivia
                properties.append(fresh)
            }
            placedKeys.append(key)
        }
        // Slots the primary lacks and the other side brings.
        for (index, property) in other.card.properties.enumerated() {
            let key = other.keys[index]
            guard primary.index[key] == nil, let choice = choices[key], choice != .absent, choice != primaryChoice else { continue }
            var added = property.detached
            if case .entries(let entries) = choice { added = SlotKeys.withEntries(added, entries) }
            let position = insertionPoint(of: index, in: other, properties: properties, placedKeys: placedKeys)
            properties.insert(added, at: position)
            placedKeys.insert(key, at: position)
        }
        var merged = primary.card
        if merged.properties != properties { merged.properties = properties }
        return merged
    }

    /// Where a property the other side adds goes: after the last ungrouped
    /// property of the same name (emails together), else after the nearest
    /// property that precedes it on the other side and is already placed
    /// (group mates stay together), else at the end.
    private func insertionPoint(of index: Int, in other: CardSlots, properties: [VCardProperty], placedKeys: [String]) -> Int {
        let property = other.card.properties[index]
        if property.group == nil,
           let last = properties.lastIndex(where: { $0.group == nil && $0.upperName == property.upperName }) {
            return last + 1
        }
        for previous in stride(from: index - 1, through: 0, by: -1) {
            if let placed = placedKeys.lastIndex(of: other.keys[previous]) { return placed + 1 }
        }
        return properties.count
    }

    /// The three-way decision for one slot.
    func choice(for key: String) -> SlotChoice {
        let b = base.content(key)
        let o = ours.content(key)
        let t = theirs.content(key)
        let primaryChoice: SlotChoice = oursIsPrimary ? .ours : .theirs
        if o == t { return o == nil ? .absent : primaryChoice }
        if o == b { return t == nil ? .absent : .theirs }
        if t == b { return o == nil ? .absent : .ours }
        // Both sides changed the slot, differently.
        if key == SlotKeys.revisionKey { return laterRevision(ours: ours.revision, theirs: theirs.revision) ? .ours : .theirs }
        if let property = ours.property(key) ?? theirs.property(key), SlotKeys.isEntryList(property) {
            // A removed list is a list whose entries were all removed.
            let entries = { (side: CardSlots) in side.property(key).map(SlotKeys.entries) ?? [] }
            let merged = SlotKeys.mergeEntries(base: entries(base), primary: entries(oursIsPrimary ? ours : theirs),
                                               other: entries(oursIsPrimary ? theirs : ours))
            return merged.isEmpty ? .absent : .entries(merged)
        }
        guard let o, let ourProperty = ours.property(key) else { return .theirs }
        guard let t, let theirProperty = theirs.property(key) else { return .ours }
        let oursWins = ours.revision != theirs.revision ? laterRevision(ours: ours.revision, theirs: theirs.revision) : o > t
        if SlotKeys.mergesComponents(ourProperty, key: key) {
            // `N` and `ORG` merge component by component: a first name changed on
            // one side and a last name on the other are both kept.
            let merged = SlotKeys.mergeComponents(base: base.property(key)?.components ?? [], ours: ourProperty.components,
                                                  theirs: theirProperty.components, oursWins: oursWins)
            return .components(merged)
        }
        return oursWins ? .ours : .theirs
    }

    /// True when OURS's revision is the later one (a missing `REV` is the earliest).
    private func laterRevision(ours: VCardTimestamp?, theirs: VCardTimestamp?) -> Bool {
        guard let theirs else { return true }
        guard let ours else { return false }
        return ours >= theirs
    }
}

extension VCardProperty {
    /// The property detached from its card's source bytes, to be written fresh in another card.
    var detached: VCardProperty {
        var copy = self
        copy.sourceRange = nil
        copy.leadingTrivia = nil
        return copy
    }
}
