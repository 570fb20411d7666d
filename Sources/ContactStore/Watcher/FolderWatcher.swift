import Dispatch
import Platform
import Synchronization

/// Keeps a ``ContactStore`` equal to its folder while other programs change the
/// files (SPEC §4): hand edits, editors' temp-and-rename saves, sync tools, git.
///
/// One thread waits in `epoll` on an inotify descriptor and an eventfd (to stop
/// it or wake it). Events on contact file names (SPEC §1) are coalesced
/// (``ChangeCoalescer``): once the folder has been quiet for ``quietPeriod``
/// (or ``maximumDelay`` into a storm), each dirty name is passed to
/// ``ContactStore/reconcile(fileName:)``, which re-reads the file, updates the
/// index and publishes at most one change through the store's change handler.
/// Cardbox's own writes are recognised there by their fingerprint (inode, size,
/// mtime and a hash of the bytes, recorded when the store indexed what it
/// wrote), so they are not parsed again and give no second event (DESIGN-NOTES 2).
/// A file that cannot be read right now (out of descriptors…) is not taken for
/// deleted: the store keeps its last good version and the watcher has it read
/// again after a growing delay (20 ms doubling up to 1 s) until it can be. An inotify queue overflow becomes one
/// ``ContactStore/rescan()``. If the folder itself is deleted or moved, the
/// store is told (`/status` says `watching: false`) and keeps its last state;
/// the watcher looks for the folder every ``folderCheckInterval`` and, when it
/// is back, watches it again and rescans it.
///
/// ```swift
/// let store = ContactStore(directory: "contacts")
/// try store.load()
/// let watcher = FolderWatcher(store: store)
/// try watcher.start()
/// …
/// watcher.stop()
/// ```
///
/// Start the watcher right after ``ContactStore/load(progress:)``: a change made
/// between the two is only picked up by a later event on the same file or a rescan.
/// The thread holds the watcher, so call ``stop()`` to end it.
public final class FolderWatcher: Sendable {
    public let store: ContactStore
    /// How long the folder must be quiet before a batch of changes is read.
    public let quietPeriod: Duration
    /// The longest a batch waits while events keep arriving.
    public let maximumDelay: Duration
    /// How often a vanished folder is looked for.
    public let folderCheckInterval: Duration

    /// Shared between the API and the watcher thread.
    struct Control: Sendable {
        var running: Running?
        /// Idle requests: each one is answered once everything queued before it is processed.
        var idleRequested: UInt64 = 0
        var idleCompleted: UInt64 = 0
        var idleWaiters: [(target: UInt64, semaphore: DispatchSemaphore)] = []
    }

    /// The descriptors and thread of a started watcher.
    struct Running: Sendable {
        let inotify: Inotify
        let epoll: Epoll
        let wake: EventFD
        var thread: ThreadHandle?
    }

    let control = Mutex(Control())
    /// Serialises ``start()`` and ``stop()`` (the thread never takes it).
    private let lifecycle = Mutex<Void>(())
    /// Set by ``stop()`` and read by the thread between files of a long batch.
    let stopping = Atomic<Bool>(false)
    /// How many times the kernel's inotify queue overflowed (events were lost)
    /// and the watcher rescanned the folder instead: a sign that the folder
    /// changes faster than it is read, worth watching in a long-running server.
    public var overflowRescanCount: Int { overflowRescans.load(ordering: .relaxed) }
    let overflowRescans = Atomic<Int>(0)

    /// A watcher for `store`'s folder; call ``start()`` to begin.
    /// - Parameters:
    ///   - quietPeriod: quiet time that ends a batch; small, since a file write
    ///     must show up as an event within 100 ms (SPEC §6).
    ///   - maximumDelay: cap on a batch's wait during continuous activity.
    ///   - folderCheckInterval: how often a vanished folder is looked for.
    public init(store: ContactStore, quietPeriod: Duration = .milliseconds(10), maximumDelay: Duration = .milliseconds(50),
                folderCheckInterval: Duration = .milliseconds(500)) {
        self.store = store
        self.quietPeriod = quietPeriod
        self.maximumDelay = maximumDelay
        self.folderCheckInterval = folderCheckInterval
    }

    /// True between ``start()`` and ``stop()``.
    public var isRunning: Bool {
        control.withLock { $0.running != nil }
    }

    /// Starts watching. The folder watch is in place when this returns, so every
    /// later change is seen. A folder that does not exist is not an error: the
    /// store is marked as not watching and the folder is looked for until it appears.
    /// Calling it on a running watcher does nothing.
    public func start() throws(Errno) {
        try lifecycle.withLock { _ throws(Errno) in try startLocked() }
    }

    private func startLocked() throws(Errno) {
        let alreadyRunning = control.withLock { $0.running != nil }
        if alreadyRunning { return }
        let inotify = try Inotify.create()
        var opened: [FileDescriptor] = [inotify.fileDescriptor]
        do throws(Errno) {
            let epoll = try Epoll.create()
            opened.append(epoll.fileDescriptor)
            let wake = try EventFD.create()
            opened.append(wake.fileDescriptor)
            try epoll.add(wake.fileDescriptor, events: .readable, data: Self.wakeTag)
            try epoll.add(inotify.fileDescriptor, events: .readable, data: Self.inotifyTag)
            let folder = try AttachedFolder.attach(inotify: inotify, directory: store.directory)
            store.setFolderExists(folder != nil)
            stopping.store(false, ordering: .sequentiallyConsistent)
            // Before the thread's first look at the store, so no retry request is missed.
            store.retryWake.withLock { $0 = wake }
            var running = Running(inotify: inotify, epoll: epoll, wake: wake)
            let descriptors = running
            running.thread = try ThreadHandle.spawn { [self] in
                var loop = WatchLoop(watcher: self, running: descriptors, folder: folder)
                loop.run()
            }
            control.withLock { $0.running = running }
        } catch {
            store.retryWake.withLock { $0 = nil }
            for descriptor in opened { descriptor.close() }
            throw error
        }
    }

    /// Stops the thread and waits for it to end; pending changes not yet read
    /// are dropped. Idle waiters are released (and get `false`). Safe to call
    /// twice; not from the change handler, which runs on the watcher's thread.
    public func stop() {
        lifecycle.withLock { _ in stopLocked() }
    }

    private func stopLocked() {
        let running: Running? = control.withLock { control in
            guard let running = control.running else { return nil }
            stopping.store(true, ordering: .sequentiallyConsistent)
            running.wake.signal()
            return running
        }
        guard let running else { return }
        running.thread?.join()
        store.retryWake.withLock { $0 = nil }
        control.withLock { control in
            control.running = nil
            for waiter in control.idleWaiters { waiter.semaphore.signal() }
            control.idleWaiters = []
            running.wake.close()
            running.epoll.close()
            running.inotify.close()
        }
    }

    /// Waits until every change made to the folder before this call has been
    /// read and passed to the store (so its events are published), or `timeout`
    /// passes. Returns false on timeout or if the watcher is not running.
    ///
    /// The watcher reads everything the kernel has queued after receiving the
    /// request, so a change made before the call is always included; this is how
    /// tests synchronise without sleeping.
    public func waitUntilIdle(timeout: Duration = .seconds(10)) -> Bool {
        let semaphore = DispatchSemaphore(value: 0)
        let target: UInt64? = control.withLock { control in
            guard let running = control.running else { return nil }
            control.idleRequested += 1
            control.idleWaiters.append((control.idleRequested, semaphore))
            running.wake.signal()
            return control.idleRequested
        }
        guard let target else { return false }
        let nanoseconds = Int(clamping: timeout.wholeNanoseconds)
        let signalled = semaphore.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success
        return control.withLock { control in
            if !signalled { control.idleWaiters.removeAll { $0.semaphore === semaphore } }
            return control.idleCompleted >= target
        }
    }

    /// Called by the thread: everything requested up to `target` is done.
    func completeIdle(upTo target: UInt64) {
        control.withLock { control in
            guard target > control.idleCompleted else { return }
            control.idleCompleted = target
            control.idleWaiters.removeAll { waiter in
                guard waiter.target <= target else { return false }
                waiter.semaphore.signal()
                return true
            }
        }
    }

    static let wakeTag: UInt64 = 0
    static let inotifyTag: UInt64 = 1
}

extension Duration {
    /// The duration in whole nanoseconds; negative counts as zero, absurdly long saturates at about 136 years.
    var wholeNanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(min(seconds, 1 << 32)) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
