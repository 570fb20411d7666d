import JSON
import VCard

/// A contact as the API shows it (SPEC §2.2), mapped from one vCard file (SPEC §1.3).
public struct Contact: Sendable, Equatable {
    public var id: String
    public var displayName: String
    public var firstName: String?
    public var lastName: String?
    public var emails: [Email]
    public var phones: [Phone]
    public var company: String?
    public var jobTitle: String?
    public var addresses: [Address]
    public var notes: String?
    /// An absolute path, from a `PHOTO:file://…` URI; nil for embedded or remote photos.
    public var avatarPath: String?
    public var tags: [String]
    /// Custom fields sorted by key; nil when the file has no `X-CUSTOM` lines.
    public var customFields: [CustomField]?
    /// Where the contact came from: `api`, `import`, or `file` when the file has no `X-SOURCE`.
    public var source: String
    public var createdAt: VCardTimestamp
    public var updatedAt: VCardTimestamp
    public var deletedAt: VCardTimestamp?

    public init(id: String, displayName: String, firstName: String? = nil, lastName: String? = nil, emails: [Email] = [],
                phones: [Phone] = [], company: String? = nil, jobTitle: String? = nil, addresses: [Address] = [],
                notes: String? = nil, avatarPath: String? = nil, tags: [String] = [], customFields: [CustomField]? = nil,
                source: String = "api", createdAt: VCardTimestamp, updatedAt: VCardTimestamp, deletedAt: VCardTimestamp? = nil) {
        self.id = id
        self.displayName = displayName
        self.firstName = firstName
        self.lastName = lastName
        self.emails = emails
        self.phones = phones
        self.company = company
        self.jobTitle = jobTitle
        self.addresses = addresses
        self.notes = notes
        self.avatarPath = avatarPath
        self.tags = tags
        self.customFields = customFields
        self.source = source
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
    }

    /// True when soft-deleted (in the trash).
    public var isDeleted: Bool { deletedAt != nil }

    /// The same contact without the timestamps a write refreshes, for "did anything change?".
    func sameContent(as other: Contact) -> Bool {
        var a = self
        let b = other
        a.updatedAt = b.updatedAt
        a.createdAt = b.createdAt
        return a == b
    }

    /// An email address (`EMAIL`).
    public struct Email: Sendable, Hashable {
        public var address: String
        public var label: EmailLabel
        public var primary: Bool

        public init(address: String, label: EmailLabel = .other, primary: Bool = false) {
            self.address = address
            self.label = label
            self.primary = primary
        }
    }

    /// A phone number (`TEL`).
    public struct Phone: Sendable, Hashable {
        public var number: String
        public var label: PhoneLabel
        public var primary: Bool

        public init(number: String, label: PhoneLabel = .other, primary: Bool = false) {
            self.number = number
            self.label = label
            self.primary = primary
        }
    }

    /// A postal address (`ADR` components 3–7).
    public struct Address: Sendable, Hashable {
        public var street: String?
        public var city: String?
        public var state: String?
        public var postalCode: String?
        public var country: String?
        public var label: AddressLabel

        public init(street: String? = nil, city: String? = nil, state: String? = nil, postalCode: String? = nil,
                    country: String? = nil, label: AddressLabel = .other) {
            self.street = street
            self.city = city
            self.state = state
            self.postalCode = postalCode
            self.country = country
            self.label = label
        }
    }

    /// One custom field (`X-CUSTOM;X-KEY=<key>:<value>`).
    public struct CustomField: Sendable, Equatable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }
}

/// Email labels: `work` ↔ `TYPE=work`, `personal` ↔ `TYPE=home`, `other` ↔ neither.
public enum EmailLabel: String, Sendable, CaseIterable {
    case work, personal, other
}

/// Phone labels: `mobile` ↔ `TYPE=cell` (also read: `mobile`, `iphone`), `work`, `home`, `other`.
public enum PhoneLabel: String, Sendable, CaseIterable {
    case mobile, work, home, other
}

/// Address labels: `home`, `work`, `other`.
public enum AddressLabel: String, Sendable, CaseIterable {
    case home, work, other
}
