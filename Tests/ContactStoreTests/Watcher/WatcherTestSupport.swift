@testable import ContactStore
import Dispatch
import Foundation
import Glibc
import Platform
import TestSupport
import Testing

/// A loaded store over a fresh temporary folder, watched by a started
/// ``FolderWatcher``, with every published change recorded. Files are written
/// with plain system calls so each test controls exactly what inotify sees
/// (Foundation's `createFile` itself writes a temporary file and renames it).
final class WatchedFolder: Sendable {
    let folder = TemporaryFolderBox()
    let store: ContactStore
    let watcher: FolderWatcher
    let recorder = ChangeRecorder()

    init(files: [String: String] = [:], start: Bool = true,
         quietPeriod: Duration = .milliseconds(10), maximumDelay: Duration = .milliseconds(50)) throws {
        store = ContactStore(directory: folder.value.path, changes: recorder)
        watcher = FolderWatcher(store: store, quietPeriod: quietPeriod, maximumDelay: maximumDelay)
        for (name, text) in files { write(name, text) }
        try store.load()
        if start { try watcher.start() }
    }

    deinit {
        watcher.stop()
    }

    var path: String { folder.value.path }

    /// Waits until the watcher has processed every change made so far.
    func settle(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(watcher.waitUntilIdle(timeout: .seconds(20)), "the watcher did not become idle", sourceLocation: sourceLocation)
    }

    /// The changes published since the last call, as readable one-liners.
    func takeEvents() -> [String] {
        recorder.take().map(\.summary)
    }

    /// Creates or truncates `name` in place and writes `text` into it (one `write`).
    func write(_ name: String, _ text: String) {
        FileWriting.write(path + "/" + name, Array(text.utf8))
    }

    /// Writes `text` to `temporary`, then renames it over `name` (vim, VS Code, vdirsyncer).
    func writeViaRename(_ name: String, _ text: String, temporary: String) throws {
        write(temporary, text)
        try rename(temporary, name)
    }

    func rename(_ from: String, _ to: String) throws {
        try FileSystem.rename(path + "/" + from, to: path + "/" + to)
    }

    func remove(_ name: String) throws {
        try FileSystem.remove(path + "/" + name)
    }

    /// Polls `condition` until it holds or `timeout` passes (for states reached
    /// on the watcher's own clock, like a vanished folder coming back).
    func eventually(timeout: Duration = .seconds(5), _ condition: () -> Bool) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() { return true }
            usleep(5_000)
        }
        return condition()
    }
}

enum FileWriting {
    /// `open(O_CREAT|O_TRUNC)`, `write`, `close` on a path given as raw bytes
    /// (so names that are not UTF-8 can be made).
    static func write(_ path: [UInt8], _ bytes: [UInt8]) {
        let fd = (path + [0]).withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        }
        precondition(fd >= 0, "cannot create \(String(decoding: path, as: UTF8.self)): \(Errno.current)")
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        precondition(written == bytes.count)
        close(fd)
    }

    static func write(_ path: String, _ bytes: [UInt8]) {
        write(Array(path.utf8), bytes)
    }
}

/// A contact card whose content does not depend on the file's mtime (it has
/// `REV` and `CREATED`), so re-writing the same text is no change.
func stableCard(fn: String, extra: [String] = []) -> String {
    sampleCard(fn: fn, extra: ["CREATED:20250101T000000Z", "REV:20260101T000000Z"] + extra)
}

/// Every change a store published, in order, with the monotonic time it arrived.
final class ChangeRecorder: StoreChangeSink, @unchecked Sendable { // guarded by `lock`
    private let lock = NSLock()
    private var changes: [(change: StoreChange, at: UInt64)] = []
    private let arrivals = DispatchSemaphore(value: 0)
    private var holding = false
    private let held = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)

    func publish(_ change: StoreChange) {
        lock.lock()
        changes.append((change, WallClock.monotonicNanoseconds()))
        let hold = holding
        holding = false
        lock.unlock()
        arrivals.signal()
        if hold {
            held.signal()
            released.wait()
        }
    }

    /// Makes the next change block the thread that publishes it (the watcher's)
    /// until ``release()``: meanwhile that thread reads no inotify events, so
    /// they pile up in the kernel queue as behind a busy watcher.
    func holdNextChange() {
        lock.lock()
        holding = true
        lock.unlock()
    }

    /// Waits until a change is being held (see ``holdNextChange()``).
    func waitUntilHeld(timeout: Duration = .seconds(20)) -> Bool {
        held.wait(timeout: .now() + .seconds(Int(timeout.components.seconds))) == .success
    }

    /// Lets the held change return.
    func release() {
        released.signal()
    }

    /// Removes and returns what was recorded so far.
    func take() -> [StoreChange] {
        takeTimed().map(\.change)
    }

    func takeTimed() -> [(change: StoreChange, at: UInt64)] {
        lock.lock()
        defer { lock.unlock() }
        let taken = changes
        changes = []
        return taken
    }

    /// Waits for the next change to arrive (for latency measurements).
    func waitForArrival(timeout: Duration) -> Bool {
        arrivals.wait(timeout: .now() + .milliseconds(Int(timeout.components.seconds * 1000))) == .success
    }
}

extension StoreChange {
    /// "contact.updated ana file", "contact.deleted a permanent file".
    var summary: String {
        "\(kind.rawValue) \(contact.id)\(permanent ? " permanent" : "") \(origin.rawValue)"
    }
}

/// The contacts of a store, by id.
func contactsByID(_ store: ContactStore) -> [String: Contact] {
    store.read { index in Dictionary(uniqueKeysWithValues: index.entries.map { ($0.id, $0.contact) }) }
}

/// True when `store`'s index holds exactly what a store freshly loaded from the folder holds.
func indexEqualsFolder(_ store: ContactStore) throws -> Bool {
    let fresh = ContactStore(directory: store.directory)
    try fresh.load()
    return contactsByID(store) == contactsByID(fresh) && store.status().problems == fresh.status().problems
}
