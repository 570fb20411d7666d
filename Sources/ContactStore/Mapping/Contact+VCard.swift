import JSON
import VCard

extension Contact {
    /// Maps a card to a contact as SPEC §1.3's table says.
    /// - Parameters:
    ///   - id: the file name without `.vcf`.
    ///   - fileModified: the file's mtime, used when `CREATED`/`REV` are missing.
    public init(card: VCard, id: String, fileModified: VCardTimestamp) {
        // One pass over the properties; the first of each single-valued property counts.
        var fn: VCardProperty?, n: VCardProperty?, org: VCardProperty?, title: VCardProperty?, note: VCardProperty?
        var photo: VCardProperty?, source: VCardProperty?, created: VCardProperty?, rev: VCardProperty?, deleted: VCardProperty?
        var emails: [Email] = [], phones: [Phone] = [], addresses: [Address] = [], tags: [String] = []
        var customFields: [CustomField] = []
        for property in card.properties {
            switch property.upperName {
            case "FN": if fn == nil { fn = property }
            case "N": if n == nil { n = property }
            case "ORG": if org == nil { org = property }
            case "TITLE": if title == nil { title = property }
            case "NOTE": if note == nil { note = property }
            case "PHOTO": if photo == nil { photo = property }
            case "X-SOURCE": if source == nil { source = property }
            case "CREATED": if created == nil { created = property }
            case "REV": if rev == nil { rev = property }
            case "X-DELETED-AT": if deleted == nil { deleted = property }
            case "EMAIL": emails.append(ContactFieldReading.email(property))
            case "TEL": phones.append(ContactFieldReading.phone(property))
            case "ADR": addresses.append(ContactFieldReading.address(property))
            case "X-TAGS":
                for tag in property.listValues {
                    let trimmed = TextTrimming.trimmed(tag)
                    if !trimmed.isEmpty { tags.append(trimmed) }
                }
            case "X-CUSTOM":
                guard let key = property.parameterValue("X-KEY") else { continue }
                customFields.removeAll { $0.key == key }
                customFields.append(CustomField(key: key, value: CustomFieldText.decode(property.textValue)))
            default: continue
            }
        }
        let name = n?.components ?? []
        let given = ContactFieldReading.nonEmpty(name.count > 1 ? name[1] : nil)
        let family = ContactFieldReading.nonEmpty(name.first)
        let company = ContactFieldReading.nonEmpty(org?.components.first)
        var displayName = ContactFieldReading.nonEmpty(fn?.textValue)
        if displayName == nil {
            let built = [given, family].compactMap { $0 }.joined(separator: " ")
            displayName = ContactFieldReading.nonEmpty(built) ?? company ?? ContactFieldReading.nonEmpty(emails.first?.address) ?? id
        }
        customFields.sort { $0.key < $1.key }

        self.init(
            id: id,
            displayName: displayName!,
            firstName: given,
            lastName: family,
            emails: emails,
            phones: phones,
            company: company,
            jobTitle: ContactFieldReading.nonEmpty(title?.textValue),
            addresses: addresses,
            notes: ContactFieldReading.nonEmpty(note?.textValue),
            avatarPath: photo.flatMap { FileURI.path(from: $0.value) },
            tags: tags,
            customFields: customFields.isEmpty ? nil : customFields,
            source: ContactFieldReading.nonEmpty(source?.textValue) ?? "file",
            createdAt: created.flatMap { VCardTimestamp(vCardText: $0.value) } ?? fileModified,
            updatedAt: rev.flatMap { VCardTimestamp(vCardText: $0.value) } ?? fileModified,
            deletedAt: deleted.map { VCardTimestamp(vCardText: $0.value) ?? fileModified }
        )
    }
}

/// How each list property of SPEC §1.3 reads; shared with the writer, which
/// compares what it would write with what a property already says.
enum ContactFieldReading {
    /// The text with line breaks normalised to LF (quoted-printable 2.1 values
    /// carry CRLF), or nil when it is blank.
    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !TextTrimming.isBlank(text) else { return nil }
        guard text.utf8.contains(0x0D) else { return text }
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
        if address.lowercased().hasPrefix("mailto:") { address = String(address.dropFirst(7)) }
        let types = property.types
        return Contact.Email(address: address, label: emailLabel(types), primary: isPrimary(property, types))
    }

    /// `PREF=1` (4.0) or `TYPE=pref` (2.1/3.0), given the property's already computed types.
    static func isPrimary(_ property: VCardProperty, _ types: [String]) -> Bool {
        if let pref = property.parameterValue("PREF") { return Int(TextTrimming.trimmed(pref)) ?? 1 == 1 }
        return types.contains("pref")
    }

    static func emailLabel(_ types: [String]) -> EmailLabel {
        if types.contains("work") { return .work }
        if types.contains("home") { return .personal }
        return .other
    }

    static func phone(_ property: VCardProperty) -> Contact.Phone {
        var number = TextTrimming.trimmed(property.textValue)
        if number.lowercased().hasPrefix("tel:") { number = String(number.dropFirst(4)) }
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
