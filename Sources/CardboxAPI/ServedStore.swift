import ContactStore
import GitFolder

/// A folder's store and the receivers of its changes, wired as `cardbox serve`
/// wires them: every change, made through the API or found in the folder,
/// goes to the event hub (one event each) and the duplicate finder, and under
/// `--git` to the committer (SPEC §9), which commits it after the answer.
/// `cardbox serve` and the benchmarks build the same thing from it, so what
/// the benchmarks measure is what serving costs.
public struct ServedStore: Sendable {
    public let store: ContactStore
    public let events: EventHub
    public let duplicates: DuplicateFinder
    /// `--git`: nil when changes are not committed.
    public let committer: GitCommitter?

    /// The store of `directory`, not loaded yet. `eventBuffer` is how many
    /// events `?since=` replays can reach; `defaultCountry` gives the calling
    /// code of phone numbers without one (duplicates).
    public init(directory: String, eventBuffer: Int = 10_000, defaultCountry: CallingCountry? = nil, committer: GitCommitter? = nil) {
        events = EventHub(capacity: eventBuffer)
        duplicates = DuplicateFinder(defaultCountry: defaultCountry)
        self.committer = committer
        let sinks: [any StoreChangeSink] = [events, duplicates] + (committer.map { [$0] } ?? [])
        store = ContactStore(directory: directory, changes: StoreChangeFanOut(sinks))
    }
}
