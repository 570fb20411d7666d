import CSystem
import Glibc

/// A non-blocking eventfd: a kernel counter another thread bumps to wake a
/// thread sleeping in `epoll_wait`.
///
/// ``signal()`` may be called from any thread, any number of times; the waiter
/// sees one readable event and clears it with ``drain()``. The owner closes it
/// with ``close()``.
public struct EventFD: Sendable, Hashable {
    public let fileDescriptor: FileDescriptor

    /// Creates a non-blocking, close-on-exec eventfd with counter 0.
    /// The corresponding C function is `eventfd`.
    public static func create() throws(Errno) -> EventFD {
        let fd = try retryingOnInterrupt { eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC)) }
        return EventFD(fileDescriptor: FileDescriptor(rawValue: fd))
    }

    public init(fileDescriptor: FileDescriptor) {
        self.fileDescriptor = fileDescriptor
    }

    /// Adds 1 to the counter, making the descriptor readable. A saturated counter
    /// (`EAGAIN`) is already readable, so it is not an error. The corresponding C function is `write`.
    public func signal() {
        var one: UInt64 = 1
        _ = try? nonBlocking { Glibc.write(fileDescriptor.rawValue, &one, 8) }
    }

    /// Resets the counter to 0 so the descriptor stops being readable.
    /// The corresponding C function is `read`.
    public func drain() {
        var value: UInt64 = 0
        _ = try? nonBlocking { Glibc.read(fileDescriptor.rawValue, &value, 8) }
    }

    /// Closes the descriptor. The corresponding C function is `close`.
    public func close() {
        fileDescriptor.close()
    }
}
