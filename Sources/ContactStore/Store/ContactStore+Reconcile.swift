import Platform

/// Bringing the index back in line with files changed by others (hand edits,
/// git, sync tools). The watcher calls ``reconcile(fileName:)`` for each file it
/// saw change; writes call it when they find a file changed underneath.
///
/// "Cannot read it now" is never "gone" (DESIGN-NOTES 10): only a name that
/// `lstat` confirms does not exist is a delete. A file that cannot be read for
/// any other reason (`EMFILE`, `ENFILE`, `ENOMEM`, `EIO`, `EACCES`…) keeps its
/// last good version, is listed as a problem meanwhile, and is read again by
/// ``retryPendingReads()``, which the watcher calls with a growing delay.
extension ContactStore {
    /// Re-reads one file (and the links that read through it) and updates the
    /// index; publishes and returns the changes (origin `file`). Nothing changes
    /// for a file Cardbox itself just wrote: its fingerprint is already indexed.
    @discardableResult
    public func reconcile(fileName: String) -> [StoreChange] {
        asWriter { reconcileLocked(fileName: fileName) }
    }

    /// Re-reads the whole folder and reconciles every difference with the index
    /// (after an inotify overflow, or when the folder reappears). Publishes and
    /// returns the changes, in the order of ``FolderListing/isPreferred(_:over:)``
    /// (file-name order for lower-case names). If the folder cannot be listed
    /// right now, nothing changes and the rescan is retried.
    @discardableResult
    public func rescan() -> [StoreChange] {
        asWriter { rescanLocked() }
    }

    /// Reads again the files (or the folder listing) that could not be read, and
    /// returns true while some still cannot.
    func retryPendingReads() -> Bool {
        asWriter {
            let (names, rescanPending) = state.read { ($0.retries.sorted(), $0.rescanPending) }
            if rescanPending {
                rescanLocked()
            } else {
                for name in names { reconcileLocked(fileName: name) }
            }
            return hasPendingReads
        }
    }

    /// True while some file (or the folder listing) waits to be read again.
    var hasPendingReads: Bool {
        state.read { !$0.retries.isEmpty || $0.rescanPending }
    }

    /// The body of ``reconcile(fileName:)``; the caller holds the writer lock.
    @discardableResult
    func reconcileLocked(fileName: String) -> [StoreChange] {
        guard ContactFileName.isContactFile(fileName) else { return [] }
        var changes = reconcileFile(fileName)
        let links = state.read { folder in folder.links.filter { $0.value == fileName && $0.key != fileName }.keys.sorted() }
        for link in links { changes += reconcileFile(link) }
        return changes
    }

    @discardableResult
    private func rescanLocked() -> [StoreChange] {
        let listing: FolderListing
        do {
            listing = try FolderListing.read(directory)
        } catch {
            state.write { $0.rescanPending = true }
            signalRetry()
            return []
        }
        var candidates = Set(listing.contactFiles.map(\.name))
        candidates.formUnion(listing.problems.map(\.file))
        candidates.formUnion(listing.unreadable.map(\.name))
        state.write { folder in
            folder.rescanPending = false
            for entry in folder.index.entries { candidates.insert(entry.fileName) }
            candidates.formUnion(folder.problems.keys)
            candidates.formUnion(folder.groups)
            candidates.formUnion(folder.retries)
        }
        var changes: [StoreChange] = []
        // The preferred name of an id first, so a duplicate never takes the id for a moment.
        for name in FolderListing.inPreferenceOrder(candidates) {
            changes += reconcileFile(name)
        }
        return changes
    }

    /// Reconciles one name and publishes what changed.
    private func reconcileFile(_ fileName: String) -> [StoreChange] {
        let id = ContactFileName.id(forFileName: fileName)
        let known = state.read { $0.index.entry(id) }
        let kind: FolderEntry
        do {
            kind = try FolderEntry.classify(fileName, in: directory)
        } catch {
            return readLater(fileName, error)
        }
        switch kind {
        case .missing, .ignored:
            return forget(fileName: fileName, id: id, known: known)
        case .problem(let reason):
            // SPEC §1.4: a contact that became a problem keeps its last good version, with no event.
            state.write { folder in
                folder.problems[fileName] = FolderReport.Problem(file: fileName, line: 0, reason: reason)
                folder.retries.remove(fileName)
                folder.links[fileName] = nil
            }
            return []
        case .contactFile(let target):
            return reconcileContactFile(fileName, target: target, id: id, known: known)
        }
    }

    private func reconcileContactFile(_ fileName: String, target: String?, id: String, known: IndexEntry?) -> [StoreChange] {
        let read: (bytes: [UInt8], status: FileStatus)
        do {
            read = try FileSystem.readFile(directory + "/" + (target ?? fileName), options: .noFollow)
        } catch where error == .noSuchFile {
            // Gone between the look and the read: decide again from what is there now.
            return (try? FileSystem.linkStatus(directory + "/" + fileName)) == nil
                ? forget(fileName: fileName, id: id, known: known) : readLater(fileName, error)
        } catch {
            return readLater(fileName, error)
        }
        guard read.status.isRegularFile else { return readLater(fileName, .tooManySymbolicLinks) }
        state.write { $0.links[fileName] = target }
        if let known, known.fileName != fileName {
            // Two files with one id (`a.vcf`, `a.VCF`): the preferred name is the contact.
            let otherIsThere: Bool
            if case .contactFile = try? FolderEntry.classify(known.fileName, in: directory) { otherIsThere = true } else { otherIsThere = false }
            if otherIsThere, !FolderListing.isPreferred(fileName, over: known.fileName) {
                state.write { folder in
                    folder.problems[fileName] = FolderListing.sameIDProblem(fileName)
                    folder.shadowed.insert(fileName)
                    folder.retries.remove(fileName)
                }
                return []
            }
            if otherIsThere {
                state.write { folder in
                    folder.problems[known.fileName] = FolderListing.sameIDProblem(known.fileName)
                    folder.shadowed.insert(known.fileName)
                }
            }
        }
        // Unchanged since it was indexed (above all: Cardbox's own write, DESIGN-NOTES 2):
        // same inode, size, mtime and bytes as the fingerprint indexed, so no parse.
        if let known, known.fileName == fileName, known.file.statusMatches(read.status),
           ContentHash.of(read.bytes) == known.file.contentHash {
            state.write { folder in
                folder.problems[fileName] = nil
                folder.retries.remove(fileName)
                folder.shadowed.remove(fileName)
            }
            return []
        }
        let change: StoreChange?
        switch Self.classify(name: fileName, bytes: read.bytes, status: read.status) {
        case .contact(let entry, let contact):
            state.write { folder in
                folder.index.upsert(entry, keys: entry.searchKeys(of: contact))
                folder.problems[fileName] = nil
                folder.groups.remove(fileName)
                folder.retries.remove(fileName)
                folder.shadowed.remove(fileName)
            }
            let knownContact = known?.contact
            change = knownContact == contact ? nil
                : StoreChange(kind: StoreChange.kind(from: knownContact, to: contact), contact: contact,
                              permanent: false, origin: .file, fileName: fileName)
        case .group:
            let removed: IndexEntry? = state.write { folder in
                folder.problems[fileName] = nil
                folder.groups.insert(fileName)
                folder.retries.remove(fileName)
                folder.shadowed.remove(fileName)
                guard known?.fileName == fileName else { return nil }
                return folder.index.remove(id)
            }
            change = removed.map { StoreChange(kind: .deleted, contact: $0.contact, permanent: true, origin: .file, fileName: $0.fileName) }
        case .problem(let problem):
            // SPEC §1.4: the last good version stays indexed; no event until the file is valid again.
            state.write { folder in
                folder.problems[fileName] = problem
                folder.retries.remove(fileName)
            }
            change = nil
        }
        guard let change else { return [] }
        publish(change)
        return [change]
    }

    /// The file could not be read right now: keep what is known, say so, read it again later.
    private func readLater(_ fileName: String, _ error: Errno) -> [StoreChange] {
        state.write { folder in
            folder.retries.insert(fileName)
            if folder.problems[fileName] == nil || folder.problems[fileName]?.line == 0 {
                folder.problems[fileName] = FolderReport.Problem(file: fileName, line: 0,
                                                                 reason: "cannot read the file right now (\(error)); trying again")
            }
        }
        signalRetry()
        return []
    }

    /// The name is gone (or is no contact file any more): a permanent delete if it
    /// was a contact, and a file that had the same id takes its place.
    private func forget(fileName: String, id: String, known: IndexEntry?) -> [StoreChange] {
        let (removed, successors): (IndexEntry?, [String]) = state.write { folder in
            folder.problems[fileName] = nil
            folder.groups.remove(fileName)
            folder.retries.remove(fileName)
            folder.shadowed.remove(fileName)
            folder.links[fileName] = nil
            guard let known, known.fileName == fileName else { return (nil, []) }
            let successors = folder.shadowed.filter { ContactFileName.id(forFileName: $0) == id }
            return (folder.index.remove(id), successors.sorted(by: FolderListing.isPreferred))
        }
        var changes: [StoreChange] = []
        if let removed {
            let change = StoreChange(kind: .deleted, contact: removed.contact, permanent: true, origin: .file, fileName: removed.fileName)
            publish(change)
            changes.append(change)
        }
        for successor in successors {
            state.write { _ = $0.shadowed.remove(successor) }
            changes += reconcileFile(successor)
        }
        return changes
    }

    /// Wakes the watcher so it schedules ``retryPendingReads()``.
    func signalRetry() {
        retryWake.withLock { $0?.signal() }
    }
}
