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
    /// The blocking keys, hashed (see ``keys(uid:emails:phones:name:)``).
    let blockingKeys: [Int]
    /// The blocking key of the exact name: its block's size says how many contacts share the name.
    let nameBlock: Int?

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
        blockingKeys = Self.keys(uid: uid, emails: emails, phones: phones, name: name)
        nameBlock = name.map { Self.hash(3, $0.tokens) }
    }

    /// The blocking keys of a contact, hashed: contacts are compared only when they share
    /// one. Each kind of key (UID, email, phone, name, approximate name) is
    /// hashed with its own tag; a hash collision only costs a comparison.
    private static func keys(uid: String?, emails: [String], phones: [PhoneKey], name: NameKey?) -> [Int] {
        var keys: [Int] = []
        func key(_ tag: UInt8, _ value: some Hashable) { keys.append(hash(tag, value)) }
        if let uid { key(0, uid) }
        for email in emails { key(1, email) }
        for phone in phones { key(2, phone.national) }
        if let name {
            key(3, name.tokens)
            for approximate in name.approximateKeys { key(4, approximate) }
        }
        return keys
    }

    /// The hash of a key; its lowest bit is set for approximate name keys only (tag 4), so a block's kind is known from its key.
    private static func hash(_ tag: UInt8, _ value: some Hashable) -> Int {
        var hasher = Hasher()
        hasher.combine(tag)
        hasher.combine(value)
        return hasher.finalize() & ~1 | (tag == 4 ? 1 : 0)
    }

    /// True for the key of an approximate name block.
    static func isApproximate(_ key: Int) -> Bool { key & 1 == 1 }
}
