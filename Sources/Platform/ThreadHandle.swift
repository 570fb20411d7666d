import Glibc

/// A POSIX thread that runs one closure; ``join()`` waits for it to end.
///
/// Event loops run on threads of their own (not Dispatch's pool) because they
/// block in `epoll_wait` for their whole life.
public struct ThreadHandle: Sendable {
    private let thread: pthread_t

    /// Starts a thread running `body`. The corresponding C function is `pthread_create`.
    public static func spawn(_ body: @escaping @Sendable () -> Void) throws(Errno) -> ThreadHandle {
        final class Box: Sendable {
            let body: @Sendable () -> Void
            init(body: @escaping @Sendable () -> Void) { self.body = body }
        }
        let box = Unmanaged.passRetained(Box(body: body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { argument in
            let box = Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        if result != 0 {
            Unmanaged<Box>.fromOpaque(box).release()
            throw Errno(rawValue: result)
        }
        return ThreadHandle(thread: thread)
    }

    /// Waits for the thread to finish. Call it once. The corresponding C function is `pthread_join`.
    public func join() {
        _ = pthread_join(thread, nil)
    }

    /// An identifier of the calling thread, comparable with ``id``.
    /// The corresponding C function is `pthread_self`.
    public static var currentID: UInt { UInt(pthread_self()) }

    /// This thread's identifier.
    public var id: UInt { UInt(thread) }
}

/// Facts about the machine.
public enum SystemInfo {
    /// The number of processors online. The corresponding C function is `sysconf(_SC_NPROCESSORS_ONLN)`.
    public static var processorCount: Int {
        max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}
