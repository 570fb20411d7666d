import Platform
import Synchronization
import VCard

/// The contacts of one folder: an in-memory index kept equal to the files, and
/// every write done durably to the files first (SPEC §1).
///
/// Concurrency: one writer at a time (``asWriter(_:)``), which does its disk I/O
/// without blocking readers and then updates the index under a short exclusive
/// lock; readers query the index under a shared lock and see a consistent state.
/// Every change, from the API or found in the folder, is queued in order while
/// the writer lock is held and handed to the ``StoreChangeSink`` right after the
/// lock is released, so encoding and fanning out events never delays a write.
public final class ContactStore: Sendable {
    public let directory: String
    let state: ReadWriteLock<FolderState>
    let writer = Mutex<Void>(())
    let files: AtomicFileWriter
    /// Set once: a closure read back from a lock on every change is re-wrapped in
    /// a new reabstraction thunk each time, until the chain overflows the stack.
    private let sink: (any StoreChangeSink)?
    /// Changes published under the writer lock and not yet handed to the sink, oldest first.
    private let published = Mutex<[StoreChange]>([])
    /// Held while changes are handed to the sink, so calls never overlap and keep their order.
    private let delivery = Mutex<Void>(())
    /// The running watcher's wake-up, signalled when a file could not be read
    /// right now so the watcher schedules ``retryPendingReads()``.
    let retryWake = Mutex<EventFD?>(nil)

    /// A store for `directory` whose changes go to `sink`; call ``load(progress:)`` before use.
    public init(directory: String, changes sink: (any StoreChangeSink)? = nil) {
        self.directory = directory
        self.sink = sink
        state = ReadWriteLock(FolderState())
        files = AtomicFileWriter(directory: directory)
    }

    /// Runs `body` as the one writer; then, with the lock released, hands every
    /// change published meanwhile (by this writer or an earlier one) to the sink.
    func asWriter<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        defer { deliverPublished() }
        return try writer.withLock { _ throws(E) in try body() }
    }

    /// Queues a change for the sink; the caller holds the writer lock, so the queue is in change order.
    func publish(_ change: StoreChange) {
        guard sink != nil else { return }
        published.withLock { $0.append(change) }
    }

    /// Hands the queued changes to the sink, oldest first. Whoever holds
    /// `delivery` delivers everything queued, so when this returns the caller's
    /// own changes have been delivered, by it or by the writer before it.
    private func deliverPublished() {
        guard let sink else { return }
        delivery.withLock { _ in
            while true {
                let batch = published.withLock { queue in
                    let taken = queue
                    queue = []
                    return taken
                }
                if batch.isEmpty { return }
                for change in batch { sink.publish(change) }
            }
        }
    }

    // MARK: Loading

    /// Reads the whole folder in parallel and builds the index. Problem files are
    /// recorded and never touched; temporary files left by a write that was
    /// killed midway are removed first (``AtomicFileWriter/removeStaleTemporaryFiles()``).
    ///
    /// Loading holds the writer lock, so a watcher started before it (the way to
    /// miss no change made while loading) reconciles its events after the load,
    /// on top of the loaded index.
    public func load(progress: (@Sendable (Int, Int) -> Void)? = nil) throws(StoreError) {
        try writer.withLock { _ throws(StoreError) in try loadLocked(progress: progress) }
    }

    private func loadLocked(progress: (@Sendable (Int, Int) -> Void)?) throws(StoreError) {
        enum Loaded: Sendable {
            case contact(IndexEntry, SearchKeys)
            case group(String)
            case problem(FolderReport.Problem)
            case unreadable(String, Errno)
        }
        let names: [FileSystem.Entry]
        do {
            names = try FileSystem.listDirectory(directory)
        } catch {
            throw .io("cannot read folder \(directory): \(error)")
        }
        // One listing for both: temporary files start with `.`, which the listing ignores.
        files.removeStaleTemporaryFiles(among: names)
        let listing = FolderListing.read(directory, entries: names)
        let loaded = FolderScanner.scan(listing, directory: directory, sorted: false, progress: progress, unreadable: { name, error in
            .unreadable(name, error)
        }, transform: { file -> Loaded? in
            switch Self.classify(name: file.name, bytes: file.bytes, status: file.status) {
            case .contact(let entry, let contact): return .contact(entry, entry.searchKeys(of: contact))
            case .group: return .group(file.name)
            case .problem(let problem): return .problem(problem)
            }
        })
        var folder = FolderState()
        for problem in listing.problems {
            folder.problems[problem.file] = problem
            if problem == FolderListing.sameIDProblem(problem.file) { folder.shadowed.insert(problem.file) }
        }
        for file in listing.contactFiles where file.target != nil { folder.links[file.name] = file.target }
        var entries: [(entry: IndexEntry, keys: SearchKeys)] = []
        entries.reserveCapacity(loaded.count)
        var unreadable = listing.unreadable
        for item in loaded {
            switch item {
            case .contact(let entry, let keys): entries.append((entry, keys))
            case .group(let name): folder.groups.insert(name)
            case .problem(let problem): folder.problems[problem.file] = problem
            case .unreadable(let name, let error): unreadable.append((name, error))
            }
        }
        // Not gone, just not readable now (out of descriptors…): listed, and read again later.
        for (name, error) in unreadable {
            folder.retries.insert(name)
            folder.problems[name] = FolderReport.Problem(file: name, line: 0, reason: "cannot read the file right now (\(error)); trying again")
        }
        folder.index = ContactIndex(entries: entries)
        entries = []
        state.write { $0 = folder }
        Memory.releaseFreedMemory()
        if !unreadable.isEmpty { signalRetry() }
    }

    /// What one file's bytes are to the store.
    enum Classified {
        /// The entry, and the contact it packs (still at hand, so no need to unpack it).
        case contact(IndexEntry, Contact)
        case group
        case problem(FolderReport.Problem)
    }

    static func classify(name: String, bytes: [UInt8], status: FileStatus) -> Classified {
        switch CardFile.classify(bytes) {
        case .contact(let card):
            let id = ContactFileName.id(forFileName: name)
            let contact = Contact(card: card, id: id, fileModified: VCardTimestamp(secondsSince1970: status.modificationTimeSeconds))
            return .contact(IndexEntry(contact: contact, fileName: name, file: FileFingerprint(status: status, bytes: bytes),
                                       uid: card.first(named: "UID")?.value), contact)
        case .group:
            return .group
        case .problem(let line, let reason):
            return .problem(FolderReport.Problem(file: name, line: line, reason: reason))
        }
    }

    // MARK: Reading

    /// Runs `body` on the index under the shared lock (a consistent view).
    public func read<T>(_ body: (ContactIndex) throws -> T) rethrows -> T {
        try state.read { try body($0.index) }
    }

    /// Where the index's memory goes, part by part (see ``ContactIndex/memoryBreakdown``).
    public func memoryBreakdown() -> [(part: String, bytes: Int)] {
        state.read { $0.index.memoryBreakdown }
    }

    /// The entry for `id`, live or deleted.
    public func entry(_ id: String) -> IndexEntry? {
        state.read { $0.index.entry(id) }
    }

    /// Runs a `GET /contacts` query.
    public func query(_ query: ContactQuery) -> QueryResult {
        state.read { $0.index.run(query) }
    }

    /// The figures of `GET /status`.
    public func status() -> StoreStatus {
        state.read { folder in
            // Canonical UIDs (`urn:uuid:<id>`) are unique because ids are: a duplicate
            // always involves an unusual UID, so only those (and the canonical UID an
            // unusual one names) are compared — no string is built per contact.
            var uids: [(uid: String, file: String)] = []
            for entry in folder.index.entriesWithUnusualNames {
                guard let uid = entry.unusualUID, !uid.isEmpty else { continue }
                uids.append((uid, entry.fileName))
                if uid.hasPrefix("urn:uuid:"), let named = folder.index.entry(String(uid.dropFirst(9))),
                   named.unusualUID == nil, named.uid != nil {
                    uids.append((uid, named.fileName))
                }
            }
            uids.sort { $0.file < $1.file }
            uids = uids.enumerated().filter { index, item in index == 0 || uids[index - 1] != item }.map(\.element)
            return StoreStatus(contacts: folder.index.liveCount, deleted: folder.index.deletedCount, groups: folder.groups.count,
                               problems: folder.problems.values.sorted { $0.file < $1.file },
                               warnings: FolderCheck.duplicateUIDWarnings(uids), watching: folder.folderExists)
        }
    }

    /// Marks whether the folder itself exists (the watcher reports it).
    public func setFolderExists(_ exists: Bool) {
        state.write { $0.folderExists = exists }
    }

    /// Now, to the second, for `REV`/`CREATED`/`X-DELETED-AT`.
    static func now() -> VCardTimestamp {
        VCardTimestamp(secondsSince1970: WallClock.secondsSince1970())
    }
}

