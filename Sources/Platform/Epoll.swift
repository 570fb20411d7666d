import CSystem
import Glibc

/// An epoll instance: the kernel's readiness notification for many descriptors.
///
/// Each registered descriptor carries a 64-bit `data` tag chosen by the caller
/// (Cardbox uses connection ids, so a reused descriptor number can never be
/// mistaken for the connection that had it before). Level-triggered unless
/// ``Events/edgeTriggered`` is given. The owner closes it with ``close()``.
public struct Epoll: Sendable, Hashable {
    public let fileDescriptor: FileDescriptor

    /// The readiness conditions of a descriptor (`EPOLLIN`, `EPOLLOUT`, …).
    public struct Events: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        public static let readable = Events(rawValue: EPOLLIN.rawValue)
        public static let writable = Events(rawValue: EPOLLOUT.rawValue)
        /// The peer closed its writing side (`EPOLLRDHUP`).
        public static let readHangup = Events(rawValue: EPOLLRDHUP.rawValue)
        /// Both directions are closed (`EPOLLHUP`); always reported.
        public static let hangup = Events(rawValue: EPOLLHUP.rawValue)
        /// An error is pending on the descriptor (`EPOLLERR`); always reported.
        public static let error = Events(rawValue: EPOLLERR.rawValue)
        public static let edgeTriggered = Events(rawValue: EPOLLET.rawValue)
        /// Wake only one of the epoll instances waiting on a shared descriptor
        /// (`EPOLLEXCLUSIVE`, Linux 4.5); only valid with ``Epoll/add(_:events:data:)``.
        public static let exclusive = Events(rawValue: EPOLLEXCLUSIVE.rawValue)
    }

    /// One readiness report from ``wait(into:timeoutMilliseconds:)``.
    public struct Event: Sendable, Hashable {
        public let events: Events
        public let data: UInt64
    }

    /// A reusable array of C `epoll_event`s for ``wait(into:timeoutMilliseconds:)``.
    /// Owned by one thread (not `Sendable`); freed when released.
    public final class EventBuffer {
        let storage: UnsafeMutablePointer<epoll_event>
        public let capacity: Int

        public init(capacity: Int) {
            precondition(capacity > 0)
            self.capacity = capacity
            storage = .allocate(capacity: capacity)
            storage.initialize(repeating: epoll_event(), count: capacity)
        }

        deinit { storage.deallocate() }

        /// The `index`th event reported by the last wait.
        public subscript(index: Int) -> Event {
            let raw = storage[index]
            return Event(events: Events(rawValue: raw.events), data: raw.data.u64)
        }
    }

    public init(fileDescriptor: FileDescriptor) {
        self.fileDescriptor = fileDescriptor
    }

    /// Creates a close-on-exec epoll instance. The corresponding C function is `epoll_create1`.
    public static func create() throws(Errno) -> Epoll {
        let fd = try retryingOnInterrupt { epoll_create1(Int32(EPOLL_CLOEXEC)) }
        return Epoll(fileDescriptor: FileDescriptor(rawValue: fd))
    }

    /// Starts watching `descriptor`. The corresponding C function is `epoll_ctl` with `EPOLL_CTL_ADD`.
    public func add(_ descriptor: FileDescriptor, events: Events, data: UInt64) throws(Errno) {
        try control(EPOLL_CTL_ADD, descriptor, events: events, data: data)
    }

    /// Changes what `descriptor` is watched for. The corresponding C function is `epoll_ctl` with `EPOLL_CTL_MOD`.
    public func modify(_ descriptor: FileDescriptor, events: Events, data: UInt64) throws(Errno) {
        try control(EPOLL_CTL_MOD, descriptor, events: events, data: data)
    }

    /// Stops watching `descriptor`. The corresponding C function is `epoll_ctl` with `EPOLL_CTL_DEL`.
    public func remove(_ descriptor: FileDescriptor) throws(Errno) {
        try control(EPOLL_CTL_DEL, descriptor, events: [], data: 0)
    }

    private func control(_ operation: Int32, _ descriptor: FileDescriptor, events: Events, data: UInt64) throws(Errno) {
        var event = epoll_event()
        event.events = events.rawValue
        event.data.u64 = data
        _ = try retryingOnInterrupt { epoll_ctl(fileDescriptor.rawValue, operation, descriptor.rawValue, &event) }
    }

    /// Waits until at least one watched descriptor is ready or the timeout passes
    /// (`-1`: no timeout), and returns how many events `buffer` now holds. An
    /// interrupted wait returns 0. The corresponding C function is `epoll_wait`.
    public func wait(into buffer: EventBuffer, timeoutMilliseconds: Int32) throws(Errno) -> Int {
        let count = epoll_wait(fileDescriptor.rawValue, buffer.storage, Int32(buffer.capacity), timeoutMilliseconds)
        if count == -1 {
            let error = Errno.current
            if error == .interrupted { return 0 }
            throw error
        }
        return Int(count)
    }

    /// Closes the instance. The corresponding C function is `close`.
    public func close() {
        fileDescriptor.close()
    }
}
