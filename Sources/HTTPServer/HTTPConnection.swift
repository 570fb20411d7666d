import Platform

/// One client connection's state, owned by its loop thread (not `Sendable`,
/// never shared). The behaviour lives in ``LoopRunner``; this is the record.
final class HTTPConnection {
    /// What the connection is doing with the bytes it reads.
    enum Mode {
        /// Parsing HTTP requests.
        case http
        /// Handed to an ``UpgradedConnectionDelegate`` after a 101.
        case upgraded
        /// Output done and write side shut: reading and discarding until the
        /// peer closes or the linger timeout passes (RFC 9112 §9.6).
        case lingering
    }

    /// One place in the ordered output. Responses to pipelined requests must
    /// leave in request order (RFC 9112 §9.3.2), so each request reserves its
    /// slot when parsed and the slot is filled whenever the handler answers.
    enum OutputSlot {
        case continueInterim
        case response(Pending)
        case error(HTTPResponse)

        /// The size of the slot's answer body, 0 if not known yet.
        var bodySize: Int {
            switch self {
            case .continueInterim: 0
            case .response(let pending): pending.response?.body.count ?? 0
            case .error(let response): response.body.count
            }
        }

        /// True if the slot can be serialized now (its answer is known).
        var isReady: Bool {
            if case .response(let pending) = self { pending.response != nil } else { true }
        }
    }

    /// What serializing a request's response needs to know about the request.
    struct Pending {
        let sequence: UInt64
        let isHead: Bool
        let version: HTTPVersion
        let keepAlive: Bool
        let isUpgrade: Bool
        /// The request body's size, counted in ``HTTPConnection/heldBytes`` until the answer is written.
        let requestBytes: Int
        var response: HTTPResponse?
    }

    let id: UInt64
    let socket: Socket
    var mode = Mode.http
    var parser = HTTPRequestParser()
    var slots: [OutputSlot] = []
    /// Requests dispatched whose slot has not been written yet.
    var pendingRequests = 0
    var nextSequence: UInt64 = 0
    /// Bytes waiting for the socket: serialized responses or upgraded writes.
    var output: [UInt8] = []
    var outputOffset = 0
    /// Bytes held for requests not yet written out: bodies of dispatched requests
    /// and answers waiting for their turn. With ``pendingOutput`` it is what the
    /// connection costs, which ``LoopRunner/canParse(_:)`` bounds.
    var heldBytes = 0
    /// When the current wait for write progress began (monotonic ns); 0 while no output waits.
    var writeWaitStart: UInt64 = 0
    /// When the body being received must be complete (monotonic ns); 0 when no body is arriving.
    var bodyDeadline: UInt64 = 0
    /// Bytes at the start of `output` that an ``UpgradedConnection`` did not write
    /// (the 101 itself), so they are not subtracted from its backlog.
    var uncountedOutput = 0
    /// The events currently registered with epoll.
    var registered: Epoll.Events = .readable
    /// Monotonic nanoseconds at which the connection times out; 0 for never.
    var deadline: UInt64 = 0
    /// True while the head timeout runs for the request being received.
    var timingRequest = true
    /// No further requests will be read: close once the slots and output are done.
    var closeAfterOutput = false
    /// The peer sent EOF.
    var peerClosed = false
    /// An upgrade request was dispatched; parsing waits for its answer.
    var awaitingUpgrade = false
    var upgraded: UpgradedConnection?
    var delegate: (any UpgradedConnectionDelegate)?
    var isDirty = false
    var isClosed = false

    init(id: UInt64, socket: Socket) {
        self.id = id
        self.socket = socket
    }

    var pendingOutput: Int { output.count - outputOffset }
}
