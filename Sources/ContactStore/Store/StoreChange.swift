/// One change to the contacts, whatever its origin: what becomes one WebSocket
/// event (SPEC §3).
public struct StoreChange: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case created = "contact.created"
        case updated = "contact.updated"
        case deleted = "contact.deleted"
        case restored = "contact.restored"
    }

    /// `api` for changes made through the API, `file` for changes found in the folder.
    public enum Origin: String, Sendable {
        case api, file
    }

    public let kind: Kind
    /// The contact after the change; for a permanent delete, the last known contact.
    public let contact: Contact
    /// True only for a permanent delete (file removed).
    public let permanent: Bool
    public let origin: Origin
    /// The file the change is about, relative to the folder (what `--git` commits).
    public let fileName: String

    /// The kind of change from `old` to `new` (nil old: created).
    static func kind(from old: Contact?, to new: Contact) -> Kind {
        guard let old else { return .created }
        if !old.isDeleted && new.isDeleted { return .deleted }
        if old.isDeleted && !new.isDeleted { return .restored }
        return .updated
    }
}

/// What a write operation returns: the contact as now indexed, and the change
/// it made (nil when nothing changed and the file was not rewritten).
public struct WriteOutcome: Sendable {
    public let entry: IndexEntry
    public let change: StoreChange?
}
