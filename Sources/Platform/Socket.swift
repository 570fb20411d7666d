import Glibc

/// A TCP socket: a thin, typed wrapper over the C socket calls.
///
/// Sockets are created with `SOCK_CLOEXEC` and, unless asked otherwise,
/// `SOCK_NONBLOCK`; on a non-blocking socket `accept`, `send` and `receive`
/// return ``IOResult/wouldBlock`` instead of throwing `EAGAIN`. Every send uses
/// `MSG_NOSIGNAL`, so a peer that went away yields ``Errno/brokenPipe`` rather
/// than killing the process with `SIGPIPE`. The owner closes it with ``close()``.
public struct Socket: Sendable, Hashable {
    public let fileDescriptor: FileDescriptor

    public init(fileDescriptor: FileDescriptor) {
        self.fileDescriptor = fileDescriptor
    }

    /// Creates a non-blocking socket listening on `address`, with `SO_REUSEADDR`
    /// (so a restarted server can bind while old connections sit in `TIME_WAIT`)
    /// and optionally `SO_REUSEPORT` (so several sockets can share the port).
    public static func listening(on address: SocketAddress, backlog: Int32 = 1024, reusePort: Bool = false) throws(Errno) -> Socket {
        let socket = try stream(family: address.family)
        do throws(Errno) {
            try socket.setOption(level: SOL_SOCKET, name: SO_REUSEADDR, value: 1)
            if reusePort { try socket.setOption(level: SOL_SOCKET, name: SO_REUSEPORT, value: 1) }
            try socket.bind(to: address)
            try socket.listen(backlog: backlog)
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// Sets an integer socket option, e.g. `SO_REUSEADDR` or `TCP_NODELAY`.
    /// The corresponding C function is `setsockopt`.
    public func setOption(level: Int32, name: Int32, value: Int32) throws(Errno) {
        var value = value
        _ = try retryingOnInterrupt {
            setsockopt(fileDescriptor.rawValue, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// Disables Nagle's algorithm, so small responses leave at once.
    public func setNoDelay() throws(Errno) {
        try setOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)
    }

    /// Makes blocking calls give up after `milliseconds` with ``Errno/wouldBlock``
    /// (`SO_RCVTIMEO` and `SO_SNDTIMEO`). The corresponding C function is `setsockopt`.
    public func setTimeout(milliseconds: Int) throws(Errno) {
        var time = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
        for option in [SO_RCVTIMEO, SO_SNDTIMEO] {
            _ = try retryingOnInterrupt {
                setsockopt(fileDescriptor.rawValue, SOL_SOCKET, option, &time, socklen_t(MemoryLayout<timeval>.size))
            }
        }
    }

    /// Sets the kernel receive buffer size (`SO_RCVBUF`), e.g. to make a slow
    /// reader's backlog build up quickly in tests. The corresponding C function is `setsockopt`.
    public func setReceiveBufferSize(_ bytes: Int) throws(Errno) {
        try setOption(level: SOL_SOCKET, name: SO_RCVBUF, value: Int32(bytes))
    }

    /// Closes the connection at once with a reset instead of the usual FIN
    /// (`SO_LINGER` with a zero timeout), then closes the descriptor.
    public func abort() {
        var option = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(fileDescriptor.rawValue, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        close()
    }

    /// Binds the socket to a local address. The corresponding C function is `bind`.
    public func bind(to address: SocketAddress) throws(Errno) {
        _ = try retryingOnInterrupt {
            address.withSocketAddress { Glibc.bind(fileDescriptor.rawValue, $0, $1) }
        }
    }

    /// Starts accepting connections. The corresponding C function is `listen`.
    public func listen(backlog: Int32) throws(Errno) {
        _ = try retryingOnInterrupt { Glibc.listen(fileDescriptor.rawValue, backlog) }
    }

    /// Connects to `address`; on a blocking socket this waits for the handshake.
    /// The corresponding C function is `connect`.
    public func connect(to address: SocketAddress) throws(Errno) {
        _ = try retryingOnInterrupt {
            address.withSocketAddress { Glibc.connect(fileDescriptor.rawValue, $0, $1) }
        }
    }

    /// The address the socket is bound to, e.g. to learn the port picked for port 0.
    /// The corresponding C function is `getsockname`.
    public func localAddress() throws(Errno) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try retryingOnInterrupt {
            withUnsafeMutablePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fileDescriptor.rawValue, $0, &length) }
            }
        }
        guard let address = SocketAddress(storage: storage) else { throw Errno.invalidArgument }
        return address
    }

    /// Sends bytes from `buffer`; returns how many the kernel took.
    /// The corresponding C function is `send` with `MSG_NOSIGNAL`.
    public func send(_ buffer: UnsafeRawBufferPointer) throws(Errno) -> IOResult<Int> {
        try nonBlocking { Glibc.send(fileDescriptor.rawValue, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Sends `bytes[offset...]`; returns how many the kernel took.
    /// The corresponding C function is `send` with `MSG_NOSIGNAL`.
    public func send(_ bytes: [UInt8], from offset: Int = 0) throws(Errno) -> IOResult<Int> {
        precondition(offset >= 0 && offset <= bytes.count)
        return try bytes.withUnsafeBytes { raw in
            Result { () throws(Errno) in try send(UnsafeRawBufferPointer(rebasing: raw[offset...])) }
        }.get()
    }

    /// Receives up to `buffer.count` bytes; `.processed(0)` means the peer closed
    /// its side. The corresponding C function is `recv`.
    public func receive(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> IOResult<Int> {
        try nonBlocking { recv(fileDescriptor.rawValue, buffer.baseAddress, buffer.count, 0) }
    }

    /// Receives up to `buffer.count` bytes into the start of `buffer`; `.processed(0)`
    /// means the peer closed its side. The corresponding C function is `recv`.
    public func receive(into buffer: inout [UInt8]) throws(Errno) -> IOResult<Int> {
        try buffer.withUnsafeMutableBytes { raw in Result { () throws(Errno) in try receive(into: raw) } }.get()
    }

    /// Which directions ``shutdown(_:)`` closes.
    public enum ShutdownDirection: Sendable {
        case read, write, both
    }

    /// Closes one or both directions of the connection; the descriptor stays open.
    /// The corresponding C function is `shutdown`.
    public func shutdown(_ direction: ShutdownDirection) throws(Errno) {
        let how: Int32 = switch direction {
        case .read: Int32(SHUT_RD)
        case .write: Int32(SHUT_WR)
        case .both: Int32(SHUT_RDWR)
        }
        _ = try retryingOnInterrupt { Glibc.shutdown(fileDescriptor.rawValue, how) }
    }

    /// Closes the descriptor. The corresponding C function is `close`.
    public func close() {
        fileDescriptor.close()
    }
}
