import VCard

/// What `POST /contacts/:id/merge` makes of a target and the contacts merged
/// into it (SPEC §10), nothing lost: the target gains every email, phone,
/// address and tag of the others that it lacks, their custom keys it lacks,
/// its empty scalars are filled, differing notes are joined, and every other
/// property of their files (BDAY, URL, IMPP, embedded PHOTO, X- properties…)
/// is carried over when the target has none of that name. Pure: the store
/// writes the result.
struct ContactMerge {
    /// The target's contact as it becomes.
    private(set) var contact: Contact
    /// Properties of the others' files to append to the target's card.
    private(set) var carried: [VCardProperty] = []
    /// Property names the target's card has (or gained), upper-cased.
    private var present: Set<String>
    /// Group names the target's card uses (or gained), upper-cased.
    private var groups: Set<String>
    private let defaultCountry: CallingCountry?

    /// Properties the contact mapping covers (SPEC §1.3) or the card's frame:
    /// merged field by field, never carried as lines.
    static let mappedNames: Set<String> = [
        "BEGIN", "END", "VERSION", "PRODID", "UID", "FN", "N", "EMAIL", "TEL", "ADR", "ORG", "TITLE", "NOTE",
        "X-TAGS", "X-CUSTOM", "X-SOURCE", "CREATED", "REV", "X-DELETED-AT", "X-MERGED-INTO", "KIND",
        "X-ADDRESSBOOKSERVER-KIND",
    ]

    init(target: Contact, card: VCard, defaultCountry: CallingCountry? = nil) {
        contact = target
        present = Set(card.properties.map(\.upperName))
        groups = Set(card.properties.compactMap { $0.group?.uppercased() })
        self.defaultCountry = defaultCountry
    }

    /// Takes in one more contact and its card.
    mutating func absorb(_ other: Contact, card: VCard) {
        absorbFields(other)
        carryProperties(of: card.version == nil || card.version == .v2_1 ? card.upgradedToVersion4() : card,
                        otherHasAvatarPath: other.avatarPath != nil)
    }

    private mutating func absorbFields(_ other: Contact) {
        for email in other.emails where !contact.emails.contains(where: { Self.sameAddress($0.address, email.address) }) {
            contact.emails.append(Contact.Email(address: email.address, label: email.label))
        }
        for phone in other.phones where !contact.phones.contains(where: { samePhone($0.number, phone.number) }) {
            contact.phones.append(Contact.Phone(number: phone.number, label: phone.label))
        }
        for address in other.addresses where !contact.addresses.contains(where: { Self.sameAddress($0, address) }) {
            contact.addresses.append(address)
        }
        for tag in other.tags where !contact.tags.contains(where: { $0.lowercased() == tag.lowercased() }) {
            contact.tags.append(tag)
        }
        if let fields = other.customFields {
            var merged = contact.customFields ?? []
            for field in fields where !merged.contains(where: { $0.key == field.key }) { merged.append(field) }
            merged.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            contact.customFields = merged
        }
        Self.fill(&contact.firstName, other.firstName)
        Self.fill(&contact.lastName, other.lastName)
        Self.fill(&contact.company, other.company)
        Self.fill(&contact.jobTitle, other.jobTitle)
        Self.fill(&contact.avatarPath, other.avatarPath)
        if let notes = other.notes, !notes.isEmpty {
            if let own = contact.notes, !own.isEmpty {
                if !own.contains(notes) { contact.notes = own + "\n\n" + notes }
            } else {
                contact.notes = notes
            }
        }
    }

    /// Carries the properties the mapping does not cover, by name, when the
    /// target has none of that name. A group (`item1.URL` with its
    /// `item1.X-ABLabel`) travels whole under a fresh group name when one of
    /// its properties is carried, unless it belongs to a mapped property (an
    /// email's label stays with that email, which is merged field by field).
    private mutating func carryProperties(of card: VCard, otherHasAvatarPath: Bool) {
        var carriedNames: Set<String> = []
        func wanted(_ property: VCardProperty) -> Bool {
            let name = property.upperName
            guard !Self.mappedNames.contains(name), name != "X-ABLABEL", !(name == "PHOTO" && otherHasAvatarPath) else { return false }
            return !present.contains(name) || carriedNames.contains(name)
        }
        var members: [String: [VCardProperty]] = [:]
        for property in card.properties {
            if let group = property.group?.uppercased() { members[group, default: []].append(property) }
        }
        var handledGroups: Set<String> = []
        for property in card.properties {
            guard let group = property.group?.uppercased() else {
                if wanted(property) {
                    carried.append(property)
                    carriedNames.insert(property.upperName)
                }
                continue
            }
            guard handledGroups.insert(group).inserted else { continue }
            let mates = members[group] ?? []
            guard !mates.contains(where: { Self.mappedNames.contains($0.upperName) }), mates.contains(where: wanted) else { continue }
            let fresh = freshGroup()
            for var mate in mates {
                mate.group = fresh
                carried.append(mate)
                carriedNames.insert(mate.upperName)
            }
        }
        present.formUnion(carriedNames)
    }

    private mutating func freshGroup() -> String {
        var number = 1
        while groups.contains("MERGED\(number)") { number += 1 }
        groups.insert("MERGED\(number)")
        return "merged\(number)"
    }

    private static func fill(_ value: inout String?, _ other: String?) {
        if value?.isEmpty ?? true, let other, !other.isEmpty { value = other }
    }

    private static func sameAddress(_ a: String, _ b: String) -> Bool {
        TextFolding.fold(TextTrimming.trimmed(a)) == TextFolding.fold(TextTrimming.trimmed(b))
    }

    private static func sameAddress(_ a: Contact.Address, _ b: Contact.Address) -> Bool {
        func key(_ address: Contact.Address) -> [[UInt8]] {
            [address.street, address.city, address.state, address.postalCode, address.country].map {
                TextFolding.fold(TextTrimming.trimmed($0 ?? ""))
            }
        }
        return key(a) == key(b)
    }

    /// The same number, national and international forms alike (``PhoneKey``); short numbers by their digits.
    private func samePhone(_ a: String, _ b: String) -> Bool {
        if let x = PhoneKey(a, defaultCountry: defaultCountry), let y = PhoneKey(b, defaultCountry: defaultCountry) {
            return x.matches(y)
        }
        return TextFolding.digits(a) == TextFolding.digits(b)
    }
}
