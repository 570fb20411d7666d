/// What duplicate detection knows about one live contact: its normalised
/// UID, emails, phones, name and company, computed once when it enters the
/// detector (``EmailKey``, ``PhoneKey``, ``NameKey``). A class: pairs are
/// scored millions of times, and one reference is cheaper to pass than six.
final class DuplicateFeatures: Sendable {
    let id: String
    let uid: String?
    let emails: [String]
    let phones: [PhoneKey]
    let name: NameKey?
    let company: [UInt8]?

    init(entry: IndexEntry, defaultCountry: CallingCountry?) {
        let contact = entry.contact
        id = contact.id
        uid = entry.uid
        var emails: [String] = []
        for email in contact.emails {
            if let key = EmailKey.normalize(email.address), !emails.contains(key) { emails.append(key) }
        }
        self.emails = emails
        var phones: [PhoneKey] = []
        for phone in contact.phones {
            if let key = PhoneKey(phone.number, defaultCountry: defaultCountry), !phones.contains(key) { phones.append(key) }
        }
        self.phones = phones
        var name = NameKey(contact.displayName)
        if name == nil, contact.firstName != nil || contact.lastName != nil {
            name = NameKey([contact.firstName, contact.lastName].compactMap { $0 }.joined(separator: " "))
        }
        self.name = name
        company = contact.company.map(TextFolding.fold).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The blocking keys: contacts are compared only when they share one.
    /// Exact keys (UID, email, phone, name) and approximate name keys are
    /// told apart by their first letter.
    var blockingKeys: [String] {
        var keys: [String] = []
        if let uid { keys.append("u:" + uid) }
        for email in emails { keys.append("e:" + email) }
        for phone in phones { keys.append("p:" + phone.national) }
        if let name {
            keys.append("n:" + name.exact)
            for key in name.approximateKeys { keys.append("a:" + key) }
        }
        return keys
    }
}
