import Platform

/// The loop thread's side of an ``EventLoop``: it owns the connections and does
/// all their I/O. Created on the loop thread and never shared, so its state
/// needs no locks; other threads reach it only through ``LoopMessage``s.
///
/// Each iteration: drain the inbox and write what it answered, wait in
/// `epoll_wait` (level-triggered) until a socket is ready, the eventfd is
/// signalled or the earliest deadline passes, handle the events, expire
/// deadlines. Handlers run here and must not block.
final class LoopRunner {
    static let wakeupTag: UInt64 = 0
    static let listenerTag: UInt64 = 1
    /// How long accepting pauses when the process is out of descriptors.
    static let acceptPauseNanoseconds: UInt64 = 100_000_000
    /// Deadlines are checked at most this often, so thousands of connections
    /// with distinct deadlines do not make the loop scan them all constantly.
    static let timerResolutionNanoseconds: UInt64 = 5_000_000

    let loop: EventLoop
    let listener: Socket
    /// True if this loop alone uses `listener` (`SO_REUSEPORT`, or one loop) and closes it on stop.
    let ownsListener: Bool
    let handler: HTTPServer.Handler
    let errorResponse: HTTPServer.ErrorResponse
    let maximumPipelinedRequests: Int
    let maximumQueuedOutput: Int
    let maximumUpgradedBacklog: Int
    let headTimeout: UInt64
    let bodyTimeout: UInt64
    let writeTimeout: UInt64
    let idleTimeout: UInt64
    let lingerTimeout: UInt64
    let shutdownTimeout: UInt64

    var connections: [UInt64: HTTPConnection] = [:]
    var nextID: UInt64 = 2
    var serializer = HTTPResponseSerializer()
    var scratch = [UInt8](repeating: 0, count: 64 * 1024)
    let events = Epoll.EventBuffer(capacity: 256)
    var dirty: [HTTPConnection] = []
    var now: UInt64 = WallClock.monotonicNanoseconds()
    var nextTimerScan: UInt64 = .max
    var stopping = false
    var stopDeadline: UInt64 = 0
    var listening = false
    var listenerClosed = false
    var acceptPausedUntil: UInt64 = 0

    init(loop: EventLoop, listener: Socket, ownsListener: Bool, configuration: HTTPServer.Configuration,
         handler: @escaping HTTPServer.Handler, errorResponse: @escaping HTTPServer.ErrorResponse) {
        self.loop = loop
        self.listener = listener
        self.ownsListener = ownsListener
        self.handler = handler
        self.errorResponse = errorResponse
        maximumPipelinedRequests = configuration.maximumPipelinedRequests
        maximumQueuedOutput = configuration.maximumQueuedOutput
        maximumUpgradedBacklog = configuration.maximumUpgradedBacklog
        headTimeout = configuration.headTimeout.nanoseconds
        bodyTimeout = configuration.bodyTimeout.nanoseconds
        writeTimeout = configuration.writeTimeout.nanoseconds
        idleTimeout = configuration.idleTimeout.nanoseconds
        lingerTimeout = configuration.lingerTimeout.nanoseconds
        shutdownTimeout = configuration.shutdownTimeout.nanoseconds
    }

    /// Runs until ``LoopMessage/stop`` was received and every connection closed.
    func run() {
        loop.markLoopThread()
        do {
            try loop.epoll.add(loop.wakeup.fileDescriptor, events: .readable, data: Self.wakeupTag)
        } catch {
            return
        }
        startListening()
        while !(stopping && connections.isEmpty) {
            serviceUntilQuiet()
            if stopping && connections.isEmpty { break }
            let count: Int
            do {
                count = try loop.epoll.wait(into: events, timeoutMilliseconds: waitTimeout())
            } catch {
                break
            }
            now = WallClock.monotonicNanoseconds()
            for index in 0..<count {
                handle(events[index])
            }
            if now >= nextTimerScan { scanTimers() }
        }
        for connection in Array(connections.values) { close(connection) }
        stopListening()
        closeOwnedListener()
        loop.closeInbox()
    }

    /// Milliseconds until the next deadline check, rounded up; -1 for none.
    private func waitTimeout() -> Int32 {
        guard nextTimerScan != .max else { return -1 }
        now = WallClock.monotonicNanoseconds()
        guard nextTimerScan > now else { return 0 }
        return Int32(min((nextTimerScan - now + 999_999) / 1_000_000, 60_000))
    }

    private func handle(_ event: Epoll.Event) {
        switch event.data {
        case Self.wakeupTag:
            loop.wakeup.drain()
        case Self.listenerTag:
            acceptConnections()
        default:
            guard let connection = connections[event.data] else { return }
            if !event.events.isDisjoint(with: [.error, .hangup]) {
                close(connection)
                return
            }
            if event.events.contains(.readable) { read(connection) }
            if event.events.contains(.writable), !connection.isClosed { markDirty(connection) }
        }
    }

    /// Handles inbox messages and writes pending output until nothing is left to do.
    func serviceUntilQuiet() {
        while true {
            let messages = loop.takeMessages()
            for message in messages { receive(message) }
            if messages.isEmpty && dirty.isEmpty { return }
            let batch = dirty
            dirty = []
            for connection in batch {
                connection.isDirty = false
                service(connection)
            }
        }
    }

    func markDirty(_ connection: HTTPConnection) {
        guard !connection.isDirty, !connection.isClosed else { return }
        connection.isDirty = true
        dirty.append(connection)
    }

    func receive(_ message: LoopMessage) {
        switch message {
        case .respond(let id, let sequence, let response):
            fill(connections[id], sequence: sequence, with: response)
        case .abandoned(let id, let sequence):
            fill(connections[id], sequence: sequence, with: errorResponse(500, "the request handler did not respond"))
        case .write(let id, let bytes):
            writeUpgraded(connections[id], bytes: bytes)
        case .close(let id):
            closeUpgraded(connections[id])
        case .stop:
            beginStop()
        }
    }

    /// ``HTTPServer/stop()``: stop accepting, close idle connections, let busy
    /// ones finish their requests (their last response says `Connection: close`).
    private func beginStop() {
        guard !stopping else { return }
        stopping = true
        stopListening()
        closeOwnedListener()
        stopDeadline = now + shutdownTimeout
        scheduleTimerScan(at: stopDeadline)
        for connection in Array(connections.values) {
            switch connection.mode {
            case .http:
                // A request still arriving is answered with `Connection: close`
                // (see `dispatch`); otherwise finish what is queued, then close.
                if connection.parser.isInsideRequest { continue }
                if connection.slots.isEmpty, connection.pendingOutput == 0 {
                    close(connection)
                } else {
                    connection.closeAfterOutput = true
                    markDirty(connection)
                }
            case .upgraded:
                connection.upgraded?.markClosed()
                closeUpgraded(connection)
            case .lingering:
                break
            }
        }
    }
}
