import CSystem

// The calls that create descriptors with `SOCK_NONBLOCK | SOCK_CLOEXEC`. They live
// in their own file, importing only CSystem: `accept4` comes from there, and with
// both CSystem and Glibc imported the socket-type constants become ambiguous.

extension Socket {
    /// Creates a TCP stream socket for `family` (`AF_INET` or `AF_INET6`).
    /// The corresponding C function is `socket`.
    public static func stream(family: Int32, blocking: Bool = false) throws(Errno) -> Socket {
        var type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        if !blocking { type |= Int32(SOCK_NONBLOCK.rawValue) }
        let fd = try retryingOnInterrupt { CSystem.socket(family, type, 0) }
        return Socket(fileDescriptor: FileDescriptor(rawValue: fd))
    }

    /// Accepts one pending connection as a non-blocking, close-on-exec socket.
    /// The corresponding C function is `accept4` with `SOCK_NONBLOCK | SOCK_CLOEXEC`.
    public func accept() throws(Errno) -> IOResult<Socket> {
        let flags = Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        switch try nonBlocking({ csystem_accept4(fileDescriptor.rawValue, nil, nil, flags) }) {
        case .processed(let fd): return .processed(Socket(fileDescriptor: FileDescriptor(rawValue: fd)))
        case .wouldBlock: return .wouldBlock
        }
    }
}
