import Platform
import VCard

/// `cardbox export` (SPEC §5): every contact as one vCard 4.0 stream, in the
/// store's default order (display name, case- and accent-insensitive, ties by id).
///
/// Every card is written fresh as 4.0, whatever its file's version, so the
/// stream is uniform: 2.1 and 3.0 cards are converted whole with
/// ``VCard/upgradedToVersion4()`` (every property kept). A card without
/// `CREATED` or `REV` gets the `created_at`/`updated_at` the API reports for it
/// (the file's mtime), so a re-import shows the same timestamps. Nothing else is
/// added or dropped: `cardbox import` of the stream gives the same contacts.
public enum CardExporter {
    /// The card as it appears in the export stream.
    public static func exportCard(_ card: VCard, contact: Contact) -> VCard {
        var result = card.version == .v4_0 ? VCard(properties: card.properties) : card.upgradedToVersion4()
        if result.first(named: "CREATED") == nil {
            result.properties.append(VCardProperty(name: "CREATED", value: contact.createdAt.vCardText))
        }
        if result.first(named: "REV") == nil {
            result.properties.append(VCardProperty(name: "REV", value: contact.updatedAt.vCardText))
        }
        return result
    }

    /// What an export wrote and what it had to leave out.
    public struct Summary: Sendable {
        public var exported = 0
        /// Files that changed into something unreadable between loading and writing.
        public var skipped: [(file: String, reason: String)] = []
        /// False when the output was closed early (e.g. `| head`).
        public var completed = true
    }

    /// Writes every contact of the loaded `store` through `output`, one card per
    /// call. Each file is read again as it is now, so the stream is what is on disk.
    /// - Parameter output: returns false when it can take no more (the stream stops).
    public static func run(store: ContactStore, includeDeleted: Bool, output: ([UInt8]) -> Bool) -> Summary {
        var query = ContactQuery()
        query.deleted = includeDeleted ? .include : .exclude
        query.limit = store.read { $0.count }
        let entries = store.query(query).entries
        var summary = Summary()
        for entry in entries {
            let bytes: [UInt8]
            let status: FileStatus
            do {
                (bytes, status) = try FileSystem.readFile(store.directory + "/" + entry.fileName)
            } catch {
                summary.skipped.append((entry.fileName, "cannot read the file: \(error)"))
                continue
            }
            guard case .contact(let card) = CardFile.classify(bytes) else {
                summary.skipped.append((entry.fileName, "no longer one valid contact"))
                continue
            }
            let contact = Contact(card: card, id: entry.id,
                                  fileModified: VCardTimestamp(secondsSince1970: status.modificationTimeSeconds))
            if contact.isDeleted && !includeDeleted { continue }
            guard output(exportCard(card, contact: contact).serializedFresh()) else {
                summary.completed = false
                return summary
            }
            summary.exported += 1
        }
        return summary
    }
}
