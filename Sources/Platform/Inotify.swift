import CSystem
import Glibc

/// An inotify instance: the kernel's notification of changes inside watched
/// directories (inotify(7)).
///
/// Created non-blocking and close-on-exec, so a thread waits for it with epoll
/// and reads until ``IOResult/wouldBlock``. The kernel hands out whole
/// variable-length `inotify_event` records; ``decode(_:)`` turns a buffer of them
/// into ``Event`` values without any I/O. The owner closes it with ``close()``.
public struct Inotify: Sendable, Hashable {
    public let fileDescriptor: FileDescriptor

    /// What a watch reports (`IN_CREATE`, `IN_MOVED_TO`, …), and the flags the
    /// kernel adds to events (`IN_ISDIR`, `IN_Q_OVERFLOW`, `IN_IGNORED`).
    public struct Events: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// File was modified (`write`, `truncate`).
        public static let modify = Events(rawValue: UInt32(IN_MODIFY))
        /// Metadata changed (permissions, timestamps, link count).
        public static let attributes = Events(rawValue: UInt32(IN_ATTRIB))
        /// A file opened for writing was closed.
        public static let closeWrite = Events(rawValue: UInt32(IN_CLOSE_WRITE))
        /// A name was renamed out of the watched directory (first half of a rename).
        public static let movedFrom = Events(rawValue: UInt32(IN_MOVED_FROM))
        /// A name was renamed into the watched directory (second half of a rename).
        public static let movedTo = Events(rawValue: UInt32(IN_MOVED_TO))
        /// A name was created in the watched directory.
        public static let create = Events(rawValue: UInt32(IN_CREATE))
        /// A name was removed from the watched directory.
        public static let delete = Events(rawValue: UInt32(IN_DELETE))
        /// The watched directory itself was deleted.
        public static let deleteSelf = Events(rawValue: UInt32(IN_DELETE_SELF))
        /// The watched directory itself was moved.
        public static let moveSelf = Events(rawValue: UInt32(IN_MOVE_SELF))
        /// Only watch the path if it is a directory (`IN_ONLYDIR`, a flag for ``Inotify/addWatch(_:events:)``).
        public static let onlyDirectory = Events(rawValue: UInt32(IN_ONLYDIR))
        /// The subject of the event is a directory (set by the kernel).
        public static let isDirectory = Events(rawValue: UInt32(IN_ISDIR))
        /// The kernel's event queue overflowed: events were lost (watch descriptor -1).
        public static let queueOverflow = Events(rawValue: UInt32(IN_Q_OVERFLOW))
        /// The watch was removed (explicitly, or because its directory is gone).
        public static let ignored = Events(rawValue: UInt32(IN_IGNORED))
        /// The file system holding the watched object was unmounted.
        public static let unmount = Events(rawValue: UInt32(IN_UNMOUNT))
    }

    /// A watch, as numbered by the kernel for this instance.
    public struct Watch: Sendable, Hashable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
    }

    /// One decoded `inotify_event`.
    public struct Event: Sendable, Hashable {
        /// The watch it belongs to; -1 for ``Events/queueOverflow``.
        public let watch: Watch
        public let mask: Events
        /// Pairs the ``Events/movedFrom`` and ``Events/movedTo`` halves of one rename.
        public let cookie: UInt32
        /// The name inside the watched directory, as raw bytes (file names need
        /// not be UTF-8); empty for events on the watched object itself.
        public let name: [UInt8]

        public init(watch: Watch, mask: Events, cookie: UInt32, name: [UInt8]) {
            self.watch = watch
            self.mask = mask
            self.cookie = cookie
            self.name = name
        }

        /// The name as a string, or nil when it is not valid UTF-8 (such a name
        /// cannot be spelled as a Swift `String` path without changing it).
        public var utf8Name: String? {
            String(validating: name, as: UTF8.self)
        }
    }

    /// The size of the fixed part of an `inotify_event` (wd, mask, cookie, len).
    public static let headerSize = 16

    /// A read buffer large enough for at least one event with the longest name
    /// (`NAME_MAX` + 1), as inotify(7) asks; bigger buffers take more per read.
    public static let minimumBufferSize = headerSize + Int(NAME_MAX) + 1

    public init(fileDescriptor: FileDescriptor) {
        self.fileDescriptor = fileDescriptor
    }

    /// Creates a non-blocking, close-on-exec instance. The corresponding C function is `inotify_init1`.
    public static func create() throws(Errno) -> Inotify {
        let fd = try retryingOnInterrupt { inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC)) }
        return Inotify(fileDescriptor: FileDescriptor(rawValue: fd))
    }

    /// Starts (or replaces) the watch on `path`. The corresponding C function is `inotify_add_watch`.
    public func addWatch(_ path: String, events: Events) throws(Errno) -> Watch {
        let wd = try retryingOnInterrupt { inotify_add_watch(fileDescriptor.rawValue, path, events.rawValue) }
        return Watch(rawValue: wd)
    }

    /// Stops a watch; the kernel then queues an ``Events/ignored`` event for it.
    /// The corresponding C function is `inotify_rm_watch`.
    public func removeWatch(_ watch: Watch) throws(Errno) {
        _ = try retryingOnInterrupt { inotify_rm_watch(fileDescriptor.rawValue, watch.rawValue) }
    }

    /// Reads as many whole events as fit into `buffer` (at least
    /// ``minimumBufferSize`` bytes) and returns the byte count, or
    /// ``IOResult/wouldBlock`` when none are queued. The corresponding C function is `read`.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> IOResult<Int> {
        try nonBlocking { Glibc.read(fileDescriptor.rawValue, buffer.baseAddress, buffer.count) }
    }

    /// Reads the queued events, as many as fit into `buffer` (whose size is kept
    /// and reused, at least ``minimumBufferSize`` bytes), decoded; or
    /// ``IOResult/wouldBlock`` when none are queued. The corresponding C function is `read`.
    public func readEvents(using buffer: inout [UInt8]) throws(Errno) -> IOResult<[Event]> {
        let result = buffer.withUnsafeMutableBytes { raw in Result { () throws(Errno) in try read(into: raw) } }
        switch try result.get() {
        case .wouldBlock: return .wouldBlock
        case .processed(let count): return .processed(buffer.withUnsafeBytes { Self.decode(UnsafeRawBufferPointer(rebasing: $0[0..<count])) })
        }
    }

    /// Decodes the `inotify_event` records in `bytes` (as returned by `read`),
    /// in order. Each record is a 16-byte header — `int wd`, `uint32_t mask`,
    /// `uint32_t cookie`, `uint32_t len`, in the machine's byte order — followed by
    /// `len` bytes of NUL-padded name. A truncated trailing record (which the
    /// kernel never produces) is dropped rather than read past the end.
    ///
    /// - Complexity: O(n) in the number of bytes.
    public static func decode(_ bytes: UnsafeRawBufferPointer) -> [Event] {
        var events: [Event] = []
        var offset = 0
        while bytes.count - offset >= headerSize {
            let wd = Int32(bitPattern: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let cookie = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameStart = offset + headerSize
            guard length <= bytes.count - nameStart else { break }
            let field = bytes[nameStart..<(nameStart + length)]
            let name = Array(field.prefix { $0 != 0 })
            events.append(Event(watch: Watch(rawValue: wd), mask: Events(rawValue: mask), cookie: cookie, name: name))
            offset = nameStart + length
        }
        return events
    }

    /// ``decode(_:)`` over an array of bytes.
    public static func decode(_ bytes: [UInt8]) -> [Event] {
        bytes.withUnsafeBytes { decode($0) }
    }

    /// Closes the instance, removing all its watches. The corresponding C function is `close`.
    public func close() {
        fileDescriptor.close()
    }
}
