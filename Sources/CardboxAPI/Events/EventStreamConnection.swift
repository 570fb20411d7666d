import HTTPServer
import Platform
import Synchronization

/// One WebSocket client of `/api/v1/events`: the bridge between the event hub,
/// the protocol state machine (``WebSocketConnectionState``: pings, pongs,
/// closes, the 4 MiB backlog limit) and the upgraded socket.
///
/// It is subscribed before the `101` is sent; events that arrive before the
/// server hands over the socket wait in `pending` and go out first.
final class EventStreamConnection: EventHub.Subscriber, UpgradedConnectionDelegate, @unchecked Sendable {
    // @unchecked: every mutable field is inside `state`, a Mutex.
    private struct State {
        var protocolState: WebSocketConnectionState
        var connection: UpgradedConnection?
        var pending: [[UInt8]] = []
        var closed = false
        /// When the stream was opened; a stream never handed its socket (the client
        /// went away during the handshake) is dropped after ``handshakeDeadline``.
        var openedAt: Duration
    }

    /// How long a subscribed stream may wait for its socket before it is dropped.
    static let handshakeDeadline = Duration.seconds(10)

    private let state: Mutex<State>
    private let hub: EventHub
    private let clock: @Sendable () -> Duration
    private let onClose: @Sendable (EventStreamConnection) -> Void

    init(hub: EventHub, configuration: WebSocketConnectionState.Configuration, clock: @escaping @Sendable () -> Duration,
         onClose: @escaping @Sendable (EventStreamConnection) -> Void) {
        self.hub = hub
        self.clock = clock
        self.onClose = onClose
        let now = clock()
        state = Mutex(State(protocolState: WebSocketConnectionState(now: now, configuration: configuration), openedAt: now))
    }

    /// The socket is ours (called on its loop thread right after the 101 is queued).
    func attach(_ connection: UpgradedConnection) {
        let actions: [WebSocketConnectionState.Action] = state.withLock { state in
            state.connection = connection
            var actions: [WebSocketConnectionState.Action] = []
            for json in state.pending { actions += state.protocolState.send(.text(String(decoding: json, as: UTF8.self))) }
            state.pending = []
            return actions
        }
        perform(actions)
    }

    // MARK: EventHub.Subscriber

    func receive(_ json: [UInt8]) {
        let actions: [WebSocketConnectionState.Action] = state.withLock { state in
            guard !state.closed else { return [] }
            guard state.connection != nil else {
                state.pending.append(json)
                return []
            }
            return state.protocolState.send(.text(String(decoding: json, as: UTF8.self)))
        }
        perform(actions)
    }

    // MARK: UpgradedConnectionDelegate

    func connection(_ connection: UpgradedConnection, didReceive bytes: ArraySlice<UInt8>) {
        let now = clock()
        perform(state.withLock { $0.protocolState.receive(bytes, now: now) })
    }

    func connectionDidClose(_ connection: UpgradedConnection) {
        finish()
    }

    /// Leaves the hub and the registry, once.
    private func finish() {
        let first = state.withLock { state in
            defer {
                state.closed = true
                state.pending = []
            }
            return !state.closed
        }
        guard first else { return }
        hub.unsubscribe(self)
        onClose(self)
    }

    /// Time passes: pings, and closing peers that stopped answering them.
    func tick() {
        let now = clock()
        let abandoned = state.withLock { $0.connection == nil && now - $0.openedAt > Self.handshakeDeadline }
        if abandoned {
            finish()
            return
        }
        perform(state.withLock { $0.protocolState.tick(now: now) })
    }

    /// The server is stopping: a close frame with 1001 going away, then the socket closes.
    func shutDown() {
        perform(state.withLock { $0.protocolState.shutdown() })
    }

    /// Carries out what the state machine decided, outside the lock.
    private func perform(_ actions: [WebSocketConnectionState.Action]) {
        guard !actions.isEmpty, let connection = state.withLock({ $0.connection }) else { return }
        for action in actions {
            switch action {
            case .send(let bytes):
                connection.write(bytes)
                let backlog = connection.backlogByteCount
                let more = state.withLock { $0.protocolState.backlogChanged(unsentBytes: backlog) }
                if !more.isEmpty { perform(more) }
            case .deliver:
                continue  // messages from clients are read and ignored (SPEC §3)
            case .close(let code):
                if let code { connection.write(WebSocketFrameEncoder.close(code: code, reason: "")) }
                connection.close()
                finish()
                return
            }
        }
    }
}
