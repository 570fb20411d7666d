import Platform

/// Bringing the index back in line with files changed by others (hand edits,
/// git, sync tools). The watcher calls ``reconcile(fileName:)`` for each file it
/// saw change; writes call it when they find a file changed underneath.
extension ContactStore {
    /// Re-reads one file and updates the index; returns the change to publish
    /// (origin `file`), or nil when the contact did not change — which is also the
    /// case for a file Cardbox itself just wrote: its bytes are already indexed.
    @discardableResult
    public func reconcile(fileName: String) -> StoreChange? {
        asWriter {
            let change = reconcileLocked(fileName: fileName)
            if let change { publish(change) }
            return change
        }
    }

    /// The body of ``reconcile(fileName:)``; the caller holds the writer lock.
    func reconcileLocked(fileName: String) -> StoreChange? {
        guard ContactFileName.isContactFile(fileName) else { return nil }
        let id = ContactFileName.id(forFileName: fileName)
        let known = state.read { $0.index.entry(id) }
        let read: (bytes: [UInt8], status: FileStatus)
        do {
            read = try FileSystem.readFile(directory + "/" + fileName)
        } catch {
            return forget(fileName: fileName, id: id, known: known)
        }
        guard read.status.isRegularFile else { return forget(fileName: fileName, id: id, known: known) }
        if let known, known.fileName != fileName {
            // Another file already has this id (`a.vcf` vs `a.VCF`): report, keep the first.
            state.write { $0.problems[fileName] = FolderReport.Problem(file: fileName, line: 0, reason: "another file has the same id \(id)") }
            return nil
        }
        switch Self.classify(name: fileName, bytes: read.bytes, status: read.status) {
        case .contact(let entry):
            state.write { folder in
                folder.index.upsert(entry)
                folder.problems[fileName] = nil
                folder.groups.remove(fileName)
            }
            if let known, known.contact == entry.contact { return nil }
            return StoreChange(kind: StoreChange.kind(from: known?.contact, to: entry.contact), contact: entry.contact,
                               permanent: false, origin: .file)
        case .group:
            state.write { folder in
                folder.index.remove(id)
                folder.problems[fileName] = nil
                folder.groups.insert(fileName)
            }
            return known.map { StoreChange(kind: .deleted, contact: $0.contact, permanent: true, origin: .file) }
        case .problem(let problem):
            // SPEC §1.4: the last good version stays indexed; no event until the file is valid again.
            state.write { $0.problems[fileName] = problem }
            return nil
        }
    }

    /// The file is gone (or no longer a regular file): a permanent delete if it was a contact.
    private func forget(fileName: String, id: String, known: IndexEntry?) -> StoreChange? {
        let removed: IndexEntry? = state.write { folder in
            folder.problems[fileName] = nil
            folder.groups.remove(fileName)
            guard let known, known.fileName == fileName else { return nil }
            return folder.index.remove(id)
        }
        return removed.map { StoreChange(kind: .deleted, contact: $0.contact, permanent: true, origin: .file) }
    }

    /// Re-reads the whole folder and reconciles every difference with the index
    /// (after an inotify overflow, or when the folder reappears). Returns the
    /// changes in file-name order.
    @discardableResult
    public func rescan() -> [StoreChange] {
        asWriter {
            let names = (try? FolderScanner.contactFileNames(in: directory)) ?? []
            var candidates = Set(names)
            state.read { folder in
                for entry in folder.index.entries { candidates.insert(entry.fileName) }
                candidates.formUnion(folder.problems.keys)
                candidates.formUnion(folder.groups)
            }
            var changes: [StoreChange] = []
            for name in candidates.sorted() {
                if let change = reconcileLocked(fileName: name) {
                    publish(change)
                    changes.append(change)
                }
            }
            return changes
        }
    }
}
