import Synchronization

/// Receives what arrives on an ``UpgradedConnection``. Called on the
/// connection's loop thread only, so an implementation needs no lock for its
/// own state; it must not block.
public protocol UpgradedConnectionDelegate: AnyObject {
    /// Bytes arrived from the peer (at most 64 KiB per call; frames may be split anywhere).
    func connection(_ connection: UpgradedConnection, didReceive bytes: ArraySlice<UInt8>)
    /// The connection is closed: the peer closed or reset it, ``UpgradedConnection/close()``
    /// finished, its backlog overflowed, or the server stopped. Called exactly once, last.
    func connectionDidClose(_ connection: UpgradedConnection)
}

/// A connection that left HTTP after a `101 Switching Protocols` response, as
/// the WebSocket layer sees it.
///
/// ``write(_:)`` and ``close()`` may be called from any thread; bytes go out in
/// the order written. ``backlogByteCount`` tells how much is queued but not yet
/// accepted by the kernel, so the caller can drop a client that reads too
/// slowly (Cardbox closes WebSocket clients past 4 MiB); past the server's
/// `maximumUpgradedBacklog` the connection is aborted regardless.
public final class UpgradedConnection: Sendable {
    private let loop: EventLoop
    let id: UInt64
    private let backlog = Atomic<Int>(0)
    private let closed = Atomic<Bool>(false)

    init(loop: EventLoop, id: UInt64) {
        self.loop = loop
        self.id = id
    }

    /// Queues bytes to send. Ignored once the connection is closed or closing.
    public func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty, !closed.load(ordering: .acquiring) else { return }
        backlog.add(bytes.count, ordering: .relaxed)
        loop.post(.write(connection: id, bytes: bytes))
    }

    /// Bytes written but not yet handed to the kernel.
    public var backlogByteCount: Int { backlog.load(ordering: .relaxed) }

    /// True once ``close()`` was called or the connection closed.
    public var isClosed: Bool { closed.load(ordering: .acquiring) }

    /// Writes what is queued (for at most the linger timeout), then closes;
    /// the delegate then hears ``UpgradedConnectionDelegate/connectionDidClose(_:)``.
    public func close() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        loop.post(.close(connection: id))
    }

    /// The loop handed `count` queued bytes to the kernel (or dropped them).
    func didFlush(_ count: Int) {
        backlog.subtract(count, ordering: .relaxed)
    }

    /// The loop closed the connection.
    func markClosed() {
        closed.store(true, ordering: .releasing)
    }
}
