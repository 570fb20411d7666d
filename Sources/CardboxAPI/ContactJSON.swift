import ContactStore
import JSON

/// The contact object of SPEC §2.2, written by hand in its fixed key order
/// (every key always present), and the compact forms of §2.4.
public enum ContactJSON {
    /// Writes the full contact object.
    public static func write(_ contact: Contact, to writer: inout JSONWriter) {
        writer.raw("{\"id\":")
        writer.string(contact.id)
        writer.raw(",\"display_name\":")
        writer.string(contact.displayName)
        writer.raw(",\"first_name\":")
        writer.optionalString(contact.firstName)
        writer.raw(",\"last_name\":")
        writer.optionalString(contact.lastName)
        writer.raw(",\"emails\":")
        writeEmails(contact.emails, to: &writer)
        writer.raw(",\"phones\":")
        writePhones(contact.phones, to: &writer)
        writer.raw(",\"company\":")
        writer.optionalString(contact.company)
        writer.raw(",\"job_title\":")
        writer.optionalString(contact.jobTitle)
        writer.raw(",\"addresses\":")
        writeAddresses(contact.addresses, to: &writer)
        writer.raw(",\"notes\":")
        writer.optionalString(contact.notes)
        writer.raw(",\"avatar_path\":")
        writer.optionalString(contact.avatarPath)
        writer.raw(",\"tags\":")
        writeStrings(contact.tags, to: &writer)
        writer.raw(",\"custom_fields\":")
        writeCustomFields(contact.customFields, to: &writer)
        writer.raw(",\"source\":")
        writer.string(contact.source)
        writer.raw(",\"created_at\":")
        writer.string(contact.createdAt.rfc3339)
        writer.raw(",\"updated_at\":")
        writer.string(contact.updatedAt.rfc3339)
        writer.raw(",\"deleted_at\":")
        writer.optionalString(contact.deletedAt?.rfc3339)
        writer.raw("}")
    }

    /// The full contact with every null or empty key left out (§2.4, single record).
    public static func writeCompactFull(_ contact: Contact, to writer: inout JSONWriter) {
        var members = MemberWriter(writer: writer)
        members.string("id", contact.id)
        members.string("display_name", contact.displayName)
        members.string("first_name", contact.firstName)
        members.string("last_name", contact.lastName)
        if !contact.emails.isEmpty { members.key("emails"); writeEmails(contact.emails, to: &members.writer) }
        if !contact.phones.isEmpty { members.key("phones"); writePhones(contact.phones, to: &members.writer) }
        members.string("company", contact.company)
        members.string("job_title", contact.jobTitle)
        if !contact.addresses.isEmpty { members.key("addresses"); writeAddresses(contact.addresses, to: &members.writer) }
        members.string("notes", contact.notes)
        members.string("avatar_path", contact.avatarPath)
        if !contact.tags.isEmpty { members.key("tags"); writeStrings(contact.tags, to: &members.writer) }
        if let fields = contact.customFields, !fields.isEmpty {
            members.key("custom_fields")
            writeCustomFields(fields, to: &members.writer)
        }
        members.string("source", contact.source)
        members.string("created_at", contact.createdAt.rfc3339)
        members.string("updated_at", contact.updatedAt.rfc3339)
        members.string("deleted_at", contact.deletedAt?.rfc3339)
        writer = members.finish()
    }

    /// A list item of `?format=compact` (§2.4): `id, display_name, email, phone,
    /// company, job_title, tags, deleted_at`, with the primary (else first) email
    /// and phone, null and empty keys left out.
    public static func writeCompactItem(_ contact: Contact, to writer: inout JSONWriter) {
        var members = MemberWriter(writer: writer)
        members.string("id", contact.id)
        members.string("display_name", contact.displayName)
        members.string("email", (contact.emails.first { $0.primary } ?? contact.emails.first)?.address)
        members.string("phone", (contact.phones.first { $0.primary } ?? contact.phones.first)?.number)
        members.string("company", contact.company)
        members.string("job_title", contact.jobTitle)
        if !contact.tags.isEmpty { members.key("tags"); writeStrings(contact.tags, to: &members.writer) }
        members.string("deleted_at", contact.deletedAt?.rfc3339)
        writer = members.finish()
    }

    private static func writeEmails(_ emails: [Contact.Email], to writer: inout JSONWriter) {
        writer.array(emails) { writer, email in
            writer.raw("{\"address\":")
            writer.string(email.address)
            writer.raw(",\"label\":")
            writer.string(email.label.rawValue)
            writer.raw(",\"primary\":")
            writer.bool(email.primary)
            writer.raw("}")
        }
    }

    private static func writePhones(_ phones: [Contact.Phone], to writer: inout JSONWriter) {
        writer.array(phones) { writer, phone in
            writer.raw("{\"number\":")
            writer.string(phone.number)
            writer.raw(",\"label\":")
            writer.string(phone.label.rawValue)
            writer.raw(",\"primary\":")
            writer.bool(phone.primary)
            writer.raw("}")
        }
    }

    private static func writeAddresses(_ addresses: [Contact.Address], to writer: inout JSONWriter) {
        writer.array(addresses) { writer, address in
            writer.raw("{\"street\":")
            writer.optionalString(address.street)
            writer.raw(",\"city\":")
            writer.optionalString(address.city)
            writer.raw(",\"state\":")
            writer.optionalString(address.state)
            writer.raw(",\"postal_code\":")
            writer.optionalString(address.postalCode)
            writer.raw(",\"country\":")
            writer.optionalString(address.country)
            writer.raw(",\"label\":")
            writer.string(address.label.rawValue)
            writer.raw("}")
        }
    }

    private static func writeStrings(_ strings: [String], to writer: inout JSONWriter) {
        writer.array(strings) { writer, text in writer.string(text) }
    }

    private static func writeCustomFields(_ fields: [Contact.CustomField]?, to writer: inout JSONWriter) {
        guard let fields else {
            writer.raw("null")
            return
        }
        writer.raw("{")
        for (offset, field) in fields.enumerated() {
            if offset > 0 { writer.raw(",") }
            writer.string(field.key)
            writer.raw(":")
            writer.value(field.value)
        }
        writer.raw("}")
    }
}

/// Writes object members, leaving out nil values, with commas where needed.
private struct MemberWriter {
    var writer: JSONWriter
    private var first = true

    init(writer: JSONWriter) {
        self.writer = writer
        self.writer.raw("{")
    }

    mutating func key(_ name: String) {
        if !first { writer.raw(",") }
        first = false
        writer.string(name)
        writer.raw(":")
    }

    mutating func string(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        writer.string(value)
    }

    mutating func finish() -> JSONWriter {
        writer.raw("}")
        return writer
    }
}
