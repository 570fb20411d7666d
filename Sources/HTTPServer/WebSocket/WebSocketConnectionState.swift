/// The life of one server-side WebSocket connection after the handshake, as a
/// pure value: it takes what happened — bytes read, time passing, the size of
/// the unsent backlog — and returns the ``Action``s the caller performs.
///
/// No I/O and no clock inside: the event loop passes `now`, any monotonic time
/// measured from a fixed origin (for example `CLOCK_MONOTONIC`), and calls
/// ``tick(now:)`` at or after ``nextDeadline``. Like swift-websocket's state
/// machine, the tests drive it with values and check the actions.
///
/// Policies (SPEC §3):
/// - A ping is answered with a pong carrying the same data (RFC 6455 §5.5.2).
/// - A Close is answered with a Close echoing its code, then the connection
///   ends (§5.5.1, §7.1.5); the server closes TCP first (§7.1.1).
/// - A protocol error fails the connection with its 1002/1007/1009 (§7.1.7)
///   and no further input is read.
/// - Keep-alive: a ping every ``Configuration/pingInterval`` (30 s); a peer
///   that has not answered with the matching pong by the next interval is
///   closed with 1001 *going away*. 1001, not 1011: the server is not failing
///   (1011 means "an unexpected condition" on the sender's side, §7.4.1), it is
///   walking away from a peer that has gone silent — what 1001 describes.
/// - A peer that reads too slowly, so that the caller's unsent backlog passes
///   ``Configuration/maximumBacklog`` (4 MiB), is closed with 1008 policy
///   violation, so it never holds memory or slows anyone else.
///
/// ```swift
/// var connection = WebSocketConnectionState(now: monotonicNow())
/// for action in connection.receive(bytesRead, now: monotonicNow()) {
///     switch action {
///     case .send(let bytes): queue(bytes)
///     case .deliver: break // Cardbox reads client messages and ignores them
///     case .close(let code): dropBacklog(); tryWrite(WebSocketFrameEncoder.close(code: code)); closeSocket()
///     }
/// }
/// ```
public struct WebSocketConnectionState: Sendable {
    /// What the caller must do, in order.
    public enum Action: Equatable, Sendable {
        /// Queue these bytes (one or more encoded frames) after anything already queued.
        case send([UInt8])
        /// Hand this complete message to the application.
        case deliver(WebSocketMessage)
        /// End the connection: discard the unsent backlog, write
        /// `WebSocketFrameEncoder.close(code: code)` once, best effort and without
        /// blocking, then close the socket. `nil` means a Close with no body,
        /// echoing a peer's Close that had none (§5.5.1). Always the last action;
        /// the state is closed afterwards and returns no more actions.
        case close(WebSocketCloseCode?)
    }

    /// Limits and timings, with the values SPEC §3 fixes as defaults.
    public struct Configuration: Sendable {
        /// Time between pings, and how long a pong may take (SPEC §3: 30 s).
        public var pingInterval: Duration
        /// Unsent bytes above which a slow reader is disconnected (SPEC §3: 4 MiB).
        public var maximumBacklog: Int
        /// Largest frame or message accepted from the peer (SPEC §3: 64 KiB).
        public var maximumMessageSize: Int

        /// The defaults are SPEC §3's; tests shorten them.
        public init(
            pingInterval: Duration = .seconds(30),
            maximumBacklog: Int = 4 * 1024 * 1024,
            maximumMessageSize: Int = WebSocketFrameDecoder.defaultMaximumMessageSize
        ) {
            self.pingInterval = pingInterval
            self.maximumBacklog = maximumBacklog
            self.maximumMessageSize = maximumMessageSize
        }
    }

    /// The configuration this connection runs with.
    public let configuration: Configuration
    private var decoder: WebSocketFrameDecoder
    /// When the next ping is due, while none is outstanding.
    private var nextPingAt: Duration
    /// The ping waiting for its pong, and when it was sent.
    private var outstandingPing: (payload: [UInt8], sentAt: Duration)?
    private var pingsSent: UInt64 = 0

    /// False once a ``Action/close(_:)`` has been returned.
    public private(set) var isOpen = true
    /// The code this connection was closed with, for logs; `nil` while open or
    /// after echoing a Close that had no code.
    public private(set) var closeCode: WebSocketCloseCode?
    /// The protocol error that failed the connection, if one did, for logs.
    public private(set) var protocolError: WebSocketProtocolError?

    /// A connection whose handshake has just completed at `now`; the first
    /// ping is due one interval later.
    public init(now: Duration, configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.decoder = WebSocketFrameDecoder(maximumMessageSize: configuration.maximumMessageSize)
        self.nextPingAt = now + configuration.pingInterval
    }

    /// When ``tick(now:)`` must next be called — the next ping, or the deadline
    /// of the outstanding one — or `nil` once closed.
    public var nextDeadline: Duration? {
        guard isOpen else { return nil }
        if let outstandingPing { return outstandingPing.sentAt + configuration.pingInterval }
        return nextPingAt
    }

    /// Decodes bytes read from the peer and reacts to every event in them; a
    /// protocol error ends with ``Action/close(_:)`` carrying its close code.
    public mutating func receive(_ bytes: some Sequence<UInt8>, now: Duration) -> [Action] {
        guard isOpen else { return [] }
        decoder.append(bytes)
        var actions: [Action] = []
        do {
            while isOpen, let event = try decoder.next() {
                actions += handle(event, now: now)
            }
        } catch {
            protocolError = error
            actions += close(error.closeCode)
        }
        return actions
    }

    /// Reacts to one decoded event (``receive(_:now:)`` calls this for each).
    public mutating func handle(_ event: WebSocketEvent, now: Duration) -> [Action] {
        guard isOpen else { return [] }
        switch event {
        case .text(let text):
            return [.deliver(.text(text))]
        case .binary(let bytes):
            return [.deliver(.binary(bytes))]
        case .ping(let payload):
            // §5.5.2: "MUST send a Pong frame in response … with identical Application data".
            return [.send(WebSocketFrameEncoder.pong(payload))]
        case .pong(let payload):
            // §5.5.3: an unsolicited pong, or one for another ping, proves nothing.
            if let outstandingPing, outstandingPing.payload == payload {
                self.outstandingPing = nil
                nextPingAt = max(now, outstandingPing.sentAt + configuration.pingInterval)
            }
            return []
        case .close(let code, _):
            // §5.5.1: answer with a Close, "typically" echoing the code.
            return close(code)
        }
    }

    /// Time passed: sends the ping that is due, or closes a peer whose pong is late.
    public mutating func tick(now: Duration) -> [Action] {
        guard isOpen else { return [] }
        if let outstandingPing {
            guard now >= outstandingPing.sentAt + configuration.pingInterval else { return [] }
            return close(.goingAway)
        }
        guard now >= nextPingAt else { return [] }
        pingsSent += 1
        let payload = (0..<8).reversed().map { UInt8(truncatingIfNeeded: pingsSent >> UInt64($0 * 8)) }
        outstandingPing = (payload, now)
        return [.send(WebSocketFrameEncoder.ping(payload))]
    }

    /// The caller's count of bytes queued but not yet written changed; past the
    /// limit the slow reader is closed with 1008 (SPEC §3).
    public mutating func backlogChanged(unsentBytes: Int) -> [Action] {
        guard isOpen, unsentBytes > configuration.maximumBacklog else { return [] }
        return close(.policyViolation)
    }

    /// Sends a message to the peer, or nothing once closed (§5.5.1: no data
    /// after a Close).
    public mutating func send(_ message: WebSocketMessage) -> [Action] {
        guard isOpen else { return [] }
        switch message {
        case .text(let text): return [.send(WebSocketFrameEncoder.text(text))]
        case .binary(let bytes): return [.send(WebSocketFrameEncoder.binary(bytes))]
        }
    }

    /// The server is shutting down: close with 1001 going away (§7.4.1).
    public mutating func shutdown() -> [Action] {
        guard isOpen else { return [] }
        return close(.goingAway)
    }

    private mutating func close(_ code: WebSocketCloseCode?) -> [Action] {
        isOpen = false
        closeCode = code
        outstandingPing = nil
        return [.close(code)]
    }
}
