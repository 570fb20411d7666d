/// Turns a burst of folder events into one batch of dirty file names
/// (DESIGN-NOTES 3: coalesce, then diff). A pure state machine: the caller
/// passes the time, so tests drive it with made-up clocks.
///
/// A batch is due once the folder has been quiet for ``quietPeriod`` — an
/// editor's temp-and-rename save or a `git checkout` lands in one batch — or,
/// during continuous activity, ``maximumDelay`` after its first event, so a
/// long storm still makes progress. After an inotify queue overflow every file
/// is suspect and the folder is rescanned; that batch waits for quiet up to
/// ``overflowMaximumDelay``, so the rescan does not read a storm half-way.
struct ChangeCoalescer {
    /// A batch taken for processing.
    struct Batch: Equatable {
        /// Dirty file names, in the order they were first seen.
        let names: [String]
        /// Events were lost: the whole folder must be rescanned.
        let overflowed: Bool
        /// True when the folder had gone quiet; false when the batch was forced
        /// by ``maximumDelay`` while events were still arriving.
        let quiet: Bool
    }

    let quietPeriod: UInt64
    let maximumDelay: UInt64
    let overflowMaximumDelay: UInt64

    private(set) var names: [String] = []
    private var nameSet: Set<String> = []
    private(set) var overflowed = false
    /// When the pending batch began (nanoseconds, monotonic); nil when nothing is pending.
    private var firstActivity: UInt64?
    private var lastActivity: UInt64 = 0

    /// Times in nanoseconds of a monotonic clock.
    init(quietPeriod: UInt64, maximumDelay: UInt64, overflowMaximumDelay: UInt64) {
        self.quietPeriod = quietPeriod
        self.maximumDelay = maximumDelay
        self.overflowMaximumDelay = overflowMaximumDelay
    }

    /// True when nothing is waiting to be processed.
    var isEmpty: Bool { names.isEmpty && !overflowed }

    /// Records that `name` changed at `now`.
    mutating func markDirty(_ name: String, at now: UInt64) {
        if nameSet.insert(name).inserted { names.append(name) }
        noteActivity(at: now)
    }

    /// Records that the kernel lost events: the next batch is a rescan.
    mutating func markOverflow(at now: UInt64) {
        overflowed = true
        noteActivity(at: now)
    }

    /// Records activity that delays the batch without making a name dirty.
    mutating func noteActivity(at now: UInt64) {
        if firstActivity == nil { firstActivity = now }
        lastActivity = max(lastActivity, now)
    }

    /// Puts names back for a later batch (files missing during a forced batch,
    /// which may be recreated in a moment) without counting as new activity.
    mutating func requeue(_ requeued: [String], at now: UInt64) {
        guard !requeued.isEmpty else { return }
        for name in requeued where nameSet.insert(name).inserted { names.append(name) }
        if firstActivity == nil { firstActivity = now }
    }

    /// Forgets everything pending (the folder is gone; it will be rescanned when back).
    mutating func reset() {
        names = []
        nameSet = []
        overflowed = false
        firstActivity = nil
    }

    /// When the pending batch becomes due; nil when nothing is pending.
    var deadline: UInt64? {
        guard !isEmpty, let firstActivity else { return nil }
        let cap = firstActivity + (overflowed ? overflowMaximumDelay : maximumDelay)
        return min(lastActivity + quietPeriod, cap)
    }

    /// Takes the pending batch if it is due at `now`.
    mutating func takeBatch(at now: UInt64) -> Batch? {
        guard let deadline, now >= deadline else { return nil }
        let batch = Batch(names: names, overflowed: overflowed, quiet: now >= lastActivity + quietPeriod)
        reset()
        return batch
    }
}
