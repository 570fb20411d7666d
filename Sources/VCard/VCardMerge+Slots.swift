import ByteText
/// One card of a merge with, for each property, its slot key and its content in
/// a form that compares by meaning (escapes, quoted-printable, parameter order
/// and case, folding and `TYPE=pref`/`PREF=1` do not count as changes).
struct CardSlots {
    let card: VCard
    /// The slot key of each property, parallel to `card.properties`.
    let keys: [String]
    /// The comparable content of each property, parallel to `card.properties`.
    let contents: [String]
    /// The property index of each slot key.
    let index: [String: Int]
    /// The card's `REV`, if it has a readable one.
    let revision: VCardTimestamp?

    init(_ card: VCard, single: Set<String>) {
        self.card = card
        var keys: [String] = []
        var index: [String: Int] = [:]
        var occurrences: [String: Int] = [:]
        for (position, property) in card.properties.enumerated() {
            var key: String
            if let singleKey = SlotKeys.singleKey(property), single.contains(singleKey) {
                key = singleKey
            } else {
                key = SlotKeys.entryKey(property)
                // The same entry twice in one card: pair them up by order across the cards.
                let seen = occurrences[key, default: 0]
                occurrences[key] = seen + 1
                if seen > 0 { key += "#\(seen + 1)" }
            }
            keys.append(key)
            index[key] = position
        }
        self.keys = keys
        self.index = index
        self.contents = card.properties.map(SlotKeys.content)
        self.revision = card.first(named: "REV").flatMap { VCardTimestamp(vCardText: String($0.textValue.trimmingASCIIWhitespace())) }
    }

    /// The comparable content of the slot `key`, nil if this card does not have it.
    func content(_ key: String) -> String? {
        index[key].map { contents[$0] }
    }

    /// The property in slot `key`, if this card has it.
    func property(_ key: String) -> VCardProperty? {
        index[key].map { card.properties[$0] }
    }
}

/// How properties are matched across the three cards of a merge, and compared.
enum SlotKeys {
    /// The slot key of `REV`, which merges to the later of the two.
    static let revisionKey = "REV"

    /// Properties a card has once (RFC 6350 cardinality `*1`/`1`, and Cardbox's
    /// own): they merge as one value. Any of them found twice in a card merges
    /// as a set instead, like every other property.
    static let singleNames: Set<String> = [
        "VERSION", "FN", "N", "ORG", "TITLE", "ROLE", "NOTE", "BDAY", "ANNIVERSARY", "GENDER", "PHOTO", "LOGO",
        "SOUND", "UID", "KIND", "REV", "PRODID", "SORT-STRING", "TZ", "GEO", "CLASS", "NICKNAME", "CATEGORIES",
        "X-TAGS", "X-DELETED-AT", "X-SOURCE", "CREATED", "X-ADDRESSBOOKSERVER-KIND",
    ]

    /// The slot key of a single-valued property (`X-CUSTOM` by its `X-KEY`), nil for list entries.
    static func singleKey(_ property: VCardProperty) -> String? {
        let prefix = property.group.map { $0.lowercased() + "." } ?? ""
        if property.upperName == "X-CUSTOM" {
            return prefix + "X-CUSTOM;" + (property.parameterValue("X-KEY") ?? "")
        }
        return singleNames.contains(property.upperName) ? prefix + property.upperName : nil
    }

    /// The single-valued slot keys that no card has more than once.
    static func singleKeys(in cards: [VCard]) -> Set<String> {
        var allowed: Set<String> = []
        var repeated: Set<String> = []
        for card in cards {
            var seen: Set<String> = []
            for property in card.properties {
                guard let key = singleKey(property) else { continue }
                if !seen.insert(key).inserted { repeated.insert(key) }
            }
            allowed.formUnion(seen)
        }
        return allowed.subtracting(repeated)
    }

    /// The slot key of a list entry: group, name and normalized value (an email
    /// address in lower case, a phone number's digits, other text trimmed and in lower case).
    static func entryKey(_ property: VCardProperty) -> String {
        let prefix = property.group.map { $0.lowercased() + "." } ?? ""
        return prefix + property.upperName + ":" + identity(property)
    }

    private static func identity(_ property: VCardProperty) -> String {
        if let payload = base64(property) { return payload }
        var text = property.textValue.trimmingASCIIWhitespace().lowercased()
        switch property.upperName {
        case "EMAIL":
            if text.hasPrefix("mailto:") { text.removeFirst(7) }
            return text
        case "TEL":
            let digits = text.filter(\.isWholeNumber)
            return digits.isEmpty ? text : digits
        default:
            guard VCard.compoundProperties.contains(property.upperName) else { return text }
            return trimmedComponents(property).map { $0.trimmingASCIIWhitespace().lowercased() }.joined(separator: "\u{1F}")
        }
    }

    /// The property's meaning as one string: name, group, parameters (types as
    /// a sorted set, preference as a number) and value, without transfer encoding
    /// or escapes. Two properties with the same content say the same thing.
    static func content(_ property: VCardProperty) -> String {
        var parameters: [String] = []
        let types = Set(property.types.filter { $0 != "pref" && $0 != "quoted-printable" && $0 != "base64" })
        if !types.isEmpty { parameters.append("TYPE=" + types.sorted().joined(separator: ",")) }
        if let preference = property.preference { parameters.append("PREF=\(preference)") }
        for parameter in property.parameters {
            let name = parameter.name.uppercased()
            guard !["TYPE", "PREF", "ENCODING", "CHARSET"].contains(name) else { continue }
            parameters.append(name + "=" + parameter.values.joined(separator: ","))
        }
        parameters.sort()
        let group = property.group.map { $0.lowercased() + "." } ?? ""
        return group + property.upperName + ";" + parameters.joined(separator: ";") + ":" + comparableValue(property)
    }

    private static func comparableValue(_ property: VCardProperty) -> String {
        if let payload = base64(property) { return "base64," + payload }
        if VCard.compoundProperties.contains(property.upperName) {
            return trimmedComponents(property).joined(separator: "\u{1F}")
        }
        if isEntryList(property) { return entries(property).joined(separator: "\u{1F}") }
        return property.textValue
    }

    /// The base64 text of an embedded photo (or other media) without line
    /// breaks and spaces, nil for other values. Like ``VCardProperty/base64Payload``,
    /// but working on bytes: photos are megabytes.
    private static func base64(_ property: VCardProperty) -> String? {
        guard property.isBase64 else { return property.base64Payload.map(String.init) }
        return String(decoding: property.value.utf8.filter { !ASCII.isWhitespace($0) && $0 != ASCII.cr && $0 != ASCII.lf },
                      as: UTF8.self)
    }

    /// Components without the empty ones at the end (`N:Doe;Ann;;;` says what `N:Doe;Ann` says).
    private static func trimmedComponents(_ property: VCardProperty) -> [String] {
        var components = property.components
        while components.last?.isEmpty == true { components.removeLast() }
        return components
    }

    // MARK: - Text lists

    /// True for the comma-separated text lists whose entries merge as a set.
    static func isEntryList(_ property: VCardProperty) -> Bool {
        VCard.listProperties.contains(property.upperName)
    }

    /// The non-empty entries of a text list, trimmed.
    static func entries(_ property: VCardProperty) -> [String] {
        property.listValues.map { String($0.trimmingASCIIWhitespace()) }.filter { !$0.isEmpty }
    }

    /// A three-way merge of list entries, compared case-insensitively: the
    /// primary's entries in order, without those the other side removed, then
    /// those the other side added.
    static func mergeEntries(base: [String], primary: [String], other: [String]) -> [String] {
        let baseSet = Set(base.map { $0.lowercased() })
        let otherSet = Set(other.map { $0.lowercased() })
        var result = primary.filter { !baseSet.contains($0.lowercased()) || otherSet.contains($0.lowercased()) }
        var present = Set(result.map { $0.lowercased() })
        for entry in other where !baseSet.contains(entry.lowercased()) && present.insert(entry.lowercased()).inserted {
            result.append(entry)
        }
        return result
    }

    /// `property` holding `entries` (unchanged, source bytes included, when it already does).
    static func withEntries(_ property: VCardProperty, _ entries: [String]) -> VCardProperty {
        guard self.entries(property) != entries else { return property }
        var changed = property
        changed.value = VCardEscaping.escapeList(entries, semicolons: false)
        return changed
    }

    // MARK: - Compound values

    /// True for a single-valued `N` or `ORG`, whose components merge one by one.
    static func mergesComponents(_ property: VCardProperty, key: String) -> Bool {
        (property.upperName == "N" || property.upperName == "ORG") && singleKey(property) == key
    }

    /// A three-way merge of components: each changed on one side takes that
    /// side; changed differently on both, the winner's.
    static func mergeComponents(base: [String], ours: [String], theirs: [String], oursWins: Bool) -> [String] {
        let count = max(ours.count, theirs.count)
        func at(_ components: [String], _ index: Int) -> String { index < components.count ? components[index] : "" }
        return (0..<count).map { index in
            let (b, o, t) = (at(base, index), at(ours, index), at(theirs, index))
            if o == t || t == b { return o }
            if o == b { return t }
            return oursWins ? o : t
        }
    }

    /// `property` holding `components` (unchanged, source bytes included, when it already says that).
    static func withComponents(_ property: VCardProperty, _ components: [String]) -> VCardProperty {
        var current = property.components
        var wanted = components
        while current.last?.isEmpty == true { current.removeLast() }
        while wanted.last?.isEmpty == true { wanted.removeLast() }
        guard current != wanted else { return property }
        var changed = property
        changed.value = VCardEscaping.escapeComponents(components)
        return changed
    }
}
