/// The outcome of a non-blocking read or write: either it did some work, or the
/// descriptor was not ready.
///
/// Following swift-nio, "would block" (`EAGAIN`/`EWOULDBLOCK`) is an expected
/// outcome of non-blocking I/O, not an error: callers switch over it instead of
/// catching it. Real failures are still thrown as ``Errno``.
public enum IOResult<Value: Sendable>: Sendable {
    /// The call transferred data (or, for `accept`, produced a value).
    case processed(Value)
    /// The descriptor is not ready; wait for epoll to report it.
    case wouldBlock
}

extension IOResult: Equatable where Value: Equatable {}

/// Runs a non-blocking call, retrying on `EINTR` and turning `EAGAIN` into ``IOResult/wouldBlock``.
@inline(__always)
func nonBlocking<T: FixedWidthInteger>(_ body: () -> T) throws(Errno) -> IOResult<T> {
    while true {
        let result = body()
        if result != -1 { return .processed(result) }
        let error = Errno.current
        // EWOULDBLOCK equals EAGAIN on Linux.
        if error == .wouldBlock { return .wouldBlock }
        if error != .interrupted { throw error }
    }
}

