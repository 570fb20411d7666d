import JSON
import VCard

extension Contact {
    /// Maps a card to a contact as SPEC §1.3's table says.
    /// - Parameters:
    ///   - id: the file name without `.vcf`.
    ///   - fileModified: the file's mtime, used when `CREATED`/`REV` are missing.
    public init(card: VCard, id: String, fileModified: VCardTimestamp) {
        // Through a buffer pointer, the properties are read in place: no copy of each one.
        self = card.properties.withUnsafeBufferPointer { Contact(properties: $0, id: id, fileModified: fileModified) }
    }

    private init(properties: UnsafeBufferPointer<VCardProperty>, id: String, fileModified: VCardTimestamp) {
        // One pass over the properties; the first of each single-valued property counts.
        var fn: Int?, n: Int?, org: Int?, title: Int?, note: Int?, photo: Int?, source: Int?, created: Int?, rev: Int?, deleted: Int?
        var emails: [Email] = [], phones: [Phone] = [], addresses: [Address] = [], tags: [String] = []
        var customFields = CustomFieldCollector()
        for index in properties.indices {
            let name = properties[index].upperName
            // The length first: one string comparison per property instead of one per case.
            switch name.utf8.count {
            case 1: if n == nil, name == "N" { n = index }
            case 2: if fn == nil, name == "FN" { fn = index }
            case 3:
                switch name {
                case "TEL": phones.append(ContactFieldReading.phone(properties[index]))
                case "ADR": addresses.append(ContactFieldReading.address(properties[index]))
                case "ORG": if org == nil { org = index }
                case "REV": if rev == nil { rev = index }
                default: continue
                }
            case 4: if note == nil, name == "NOTE" { note = index }
            case 5:
                switch name {
                case "EMAIL": emails.append(ContactFieldReading.email(properties[index]))
                case "TITLE": if title == nil { title = index }
                case "PHOTO": if photo == nil { photo = index }
                default: continue
                }
            case 6:
                guard name == "X-TAGS" else { continue }
                for tag in properties[index].listValues {
                    let trimmed = TextTrimming.trimmed(tag)
                    if !trimmed.isEmpty { tags.append(trimmed) }
                }
            case 7: if created == nil, name == "CREATED" { created = index }
            case 8:
                if name == "X-SOURCE" {
                    if source == nil { source = index }
                    continue
                }
                guard name == "X-CUSTOM", let key = properties[index].parameterValue("X-KEY") else { continue }
                customFields.add(CustomField(key: key, value: CustomFieldText.decode(properties[index].textValue)))
            case 12: if deleted == nil, name == "X-DELETED-AT" { deleted = index }
            default: continue
            }
        }
        func text(_ index: Int?) -> String? { index.map { properties[$0].textValue } }
        func raw(_ index: Int?) -> String? { index.map { properties[$0].value } }
        let name = n.map { properties[$0].components } ?? []
        let given = ContactFieldReading.nonEmpty(name.count > 1 ? name[1] : nil)
        let family = ContactFieldReading.nonEmpty(name.first)
        let company = ContactFieldReading.nonEmpty(org.flatMap { properties[$0].components.first })
        let displayName = ContactFieldReading.nonEmpty(text(fn))
            ?? ContactFieldReading.nonEmpty([given, family].compactMap { $0 }.joined(separator: " "))
            ?? company ?? ContactFieldReading.nonEmpty(emails.first?.address) ?? id
        var sortedFields = customFields.fields
        sortedFields.sort { $0.key < $1.key }

        self.init(
            id: id,
            displayName: displayName,
            firstName: given,
            lastName: family,
            emails: emails,
            phones: phones,
            company: company,
            jobTitle: ContactFieldReading.nonEmpty(text(title)),
            addresses: addresses,
            notes: ContactFieldReading.nonEmpty(text(note)),
            avatarPath: raw(photo).flatMap { FileURI.path(from: $0) },
            tags: tags,
            customFields: sortedFields.isEmpty ? nil : sortedFields,
            source: ContactFieldReading.nonEmpty(text(source)) ?? "file",
            createdAt: raw(created).flatMap { VCardTimestamp(vCardText: $0) } ?? fileModified,
            updatedAt: raw(rev).flatMap { VCardTimestamp(vCardText: $0) } ?? fileModified,
            deletedAt: raw(deleted).map { VCardTimestamp(vCardText: $0) ?? fileModified }
        )
    }
}

/// The `X-CUSTOM` fields of one card in file order, a repeated key's last value
/// replacing the earlier one in place. Cards have a few: a linear search finds a
/// key faster than hashing it, and a table takes over past a few dozen.
private struct CustomFieldCollector {
    private(set) var fields: [Contact.CustomField] = []
    private var positions: [String: Int]?
    private static let linearLimit = 32

    mutating func add(_ field: Contact.CustomField) {
        if positions == nil, fields.count >= Self.linearLimit {
            positions = Dictionary(uniqueKeysWithValues: fields.indices.map { (fields[$0].key, $0) })
        }
        let found = positions != nil ? positions![field.key] : fields.firstIndex { $0.key == field.key }
        if let found {
            fields[found] = field
        } else {
            positions?[field.key] = fields.count
            fields.append(field)
        }
    }
}

/// How each list property of SPEC §1.3 reads; shared with the writer, which
/// compares what it would write with what a property already says.
enum ContactFieldReading {
    /// The text with line breaks normalised to LF (quoted-printable 2.1 values
    /// carry CRLF), or nil when it is blank.
    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !TextTrimming.isBlank(text) else { return nil }
        let hasCR = text.utf8.withContiguousStorageIfAvailable { $0.contains(0x0D) } ?? text.utf8.contains(0x0D)
        guard hasCR else { return text }
        var bytes: [UInt8] = []
        var previousWasCR = false
        for byte in text.utf8 {
            defer { previousWasCR = byte == 0x0D }
            if byte == 0x0A && previousWasCR { continue }
            bytes.append(byte == 0x0D ? 0x0A : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func email(_ property: VCardProperty) -> Contact.Email {
        var address = TextTrimming.trimmed(property.textValue)
        if hasLowercasedPrefix(address, "mailto:") { address = String(address.dropFirst(7)) }
        let types = property.types
        return Contact.Email(address: address, label: emailLabel(types), primary: isPrimary(property, types))
    }

    /// `text.lowercased().hasPrefix(prefix)` for an ASCII lower-case `prefix`, without
    /// lower-casing the whole text when its first byte is ASCII and cannot start the
    /// prefix in either case (most addresses and numbers).
    static func hasLowercasedPrefix(_ text: String, _ prefix: String) -> Bool {
        if let first = text.utf8.first, first < 0x80, first | 0x20 != prefix.utf8.first { return false }
        return text.lowercased().hasPrefix(prefix)
    }

    /// `PREF=1` (4.0) or `TYPE=pref` (2.1/3.0), given the property's already computed types.
    /// A `PREF` that is not a number 1…100 counts as absent (see ``VCardProperty/preferenceParameter``).
    static func isPrimary(_ property: VCardProperty, _ types: [String]) -> Bool {
        if let pref = property.preferenceParameter { return pref == 1 }
        return types.contains("pref")
    }

    static func emailLabel(_ types: [String]) -> EmailLabel {
        if types.contains("work") { return .work }
        if types.contains("home") { return .personal }
        return .other
    }

    static func phone(_ property: VCardProperty) -> Contact.Phone {
        var number = TextTrimming.trimmed(property.textValue)
        if hasLowercasedPrefix(number, "tel:") { number = String(number.dropFirst(4)) }
        let types = property.types
        return Contact.Phone(number: number, label: phoneLabel(types), primary: isPrimary(property, types))
    }

    static func phoneLabel(_ types: [String]) -> PhoneLabel {
        if types.contains("cell") || types.contains("mobile") || types.contains("iphone") { return .mobile }
        if types.contains("work") { return .work }
        if types.contains("home") { return .home }
        return .other
    }

    static func address(_ property: VCardProperty) -> Contact.Address {
        let parts = property.components
        func part(_ index: Int) -> String? { index < parts.count ? nonEmpty(parts[index]) : nil }
        return Contact.Address(street: part(2), city: part(3), state: part(4), postalCode: part(5), country: part(6),
                               label: addressLabel(property.types))
    }

    static func addressLabel(_ types: [String]) -> AddressLabel {
        if types.contains("home") { return .home }
        if types.contains("work") { return .work }
        return .other
    }
}
