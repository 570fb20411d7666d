import Platform

/// The folder as watched: its inotify watch and its identity, so a folder
/// replaced by another one at the same path is noticed.
struct AttachedFolder: Sendable, Equatable {
    let watch: Inotify.Watch
    let device: UInt64
    let inode: UInt64

    /// Watches `directory`; nil if it does not exist or is not a directory.
    static func attach(inotify: Inotify, directory: String) throws(Errno) -> AttachedFolder? {
        let watch: Inotify.Watch
        do throws(Errno) {
            watch = try inotify.addWatch(directory, events: FolderEvent.watchMask)
        } catch where error == .noSuchFile || error == .notDirectory {
            return nil
        }
        guard let status = try? FileSystem.status(directory), status.isDirectory else {
            try? inotify.removeWatch(watch)
            return nil
        }
        return AttachedFolder(watch: watch, device: status.device, inode: status.inode)
    }

    /// True while `directory` is still this folder. Only a path that no longer
    /// leads to a directory means it is gone; a `stat` that fails for another
    /// reason (out of memory) says nothing about the folder.
    func isInPlace(_ directory: String) -> Bool {
        do {
            let status = try FileSystem.status(directory)
            return status.isDirectory && status.device == device && status.inode == inode
        } catch {
            return !(error == .noSuchFile || error == .notDirectory)
        }
    }
}

extension FolderWatcher {
    /// The latest idle request, taken by the thread before it reads inotify, so
    /// an idle request covers every change made before it.
    func latestIdleRequest() -> UInt64 {
        control.withLock { $0.idleRequested }
    }
}

/// The watcher thread: its state and its loop. Owned by that thread alone.
///
/// Each turn: wait in epoll (until inotify or the eventfd is readable, or the
/// next deadline), read every queued inotify event, then process the batch if
/// the ``ChangeCoalescer`` says it is due. Reading everything before deciding
/// means a batch is only called quiet when the kernel queue really was empty.
struct WatchLoop {
    let watcher: FolderWatcher
    let store: ContactStore
    let directory: String
    let inotify: Inotify
    let epoll: Epoll
    let wake: EventFD
    let folderCheckInterval: UInt64
    var folder: AttachedFolder?
    var coalescer: ChangeCoalescer
    var nextFolderCheck: UInt64 = 0
    /// When files that could not be read are read again; nil when none wait.
    var retryAt: UInt64?
    var retryDelay = Self.firstRetryDelay

    /// Bytes per `read` of the inotify descriptor: a few hundred events.
    static let readBufferSize = 64 * 1024
    /// An overflow rescan waits for quiet this long at most, so it does not read a storm half-way.
    static let overflowMaximumDelay: Duration = .seconds(1)
    /// A file that could not be read (out of descriptors…) is read again after
    /// this delay, doubled after each failure up to ``lastRetryDelay``: soon
    /// after the cause goes away, without spinning while it lasts.
    static let firstRetryDelay: UInt64 = 20_000_000
    static let lastRetryDelay: UInt64 = 1_000_000_000

    init(watcher: FolderWatcher, running: FolderWatcher.Running, folder: AttachedFolder?) {
        self.watcher = watcher
        store = watcher.store
        directory = watcher.store.directory
        inotify = running.inotify
        epoll = running.epoll
        wake = running.wake
        folderCheckInterval = watcher.folderCheckInterval.wholeNanoseconds
        self.folder = folder
        coalescer = ChangeCoalescer(quietPeriod: watcher.quietPeriod.wholeNanoseconds, maximumDelay: watcher.maximumDelay.wholeNanoseconds,
                                    overflowMaximumDelay: Self.overflowMaximumDelay.wholeNanoseconds)
        if folder == nil { nextFolderCheck = WallClock.monotonicNanoseconds() + folderCheckInterval }
    }

    mutating func run() {
        let ready = Epoll.EventBuffer(capacity: 2)
        var buffer = [UInt8](repeating: 0, count: Self.readBufferSize)
        if folder != nil { retryReads(at: WallClock.monotonicNanoseconds()) }
        while true {
            let count: Int
            do {
                count = try epoll.wait(into: ready, timeoutMilliseconds: timeout(at: WallClock.monotonicNanoseconds()))
            } catch {
                return // the descriptors are broken; nothing sensible is left to wait for
            }
            for index in 0..<count where ready[index].data == FolderWatcher.wakeTag { wake.drain() }
            if watcher.stopping.load(ordering: .sequentiallyConsistent) { return }

            let idleTarget = watcher.latestIdleRequest()
            readEvents(using: &buffer)
            let now = WallClock.monotonicNanoseconds()
            if folder == nil, now >= nextFolderCheck { lookForFolder(at: now) }
            if let batch = coalescer.takeBatch(at: now) { process(batch, at: now) }
            if folder != nil { retryReads(at: WallClock.monotonicNanoseconds()) }
            if coalescer.isEmpty { watcher.completeIdle(upTo: idleTarget) }
        }
    }

    /// Reads again, when due, the files the store could not read ("can't open"
    /// is not "gone"), and schedules the next try while some still fail.
    mutating func retryReads(at now: UInt64) {
        if let due = retryAt, now >= due {
            if store.retryPendingReads() {
                retryDelay = min(retryDelay * 2, Self.lastRetryDelay)
                retryAt = now + retryDelay
            } else {
                retryAt = nil
                retryDelay = Self.firstRetryDelay
            }
        } else if retryAt == nil, store.hasPendingReads {
            retryAt = now + retryDelay
        }
    }

    /// Milliseconds until the next deadline (rounded up), or -1 for none.
    func timeout(at now: UInt64) -> Int32 {
        var deadline = coalescer.deadline
        if folder == nil { deadline = min(deadline ?? .max, nextFolderCheck) }
        if folder != nil, let retryAt { deadline = min(deadline ?? .max, retryAt) }
        guard let deadline else { return -1 }
        guard deadline > now else { return 0 }
        return Int32(clamping: (deadline - now + 999_999) / 1_000_000)
    }

    /// Reads every queued inotify event and feeds it to the coalescer.
    mutating func readEvents(using buffer: inout [UInt8]) {
        while true {
            guard case .processed(let events) = try? inotify.readEvents(using: &buffer), !events.isEmpty else { return }
            let now = WallClock.monotonicNanoseconds()
            for event in events {
                switch FolderEvent(event, folder: folder?.watch) {
                case .changed(let name): coalescer.markDirty(name, at: now)
                case .overflow: if folder != nil { coalescer.markOverflow(at: now) }
                case .folderGone: folderGone(at: now)
                case .ignored: break
                }
            }
        }
    }

    /// Reconciles a due batch with the store, which publishes the changes.
    mutating func process(_ batch: ChangeCoalescer.Batch, at now: UInt64) {
        guard let folder, folder.isInPlace(directory) else {
            folderGone(at: now)
            return
        }
        if batch.overflowed {
            watcher.overflowRescans.add(1, ordering: .relaxed)
            store.rescan()
            return
        }
        var missing: [String] = []
        for name in batch.names {
            if watcher.stopping.load(ordering: .relaxed) { return }
            // During a storm a missing file may be between git's unlink and its
            // re-creation: decide about it once the folder is quiet, so a rewrite
            // is one update, not a delete and a create.
            if !batch.quiet, (try? FileSystem.status(directory + "/" + name)) == nil {
                missing.append(name)
                continue
            }
            store.reconcile(fileName: name)
        }
        coalescer.requeue(missing, at: now)
    }

    /// The folder itself was deleted or moved: keep the last state, say so, and look for it.
    mutating func folderGone(at now: UInt64) {
        guard let current = folder else { return }
        try? inotify.removeWatch(current.watch) // a moved folder keeps its watch otherwise
        folder = nil
        coalescer.reset()
        store.setFolderExists(false)
        nextFolderCheck = now + folderCheckInterval
    }

    /// Watches the folder again if it is back, and brings the index in line with it.
    mutating func lookForFolder(at now: UInt64) {
        guard let attached = try? AttachedFolder.attach(inotify: inotify, directory: directory) else {
            nextFolderCheck = now + folderCheckInterval
            return
        }
        folder = attached
        store.setFolderExists(true)
        store.rescan()
    }
}
