import Platform
import VCard

/// Merging duplicates (SPEC §10, `POST /contacts/:id/merge`): one change for
/// the target, one soft delete per merged contact, made the way every other
/// write is (the files as they are on disk now, minimal diffs, durable writes).
extension ContactStore {
    /// What a merge did, or would do.
    public struct MergeOutcome: Sendable {
        /// The target as it is after the merge (for a dry run: as it would be; not written).
        public let contact: Contact
        /// The target's entry after the write; nil for a dry run.
        public let entry: IndexEntry?
        /// The merged contacts, now in the trash with `X-MERGED-INTO` (empty for a dry run).
        public let trashed: [IndexEntry]
    }

    /// Merges the live contacts `others` into the live contact `id` (see
    /// ``ContactMerge`` for the rules) and moves them to the trash marked
    /// `X-MERGED-INTO:<id>`; `dryRun` only computes the result. 404 when `id`
    /// or one of `others` is not a live contact.
    public func merge(into id: String, from others: [String], dryRun: Bool,
                      defaultCountry: CallingCountry? = nil) throws(StoreError) -> MergeOutcome {
        try asWriter { () throws(StoreError) in
            let (target, targetBytes) = try currentEntry(id: id)
            guard !target.isDeleted else { throw .notFound }
            var sources: [(entry: IndexEntry, card: VCard)] = []
            for other in others {
                let (entry, bytes) = try currentEntry(id: other)
                guard !entry.isDeleted else { throw .notFound }
                sources.append((entry, try Self.card(bytes, entry.fileName)))
            }
            let targetCard = try Self.card(targetBytes, target.fileName)
            let current = target.contact
            var merge = ContactMerge(target: current, card: targetCard, defaultCountry: defaultCountry)
            for source in sources { merge.absorb(source.entry.contact, card: source.card) }

            var writer = ContactCardWriter(card: targetCard)
            writer.apply(from: Contact(card: writer.card, id: id, fileModified: current.updatedAt), to: merge.contact)
            for property in merge.carried { writer.append(property) }
            let changed = writer.card != targetCard
            if changed { writer.stamp(now: Self.now(), createdAt: current.createdAt) }
            if dryRun {
                return MergeOutcome(contact: Contact(card: writer.card, id: id, fileModified: current.updatedAt), entry: nil, trashed: [])
            }
            var written = target
            if changed {
                written = try writeAndIndex(writer.card, fileName: target.fileName)
                let contact = written.contact
                publish(StoreChange(kind: .updated, contact: contact, permanent: false, origin: .api, fileName: written.fileName))
            }
            var trashed: [IndexEntry] = []
            for source in sources {
                let before = source.entry.contact
                var after = before
                after.deletedAt = Self.now()
                var trash = ContactCardWriter(card: source.card)
                trash.apply(from: Contact(card: trash.card, id: before.id, fileModified: before.updatedAt), to: after)
                trash.markMerged(into: id)
                trash.stamp(now: Self.now(), createdAt: before.createdAt)
                let entry = try writeAndIndex(trash.card, fileName: source.entry.fileName)
                publish(StoreChange(kind: .deleted, contact: entry.contact, permanent: false, origin: .api, fileName: entry.fileName))
                trashed.append(entry)
            }
            return MergeOutcome(contact: written.contact, entry: written, trashed: trashed)
        }
    }

    private static func card(_ bytes: [UInt8], _ fileName: String) throws(StoreError) -> VCard {
        guard let card = try? VCardReader.read(bytes).first else { throw .conflict("\(fileName) is not readable") }
        return card
    }
}
