import Synchronization

/// The duplicate groups of one store, built on the first request and then
/// kept up to date from the store's changes (SPEC §10: no full recomputation
/// per request after the first).
///
/// Pass it to the store as (part of) its ``StoreChangeSink``
/// (``StoreChangeFanOut``): each change only records the contact's id; the
/// next ``groups(in:)`` re-reads those contacts and updates their blocks.
public final class DuplicateFinder: StoreChangeSink {
    public let defaultCountry: CallingCountry?
    /// Ids changed since the detector last looked; kept apart so publishing never waits for a build.
    private let changed = Mutex<Set<String>>([])
    private let detector = Mutex<DuplicateDetector?>(nil)

    public init(defaultCountry: CallingCountry? = nil) {
        self.defaultCountry = defaultCountry
    }

    public func publish(_ change: StoreChange) {
        _ = changed.withLock { $0.insert(change.contact.id) }
    }

    /// The groups of `store` (the store this finder is the sink of), strongest first.
    public func groups(in store: ContactStore) -> [DuplicateGroup] {
        detector.withLock { detector in
            if detector == nil {
                // Changes published before this point are already in the index read below.
                changed.withLock { $0.removeAll() }
                detector = DuplicateDetector(entries: store.read { $0.liveEntries }, defaultCountry: defaultCountry)
            }
            let ids = changed.withLock { ids in
                defer { ids.removeAll() }
                return ids
            }
            for id in ids.sorted() { detector!.update(id: id, entry: store.entry(id)) }
            return detector!.groups()
        }
    }
}
