import JSON
import VCard

/// Writes a contact's changes into a card with the smallest possible diff
/// (SPEC §1.1): only the properties whose value changed are touched; every other
/// line — unknown properties, other tools' `X-` lines, grouped labels, photos —
/// stays byte-identical and in place. A 3.0 card is written in 3.0 syntax;
/// 2.1 cards and cards without `VERSION` must be upgraded first (``prepare(_:)``).
struct ContactCardWriter {
    var card: VCard
    private let isVersion3: Bool

    /// A writer for `card`, upgraded to 4.0 first if it is 2.1 or has no `VERSION`.
    init(card: VCard) {
        var card = card
        if card.version == nil || card.version == .v2_1 {
            card = card.upgradedToVersion4()
        }
        self.card = card
        isVersion3 = card.version == .v3_0
    }

    /// Applies every difference between `old` (what the card says now) and `new`.
    mutating func apply(from old: Contact, to new: Contact) {
        if old.displayName != new.displayName { setText("FN", new.displayName) }
        if old.firstName != new.firstName || old.lastName != new.lastName { setName(first: new.firstName, last: new.lastName) }
        if old.emails != new.emails { syncEmails(old: old.emails, new: new.emails) }
        if old.phones != new.phones { syncPhones(old: old.phones, new: new.phones) }
        if old.company != new.company { setCompany(new.company) }
        if old.jobTitle != new.jobTitle { setText("TITLE", new.jobTitle) }
        if old.addresses != new.addresses { syncAddresses(old: old.addresses, new: new.addresses) }
        if old.notes != new.notes { setText("NOTE", new.notes) }
        if old.avatarPath != new.avatarPath { setAvatar(new.avatarPath) }
        if old.tags != new.tags { setTags(new.tags) }
        if old.customFields != new.customFields { syncCustomFields(old: old.customFields ?? [], new: new.customFields ?? []) }
        if old.source != new.source { setRaw("X-SOURCE", VCardEscaping.escape(new.source, semicolons: isVersion3)) }
        if old.deletedAt != new.deletedAt { setRaw("X-DELETED-AT", new.deletedAt?.vCardText) }
        // Out of the trash is out of a merge too (SPEC §10: restore undoes a merge).
        if old.deletedAt != nil, new.deletedAt == nil { setRaw("X-MERGED-INTO", nil) }
    }

    /// Marks a contact trashed by a merge with the id it was merged into (`X-MERGED-INTO`).
    mutating func markMerged(into id: String) {
        setText("X-MERGED-INTO", id)
    }

    /// Stamps `REV` with `now` and adds `CREATED` (RFC 9554) if the card has none,
    /// with the creation time already reported so `created_at` never moves.
    mutating func stamp(now: VCardTimestamp, createdAt: VCardTimestamp) {
        if card.first(named: "CREATED") == nil { setRaw("CREATED", createdAt.vCardText) }
        setRaw("REV", now.vCardText)
    }

    // MARK: Single properties

    private mutating func setText(_ name: String, _ text: String?) {
        setRaw(name, text.map { VCardEscaping.escape($0, semicolons: isVersion3) })
    }

    /// Sets the first property `name` to an already escaped value, removes the
    /// rest of that name when `value` is nil, or appends the property if missing.
    private mutating func setRaw(_ name: String, _ value: String?) {
        let indices = card.indices(named: name)
        guard let value else {
            removeProperties(at: indices)
            return
        }
        if let first = indices.first {
            Self.setValue(&card.properties[first], value)
        } else {
            append(VCardProperty(name: name, value: value))
        }
    }

    private mutating func setName(first: String?, last: String?) {
        if let index = card.indices(named: "N").first {
            var components = card.properties[index].components
            while components.count < 5 { components.append("") }
            components[0] = last ?? ""
            components[1] = first ?? ""
            Self.setValue(&card.properties[index], VCardEscaping.escapeComponents(components))
        } else if first != nil || last != nil {
            append(VCardProperty(name: "N", value: VCardEscaping.escapeComponents([last ?? "", first ?? "", "", "", ""])))
        }
    }

    private mutating func setCompany(_ company: String?) {
        if let index = card.indices(named: "ORG").first {
            var components = card.properties[index].components
            components[0] = company ?? ""
            if components.allSatisfy(\.isEmpty) {
                removeProperties(at: [index])
            } else {
                Self.setValue(&card.properties[index], VCardEscaping.escapeComponents(components))
            }
        } else if let company {
            append(VCardProperty(name: "ORG", value: VCardEscaping.escapeComponents([company])))
        }
    }

    private mutating func setAvatar(_ path: String?) {
        let photos = card.indices(named: "PHOTO")
        guard let path else {
            removeProperties(at: photos.filter { FileURI.path(from: card.properties[$0].value) != nil })
            return
        }
        let uri = FileURI.uri(forPath: path)
        if let first = photos.first {
            var photo = card.properties[first]
            photo.parameters = isVersion3 ? [VCardParameter(name: "VALUE", values: ["uri"])] : []
            photo.value = uri
            card.properties[first] = photo
        } else {
            append(VCardProperty(name: "PHOTO", parameters: isVersion3 ? [VCardParameter(name: "VALUE", values: ["uri"])] : [],
                                 value: uri))
        }
    }

    private mutating func setTags(_ tags: [String]) {
        let indices = card.indices(named: "X-TAGS")
        guard !tags.isEmpty else {
            removeProperties(at: indices)
            return
        }
        let value = VCardEscaping.escapeList(tags, semicolons: false)
        if let first = indices.first {
            Self.setValue(&card.properties[first], value)
            removeProperties(at: Array(indices.dropFirst()))
        } else {
            append(VCardProperty(name: "X-TAGS", value: value))
        }
    }

    private mutating func syncCustomFields(old: [Contact.CustomField], new: [Contact.CustomField]) {
        let newByKey = Dictionary(new.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        var removals: [Int] = []
        var present = Set<String>()
        for index in card.indices(named: "X-CUSTOM") {
            guard let key = card.properties[index].parameterValue("X-KEY") else { continue }
            guard let value = newByKey[key], !present.contains(key) else {
                removals.append(index)
                continue
            }
            present.insert(key)
            if CustomFieldText.decode(card.properties[index].textValue) != value {
                Self.setValue(&card.properties[index], VCardEscaping.escape(CustomFieldText.encode(value), semicolons: isVersion3))
            }
        }
        removeProperties(at: removals)
        for field in new where !present.contains(field.key) {
            append(VCardProperty(name: "X-CUSTOM", parameters: [VCardParameter(name: "X-KEY", values: [field.key])],
                                 value: VCardEscaping.escape(CustomFieldText.encode(field.value), semicolons: isVersion3)))
        }
    }

    // MARK: Helpers

    /// Replaces a property's value; a transfer encoding no longer applies to the new text.
    static func setValue(_ property: inout VCardProperty, _ value: String) {
        if property.isQuotedPrintable || property.isBase64 || property.hasParameter("CHARSET") {
            property.parameters.removeAll { $0.hasName("ENCODING") || $0.hasName("CHARSET") }
        }
        if property.value != value { property.value = value }
    }

    mutating func append(_ property: VCardProperty) {
        card.properties.append(property)
    }

    /// Removes the properties at `indices` and their grouped companions
    /// (`item1.X-ABLabel` goes with `item1.EMAIL`).
    mutating func removeProperties(at indices: [Int]) {
        guard !indices.isEmpty else { return }
        var doomed = Set(indices)
        for mate in card.groupMates(of: indices) where card.properties[mate].upperName.hasPrefix("X-") {
            doomed.insert(mate)
        }
        card.properties = card.properties.enumerated().filter { !doomed.contains($0.offset) }.map(\.element)
    }

    var version3: Bool { isVersion3 }
}
