import Synchronization

/// The handle a handler answers its request through.
///
/// Sendable: call ``send(_:)`` exactly once, from any thread — at once on the
/// loop thread for an in-memory read, or later from a worker queue after an
/// fsync. Responses to pipelined requests still leave in request order: the
/// connection holds an early answer until the ones before it are sent. A
/// second `send` is ignored. A responder released without answering sends a
/// 500 (through the server's error hook), so a forgotten path in a handler can
/// never hang a connection.
public final class HTTPResponder: Sendable {
    private let loop: EventLoop
    private let connection: UInt64
    private let sequence: UInt64
    private let sent = Atomic<Bool>(false)

    init(loop: EventLoop, connection: UInt64, sequence: UInt64) {
        self.loop = loop
        self.connection = connection
        self.sequence = sequence
    }

    /// Sends the response. Only the first call has an effect.
    public func send(_ response: HTTPResponse) {
        guard !sent.exchange(true, ordering: .acquiringAndReleasing) else { return }
        loop.post(.respond(connection: connection, sequence: sequence, response: response))
    }

    deinit {
        if !sent.load(ordering: .acquiring) {
            loop.post(.abandoned(connection: connection, sequence: sequence))
        }
    }
}
