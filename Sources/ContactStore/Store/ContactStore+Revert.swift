import Platform
import VCard

/// Bringing back an earlier version of a contact (SPEC §9, `POST /contacts/:id/revert`):
/// a normal change with one event, made the way every other write is.
extension ContactStore {
    /// Makes the live or trashed contact `id` equal to `version` (an earlier
    /// state of it) with a minimal diff, like a PATCH of every field; the trash
    /// state comes back too. Nothing changes (and nothing is published) when it already is.
    public func revert(id: String, to version: Contact) throws(StoreError) -> WriteOutcome {
        try modify(id: id, ifMatch: nil, allowDeleted: true) { contact throws(StoreError) in
            contact.displayName = version.displayName
            contact.firstName = version.firstName
            contact.lastName = version.lastName
            contact.emails = version.emails
            contact.phones = version.phones
            contact.company = version.company
            contact.jobTitle = version.jobTitle
            contact.addresses = version.addresses
            contact.notes = version.notes
            contact.avatarPath = version.avatarPath
            contact.tags = version.tags
            contact.customFields = version.customFields
            contact.source = version.source
            contact.deletedAt = version.deletedAt
        }
    }

    /// Re-creates a contact whose file is gone from the exact bytes it had
    /// (`bytes`, an earlier version of `fileName`). 409 when the file or the id
    /// exists again, or when the bytes are not one contact.
    public func recreate(fileName: String, bytes: [UInt8]) throws(StoreError) -> WriteOutcome {
        try asWriter { () throws(StoreError) in
            let id = ContactFileName.id(forFileName: fileName)
            guard state.read({ $0.index.entry(id) }) == nil,
                  (try? FileSystem.status(directory + "/" + fileName)) == nil else {
                throw .conflict("\(fileName) exists; revert it instead")
            }
            guard case .contact(let card) = CardFile.classify(bytes) else {
                throw .conflict("that version of \(fileName) is not a single contact")
            }
            let entry = try writeAndIndex(card, fileName: fileName)
            let change = StoreChange(kind: .created, contact: entry.contact, permanent: false, origin: .api, fileName: fileName)
            publish(change)
            return WriteOutcome(entry: entry, change: change)
        }
    }
}
