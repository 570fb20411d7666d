import JSON
import VCard
@testable import ContactStore

/// SPEC §1.3's mapping written as plainly as possible, the oracle for the load
/// path's optimised `Contact(card:)`: one `switch` over each property's name,
/// compound values split and then unescaped, `lowercased()` prefix checks, a
/// dictionary of custom-field keys, timestamps through the general parser.
enum ReferenceMapping {
    static func contact(_ card: VCard, id: String, fileModified: VCardTimestamp) -> Contact {
        var fn: Int?, n: Int?, org: Int?, title: Int?, note: Int?, photo: Int?, source: Int?, created: Int?, rev: Int?, deleted: Int?
        var emails: [Contact.Email] = [], phones: [Contact.Phone] = [], addresses: [Contact.Address] = [], tags: [String] = []
        var customFields: [Contact.CustomField] = []
        var customFieldPositions: [String: Int] = [:]
        let properties = card.properties
        for index in properties.indices {
            let property = properties[index]
            switch property.upperName {
            case "FN": if fn == nil { fn = index }
            case "N": if n == nil { n = index }
            case "ORG": if org == nil { org = index }
            case "TITLE": if title == nil { title = index }
            case "NOTE": if note == nil { note = index }
            case "PHOTO": if photo == nil { photo = index }
            case "X-SOURCE": if source == nil { source = index }
            case "CREATED": if created == nil { created = index }
            case "REV": if rev == nil { rev = index }
            case "X-DELETED-AT": if deleted == nil { deleted = index }
            case "EMAIL":
                var address = TextTrimming.trimmed(textValue(property))
                if address.lowercased().hasPrefix("mailto:") { address = String(address.dropFirst(7)) }
                let types = property.types
                emails.append(Contact.Email(address: address, label: ContactFieldReading.emailLabel(types),
                                            primary: ContactFieldReading.isPrimary(property, types)))
            case "TEL":
                var number = TextTrimming.trimmed(textValue(property))
                if number.lowercased().hasPrefix("tel:") { number = String(number.dropFirst(4)) }
                let types = property.types
                phones.append(Contact.Phone(number: number, label: ContactFieldReading.phoneLabel(types),
                                            primary: ContactFieldReading.isPrimary(property, types)))
            case "ADR":
                let parts = split(property, ";")
                func part(_ index: Int) -> String? { index < parts.count ? ContactFieldReading.nonEmpty(parts[index]) : nil }
                addresses.append(Contact.Address(street: part(2), city: part(3), state: part(4), postalCode: part(5),
                                                 country: part(6), label: ContactFieldReading.addressLabel(property.types)))
            case "X-TAGS":
                for tag in split(property, ",") {
                    let trimmed = TextTrimming.trimmed(tag)
                    if !trimmed.isEmpty { tags.append(trimmed) }
                }
            case "X-CUSTOM":
                guard let key = property.parameterValue("X-KEY") else { continue }
                let field = Contact.CustomField(key: key, value: CustomFieldText.decode(textValue(property)))
                if let position = customFieldPositions[key] {
                    customFields[position] = field
                } else {
                    customFieldPositions[key] = customFields.count
                    customFields.append(field)
                }
            default: continue
            }
        }
        func text(_ index: Int?) -> String? { index.map { textValue(properties[$0]) } }
        func raw(_ index: Int?) -> String? { index.map { properties[$0].value } }
        let name = n.map { split(properties[$0], ";") } ?? []
        let given = ContactFieldReading.nonEmpty(name.count > 1 ? name[1] : nil)
        let family = ContactFieldReading.nonEmpty(name.first)
        let company = ContactFieldReading.nonEmpty(org.flatMap { split(properties[$0], ";").first })
        let displayName = ContactFieldReading.nonEmpty(text(fn))
            ?? ContactFieldReading.nonEmpty([given, family].compactMap { $0 }.joined(separator: " "))
            ?? company ?? ContactFieldReading.nonEmpty(emails.first?.address) ?? id
        customFields.sort { $0.key < $1.key }
        return Contact(
            id: id, displayName: displayName, firstName: given, lastName: family, emails: emails, phones: phones,
            company: company, jobTitle: ContactFieldReading.nonEmpty(text(title)), addresses: addresses,
            notes: ContactFieldReading.nonEmpty(text(note)), avatarPath: raw(photo).flatMap { FileURI.path(from: $0) },
            tags: tags, customFields: customFields.isEmpty ? nil : customFields,
            source: ContactFieldReading.nonEmpty(text(source)) ?? "file",
            createdAt: raw(created).flatMap(timestamp) ?? fileModified,
            updatedAt: raw(rev).flatMap(timestamp) ?? fileModified,
            deletedAt: raw(deleted).map { timestamp($0) ?? fileModified })
    }

    static func textValue(_ property: VCardProperty) -> String {
        unescape(Substring(property.decodedValue))
    }

    static func split(_ property: VCardProperty, _ separator: Character) -> [String] {
        VCardEscaping.split(property.decodedValue, separator: separator.asciiValue!).map(unescape)
    }

    /// Backslash escapes decoded byte by byte (RFC 6350 §3.4).
    static func unescape(_ text: Substring) -> String {
        var output: [UInt8] = []
        var bytes = text.utf8.makeIterator()
        while let byte = bytes.next() {
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                continue
            }
            guard let next = bytes.next() else {
                output.append(byte)
                break
            }
            switch next {
            case UInt8(ascii: "n"), UInt8(ascii: "N"): output.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "\\"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"): output.append(next)
            default: output.append(contentsOf: [byte, next])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A timestamp through the general parser: `YYYYMMDDTHHMMSSZ` is rewritten
    /// as `YYYY-MM-DDTHH:MM:SSZ`, which the parser reads field by field.
    static func timestamp(_ text: String) -> VCardTimestamp? {
        let bytes = Array(text.utf8)
        let digitPositions = [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14]
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z"),
              digitPositions.allSatisfy({ (0x30...0x39).contains(bytes[$0]) }) else {
            return VCardTimestamp(vCardText: text)
        }
        func part(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        return VCardTimestamp(vCardText: part(0..<4) + "-" + part(4..<6) + "-" + part(6..<8) + "T" + part(9..<11) + ":"
                              + part(11..<13) + ":" + part(13..<15) + "Z")
    }
}
