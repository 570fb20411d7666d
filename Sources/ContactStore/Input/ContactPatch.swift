import JSON

/// The changes a POST or PATCH body asks for, already validated (SPEC §2.3).
/// `nil` means "not sent"; `.some(nil)` clears a nullable field.
public struct ContactPatch: Sendable, Equatable {
    public var displayName: String?
    public var firstName: String??
    public var lastName: String??
    public var emails: [Contact.Email]?
    public var phones: [Contact.Phone]?
    public var company: String??
    public var jobTitle: String??
    public var addresses: [Contact.Address]?
    public var notes: String??
    public var avatarPath: String??
    public var tags: [String]?
    /// `.some(nil)` clears every custom field; a value replaces them all.
    public var customFields: [Contact.CustomField]??
    /// Only at create; PATCH rejects it.
    public var source: String?

    public init() {}

    /// Applies the sent fields to `contact`.
    public func apply(to contact: inout Contact) {
        if let displayName { contact.displayName = displayName }
        if let firstName { contact.firstName = firstName }
        if let lastName { contact.lastName = lastName }
        if let emails { contact.emails = emails }
        if let phones { contact.phones = phones }
        if let company { contact.company = company }
        if let jobTitle { contact.jobTitle = jobTitle }
        if let addresses { contact.addresses = addresses }
        if let notes { contact.notes = notes }
        if let avatarPath { contact.avatarPath = avatarPath }
        if let tags { contact.tags = tags }
        if let customFields { contact.customFields = customFields.flatMap { $0.isEmpty ? nil : $0.sorted { $0.key < $1.key } } }
        if let source { contact.source = source }
    }
}

/// A `PATCH /contacts/:id/custom` body: keys to set, and keys (value nil) to remove.
public struct CustomFieldsPatch: Sendable, Equatable {
    public var changes: [(key: String, value: JSONValue?)]

    public init(changes: [(key: String, value: JSONValue?)]) {
        self.changes = changes
    }

    public static func == (lhs: CustomFieldsPatch, rhs: CustomFieldsPatch) -> Bool {
        lhs.changes.map(\.key) == rhs.changes.map(\.key) && lhs.changes.map(\.value) == rhs.changes.map(\.value)
    }

    /// Merges shallowly into `fields` (SPEC §2.3): each key sets its value, null removes it, other keys stay.
    ///
    /// - Complexity: O((*n* + *m*) log(*n* + *m*)) for *n* fields and *m* changes.
    public func merged(into fields: [Contact.CustomField]?) -> [Contact.CustomField]? {
        var values: [String: JSONValue] = [:]
        for field in fields ?? [] { values[field.key] = field.value }
        for change in changes { values[change.key] = change.value }
        let result = values.map { Contact.CustomField(key: $0.key, value: $0.value) }.sorted { $0.key < $1.key }
        return result.isEmpty ? nil : result
    }
}
