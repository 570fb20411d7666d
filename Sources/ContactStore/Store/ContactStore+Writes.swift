import Platform
import VCard

/// The write operations of SPEC §2.3, on values the API already validated and
/// parsed. Each one: read the file as it is on disk now (a hand edit made a
/// moment ago is indexed first, never overwritten), check the expected ETag
/// (`If-Match`), apply the change with a minimal diff, write atomically and
/// durably, index the written bytes, then publish exactly one change.
extension ContactStore {
    /// Creates a contact from a validated POST body: a new lowercase UUID as id,
    /// file `<id>.vcf`, `UID:urn:uuid:<id>`, vCard 4.0.
    public func create(_ patch: ContactPatch) throws(StoreError) -> WriteOutcome {
        try asWriter { () throws(StoreError) in
            let now = Self.now()
            let id = try Self.freeID { id throws(StoreError) in
                if state.read({ $0.index.entry(id) }) != nil { return true }
                do throws(Errno) {
                    _ = try FileSystem.status(directory + "/" + id + ".vcf")
                    return true
                } catch where error == .noSuchFile {
                    return false
                } catch {
                    throw .io("cannot check whether \(id).vcf exists: \(error)")
                }
            }
            let card = VCard(properties: [VCardProperty(name: "VERSION", value: "4.0"),
                                          VCardProperty(name: "UID", value: "urn:uuid:" + id)])
            let base = Contact(card: card, id: id, fileModified: now)
            var contact = Contact(id: id, displayName: base.displayName, source: "api", createdAt: now, updatedAt: now)
            patch.apply(to: &contact)
            var writer = ContactCardWriter(card: card)
            writer.apply(from: base, to: contact)
            writer.stamp(now: now, createdAt: now)
            let entry = try writeAndIndex(writer.card, fileName: id + ".vcf")
            let change = StoreChange(kind: .created, contact: entry.contact, permanent: false, origin: .api, fileName: entry.fileName)
            publish(change)
            return WriteOutcome(entry: entry, change: change)
        }
    }

    /// Applies a PATCH body to a live contact.
    public func update(id: String, ifMatch: ExpectedETag? = nil, _ patch: ContactPatch) throws(StoreError) -> WriteOutcome {
        try modify(id: id, ifMatch: ifMatch, allowDeleted: false) { contact throws(StoreError) in
            patch.apply(to: &contact)
        }
    }

    /// Merges a `PATCH /contacts/:id/custom` body into a live contact's custom fields.
    public func updateCustomFields(id: String, ifMatch: ExpectedETag? = nil, _ patch: CustomFieldsPatch) throws(StoreError) -> WriteOutcome {
        try modify(id: id, ifMatch: ifMatch, allowDeleted: false) { contact throws(StoreError) in
            contact.customFields = patch.merged(into: contact.customFields)
        }
    }

    /// Soft delete: sets `deleted_at` (`X-DELETED-AT`). 404 if already deleted.
    public func softDelete(id: String, ifMatch: ExpectedETag? = nil) throws(StoreError) -> WriteOutcome {
        try modify(id: id, ifMatch: ifMatch, allowDeleted: false) { contact throws(StoreError) in
            contact.deletedAt = Self.now()
        }
    }

    /// Clears `deleted_at`. 409 if the contact is not deleted.
    public func restore(id: String, ifMatch: ExpectedETag? = nil) throws(StoreError) -> WriteOutcome {
        try modify(id: id, ifMatch: ifMatch, allowDeleted: true) { contact throws(StoreError) in
            guard contact.isDeleted else { throw .conflict("contact \(id) is not deleted") }
            contact.deletedAt = nil
        }
    }

    /// Removes the file, live or soft-deleted (emptying the trash); returns the last known contact.
    @discardableResult
    public func deletePermanently(id: String, ifMatch: ExpectedETag? = nil) throws(StoreError) -> StoreChange {
        try asWriter { () throws(StoreError) in
            let (entry, _) = try currentEntry(id: id)
            try checkPrecondition(ifMatch, entry)
            do {
                try files.remove(entry.fileName)
            } catch {
                throw .io("cannot remove \(entry.fileName): \(error)")
            }
            state.write { folder in
                folder.index.remove(id)
                folder.problems[entry.fileName] = nil
            }
            let change = StoreChange(kind: .deleted, contact: entry.contact, permanent: true, origin: .api, fileName: entry.fileName)
            publish(change)
            return change
        }
    }

    // MARK: Shared steps

    /// How many new ids a create tries before it gives up (each one is a fresh
    /// 122-bit random UUID: a second try is already astronomically unlikely).
    static let idAttempts = 8

    /// A new id for which `isTaken` is false: at most ``idAttempts`` tries, then
    /// a 500 — never a fixed fallback, never an endless loop under the writer lock.
    static func freeID(generate: () -> String = RandomUUID.make,
                       isTaken: (String) throws(StoreError) -> Bool) throws(StoreError) -> String {
        for _ in 0..<idAttempts {
            let id = generate()
            if try !isTaken(id) { return id }
        }
        throw .io("no free id after \(idAttempts) random UUIDs")
    }

    func modify(id: String, ifMatch: ExpectedETag?, allowDeleted: Bool,
                        _ change: (inout Contact) throws(StoreError) -> Void) throws(StoreError) -> WriteOutcome {
        try asWriter { () throws(StoreError) in
            let (entry, bytes) = try currentEntry(id: id)
            if entry.isDeleted && !allowDeleted { throw .notFound }
            try checkPrecondition(ifMatch, entry)
            let current = entry.contact
            var updated = current
            try change(&updated)
            if updated.sameContent(as: current) { return WriteOutcome(entry: entry, change: nil) }

            guard let card = try? VCardReader.read(bytes).first else { throw .conflict("\(entry.fileName) is not readable") }
            var writer = ContactCardWriter(card: card)
            let base = Contact(card: writer.card, id: id, fileModified: current.updatedAt)
            writer.apply(from: base, to: updated)
            writer.stamp(now: Self.now(), createdAt: current.createdAt)
            let written = try writeAndIndex(writer.card, fileName: entry.fileName)
            let writtenContact = written.contact
            let change = StoreChange(kind: StoreChange.kind(from: current, to: writtenContact),
                                     contact: writtenContact, permanent: false, origin: .api, fileName: written.fileName)
            publish(change)
            return WriteOutcome(entry: written, change: change)
        }
    }

    /// The contact's entry as the file on disk is now, with the file's bytes.
    /// If the file changed since it was indexed, it is re-indexed first (and that
    /// change published with origin `file`); if it is gone, it is removed: 404.
    func currentEntry(id: String) throws(StoreError) -> (IndexEntry, [UInt8]) {
        guard let indexed = state.read({ $0.index.entry(id) }) else { throw .notFound }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readFile(directory + "/" + indexed.fileName).bytes
        } catch {
            reconcileLocked(fileName: indexed.fileName)
            throw error == .noSuchFile ? .notFound : .io("cannot read \(indexed.fileName): \(error)")
        }
        guard ContentHash.of(bytes) != indexed.file.contentHash else { return (indexed, bytes) }
        reconcileLocked(fileName: indexed.fileName)
        let problem = state.read { $0.problems[indexed.fileName] }
        if let problem {
            throw .conflict("\(indexed.fileName) is not a valid contact right now (line \(problem.line): \(problem.reason))")
        }
        guard let fresh = state.read({ $0.index.entry(id) }) else { throw .notFound }
        return (fresh, bytes)
    }

    /// `If-Match` (RFC 9110 §13.1.1): 412 unless the file's current ETag meets the expectation.
    private func checkPrecondition(_ ifMatch: ExpectedETag?, _ entry: IndexEntry) throws(StoreError) {
        if let ifMatch, !ifMatch.admits(entry.etag) { throw .preconditionFailed }
    }

    /// Writes the card durably and indexes exactly the bytes written.
    func writeAndIndex(_ card: VCard, fileName: String) throws(StoreError) -> IndexEntry {
        let bytes = card.serialized()
        let status: FileStatus
        do {
            status = try files.write(bytes, to: fileName)
        } catch {
            throw .io("cannot write \(fileName): \(error)")
        }
        guard case .contact(let entry, let contact) = Self.classify(name: fileName, bytes: bytes, status: status) else {
            throw .io("the card written to \(fileName) does not read back as a contact")
        }
        state.write { folder in
            folder.index.upsert(entry, keys: entry.searchKeys(of: contact))
            folder.problems[fileName] = nil
        }
        return entry
    }
}
