import Foundation
import JSON
import VCard

extension Contact {
    /// Maps a card to a contact as SPEC §1.3's table says.
    /// - Parameters:
    ///   - id: the file name without `.vcf`.
    ///   - fileModified: the file's mtime, used when `CREATED`/`REV` are missing.
    public init(card: VCard, id: String, fileModified: VCardTimestamp) {
        let name = card.first(named: "N")?.components ?? []
        let given = ContactFieldReading.nonEmpty(name.count > 1 ? name[1] : nil)
        let family = ContactFieldReading.nonEmpty(name.first)
        let organization = card.first(named: "ORG")?.components ?? []
        let emails = card.all(named: "EMAIL").map(ContactFieldReading.email)
        let company = ContactFieldReading.nonEmpty(organization.first)

        var displayName = ContactFieldReading.nonEmpty(card.first(named: "FN")?.textValue)
        if displayName == nil {
            let built = [given, family].compactMap { $0 }.joined(separator: " ")
            displayName = ContactFieldReading.nonEmpty(built) ?? company ?? ContactFieldReading.nonEmpty(emails.first?.address) ?? id
        }

        var customFields: [CustomField] = []
        for property in card.all(named: "X-CUSTOM") {
            guard let key = property.parameterValue("X-KEY") else { continue }
            let field = CustomField(key: key, value: CustomFieldText.decode(property.textValue))
            if let existing = customFields.firstIndex(where: { $0.key == key }) {
                customFields[existing] = field
            } else {
                customFields.append(field)
            }
        }
        customFields.sort { $0.key < $1.key }

        self.init(
            id: id,
            displayName: displayName!,
            firstName: given,
            lastName: family,
            emails: emails,
            phones: card.all(named: "TEL").map(ContactFieldReading.phone),
            company: company,
            jobTitle: ContactFieldReading.nonEmpty(card.first(named: "TITLE")?.textValue),
            addresses: card.all(named: "ADR").map(ContactFieldReading.address),
            notes: ContactFieldReading.nonEmpty(card.first(named: "NOTE")?.textValue),
            avatarPath: card.first(named: "PHOTO").flatMap { FileURI.path(from: $0.value) },
            tags: card.all(named: "X-TAGS").flatMap(\.listValues).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            customFields: customFields.isEmpty ? nil : customFields,
            source: ContactFieldReading.nonEmpty(card.first(named: "X-SOURCE")?.textValue) ?? "file",
            createdAt: card.first(named: "CREATED").flatMap { VCardTimestamp(vCardText: $0.value) } ?? fileModified,
            updatedAt: card.first(named: "REV").flatMap { VCardTimestamp(vCardText: $0.value) } ?? fileModified,
            deletedAt: card.first(named: "X-DELETED-AT").map { VCardTimestamp(vCardText: $0.value) ?? fileModified }
        )
    }
}

/// How each list property of SPEC §1.3 reads; shared with the writer, which
/// compares what it would write with what a property already says.
enum ContactFieldReading {
    /// The text with line breaks normalised to LF (quoted-printable 2.1 values
    /// carry CRLF), or nil when it is blank.
    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
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
        var address = property.textValue.trimmingCharacters(in: .whitespaces)
        if address.lowercased().hasPrefix("mailto:") { address = String(address.dropFirst(7)) }
        return Contact.Email(address: address, label: emailLabel(property.types), primary: property.preference == 1)
    }

    static func emailLabel(_ types: [String]) -> EmailLabel {
        if types.contains("work") { return .work }
        if types.contains("home") { return .personal }
        return .other
    }

    static func phone(_ property: VCardProperty) -> Contact.Phone {
        var number = property.textValue.trimmingCharacters(in: .whitespaces)
        if number.lowercased().hasPrefix("tel:") { number = String(number.dropFirst(4)) }
        return Contact.Phone(number: number, label: phoneLabel(property.types), primary: property.preference == 1)
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
