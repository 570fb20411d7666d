import JSON
import VCard

/// A contact packed into one byte buffer, the form the index keeps in memory.
///
/// A ``Contact`` value holds a dozen separately allocated strings and arrays
/// (about 1.6 KB per contact); a record holds the same text back to back with
/// varint lengths (about 300 bytes), so a million contacts fit in memory. The
/// contact is decoded when it is needed — a page of results, a write — which
/// costs about a microsecond. The id is not part of the record: the index
/// entry keeps it.
///
/// Layout, in field order: strings as varint length + UTF-8; optional strings
/// as varint (length + 1), 0 for nil; lists as a varint count of items;
/// labels as their case index; timestamps as zigzag varints.
struct ContactRecord {
    /// Packs every field of `contact` except its id.
    static func encode(_ contact: Contact) -> [UInt8] {
        var writer = Writer()
        writer.string(contact.displayName)
        writer.optional(contact.firstName)
        writer.optional(contact.lastName)
        writer.count(contact.emails.count)
        for email in contact.emails {
            writer.string(email.address)
            writer.label(email.label)
            writer.bool(email.primary)
        }
        writer.count(contact.phones.count)
        for phone in contact.phones {
            writer.string(phone.number)
            writer.label(phone.label)
            writer.bool(phone.primary)
        }
        writer.optional(contact.company)
        writer.optional(contact.jobTitle)
        writer.count(contact.addresses.count)
        for address in contact.addresses {
            writer.optional(address.street)
            writer.optional(address.city)
            writer.optional(address.state)
            writer.optional(address.postalCode)
            writer.optional(address.country)
            writer.label(address.label)
        }
        writer.optional(contact.notes)
        writer.optional(contact.avatarPath)
        writer.count(contact.tags.count)
        for tag in contact.tags { writer.string(tag) }
        if let fields = contact.customFields {
            writer.count(fields.count + 1)
            for field in fields {
                writer.string(field.key)
                writer.json(field.value)
            }
        } else {
            writer.count(0)
        }
        writer.string(contact.source)
        writer.time(contact.createdAt)
        writer.time(contact.updatedAt)
        if let deletedAt = contact.deletedAt {
            writer.bool(true)
            writer.time(deletedAt)
        } else {
            writer.bool(false)
        }
        return writer.bytes
    }

    /// Unpacks a record made by ``encode(_:)``, giving the contact `id`.
    static func decode(_ record: [UInt8], id: String) -> Contact {
        record.withUnsafeBufferPointer { buffer in
            var reader = Reader(buffer: buffer)
            let displayName = reader.string()
            let firstName = reader.optional()
            let lastName = reader.optional()
            let emails = (0..<reader.count()).map { _ in
                Contact.Email(address: reader.string(), label: reader.label(), primary: reader.bool())
            }
            let phones = (0..<reader.count()).map { _ in
                Contact.Phone(number: reader.string(), label: reader.label(), primary: reader.bool())
            }
            let company = reader.optional()
            let jobTitle = reader.optional()
            let addresses = (0..<reader.count()).map { _ in
                Contact.Address(street: reader.optional(), city: reader.optional(), state: reader.optional(),
                                postalCode: reader.optional(), country: reader.optional(), label: reader.label())
            }
            let notes = reader.optional()
            let avatarPath = reader.optional()
            let tags = (0..<reader.count()).map { _ in reader.string() }
            let fieldCount = reader.count()
            let customFields = fieldCount == 0 ? nil : (1..<fieldCount).map { _ in
                Contact.CustomField(key: reader.string(), value: reader.json())
            }
            let source = reader.string()
            let createdAt = reader.time()
            let updatedAt = reader.time()
            let deletedAt = reader.bool() ? reader.time() : nil
            return Contact(id: id, displayName: displayName, firstName: firstName, lastName: lastName, emails: emails,
                           phones: phones, company: company, jobTitle: jobTitle, addresses: addresses, notes: notes,
                           avatarPath: avatarPath, tags: tags, customFields: customFields, source: source,
                           createdAt: createdAt, updatedAt: updatedAt, deletedAt: deletedAt)
        }
    }

    private enum JSONTag: UInt8 {
        case null, falseValue, trueValue, number, string, array, object
    }

    private struct Writer {
        var bytes: [UInt8] = []

        init() {
            bytes.reserveCapacity(256)
        }

        mutating func count(_ value: Int) {
            varint(UInt64(value))
        }

        mutating func varint(_ value: UInt64) {
            var rest = value
            while rest >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }

        mutating func string(_ text: String) {
            count(text.utf8.count)
            bytes.append(contentsOf: text.utf8)
        }

        mutating func optional(_ text: String?) {
            guard let text else { return count(0) }
            count(text.utf8.count + 1)
            bytes.append(contentsOf: text.utf8)
        }

        mutating func bool(_ value: Bool) {
            bytes.append(value ? 1 : 0)
        }

        mutating func label<L: CaseIterable & Equatable>(_ label: L) {
            bytes.append(UInt8(L.allCases.distance(from: L.allCases.startIndex, to: L.allCases.firstIndex(of: label)!)))
        }

        mutating func time(_ time: VCardTimestamp) {
            let value = time.secondsSince1970
            varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
        }

        mutating func json(_ value: JSONValue) {
            switch value {
            case .null: bytes.append(JSONTag.null.rawValue)
            case .bool(let flag): bytes.append((flag ? JSONTag.trueValue : .falseValue).rawValue)
            case .number(let text):
                bytes.append(JSONTag.number.rawValue)
                string(text)
            case .string(let text):
                bytes.append(JSONTag.string.rawValue)
                string(text)
            case .array(let items):
                bytes.append(JSONTag.array.rawValue)
                count(items.count)
                for item in items { json(item) }
            case .object(let object):
                bytes.append(JSONTag.object.rawValue)
                count(object.members.count)
                for member in object.members {
                    string(member.key)
                    json(member.value)
                }
            }
        }
    }

    private struct Reader {
        let buffer: UnsafeBufferPointer<UInt8>
        var position = 0

        mutating func count() -> Int {
            Int(truncatingIfNeeded: varint())
        }

        mutating func varint() -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let byte = buffer[position]
                position += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }

        mutating func bytes(_ length: Int) -> String {
            let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[position..<position + length]), as: UTF8.self)
            position += length
            return text
        }

        mutating func string() -> String {
            bytes(count())
        }

        mutating func optional() -> String? {
            let length = count()
            return length == 0 ? nil : bytes(length - 1)
        }

        mutating func bool() -> Bool {
            position += 1
            return buffer[position - 1] != 0
        }

        mutating func label<L: CaseIterable>() -> L {
            position += 1
            let cases = L.allCases
            return cases[cases.index(cases.startIndex, offsetBy: Int(buffer[position - 1]))]
        }

        mutating func time() -> VCardTimestamp {
            let zigzag = varint()
            return VCardTimestamp(secondsSince1970: Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1))
        }

        mutating func json() -> JSONValue {
            position += 1
            switch JSONTag(rawValue: buffer[position - 1]) {
            case .null, nil: return .null
            case .falseValue: return .bool(false)
            case .trueValue: return .bool(true)
            case .number: return .number(string())
            case .string: return .string(string())
            case .array: return .array((0..<count()).map { _ in json() })
            case .object:
                return .object(JSONObject((0..<count()).map { _ in JSONObject.Member(key: string(), value: json()) }))
            }
        }
    }
}
