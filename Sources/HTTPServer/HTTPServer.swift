import Platform
import Synchronization

/// An HTTP/1.1 server on epoll: one event-loop thread per core, non-blocking
/// sockets, no dependencies beyond the toolchain.
///
/// ```swift
/// let server = HTTPServer(configuration: .init(port: 0)) { request, responder in
///     responder.send(HTTPResponse(status: 200, body: Array("hi".utf8)))
/// }
/// try server.start()
/// print(server.boundPort)
/// server.stop()
/// ```
///
/// The handler runs on a loop thread and must not block: answer at once, or
/// hand the ``HTTPResponder`` to another queue and answer from there.
/// Keep-alive, pipelining (answers leave in request order), HTTP/1.0,
/// chunked bodies, `Expect: 100-continue` and `HEAD` are handled here;
/// malformed requests are answered through the error hook (400, 408, 413, 417,
/// 431, 501, 505) and their connection closed. See ``Configuration`` for timeouts.
///
/// Design: each loop owns its connections outright and other threads talk to
/// it by message (``HTTPResponder``, ``UpgradedConnection``), so no lock is
/// held while doing I/O and no connection state is shared between threads. By
/// default every loop has its own listening socket on the port
/// (`SO_REUSEPORT`), closed as soon as that loop takes ``stop()`` so new
/// connections are refused rather than left in a backlog nobody accepts.
/// Measured with `wrk -t2 -c64` on two cores (700-byte JSON), that gave
/// ~117k requests/s against 75–110k for one socket shared under
/// `EPOLLEXCLUSIVE`, which tends to wake the same loop and so pile the
/// long-lived connections onto it.
public final class HTTPServer: Sendable {
    /// Handles one request; answers through the responder exactly once, from any thread.
    public typealias Handler = @Sendable (HTTPRequest, HTTPResponder) -> Void
    /// Builds the response for a protocol error (`status` 400, 408, 413, 417, 431,
    /// 500, 501 or 505) so the API layer can use its JSON error envelope.
    public typealias ErrorResponse = @Sendable (_ status: Int, _ message: String) -> HTTPResponse

    public let configuration: Configuration
    let handler: Handler
    let errorResponse: ErrorResponse

    private struct Running: Sendable {
        var loops: [EventLoop]
        var threads: [ThreadHandle]
        var listeners: [Socket]
        /// True if each loop owns (and closes) the listener of its index.
        var listenersOwnedByLoops = false
        var address: SocketAddress
    }

    private enum State: Sendable {
        case idle
        case running(Running)
        case stopped
    }

    private let state = Mutex<State>(.idle)

    public init(configuration: Configuration = Configuration(),
                errorResponse: @escaping ErrorResponse = HTTPServer.defaultErrorResponse,
                handler: @escaping Handler) {
        self.configuration = configuration
        self.errorResponse = errorResponse
        self.handler = handler
    }

    deinit {
        stop()
    }

    /// Why ``start()`` failed.
    public enum StartError: Error, Sendable, CustomStringConvertible {
        /// The host is not an IPv4/IPv6 address or `localhost`.
        case invalidHost(String)
        /// The server was already started.
        case alreadyStarted
        /// A system call failed, e.g. ``Errno/addressInUse`` from `bind`.
        case system(Errno)

        public var description: String {
            switch self {
            case .invalidHost(let host): "invalid listen address '\(host)'"
            case .alreadyStarted: "server already started"
            case .system(let errno): errno.description
            }
        }
    }

    /// Binds, listens and starts the loop threads. Returns once the server accepts connections.
    public func start() throws(StartError) {
        guard let address = SocketAddress(host: configuration.host, port: configuration.port) else {
            throw .invalidHost(configuration.host)
        }
        try state.withLock { state throws(StartError) in
            guard case .idle = state else { throw .alreadyStarted }
            var running = Running(loops: [], threads: [], listeners: [], address: address)
            do throws(Errno) {
                try launch(address: address, into: &running)
            } catch {
                shutDown(running)
                throw .system(error)
            }
            state = .running(running)
        }
    }

    private func launch(address: SocketAddress, into running: inout Running) throws(Errno) {
        let perLoop = configuration.listenerStrategy == .socketPerLoop || configuration.threadCount == 1
        running.listenersOwnedByLoops = perLoop
        if perLoop, address.port != 0 {
            // With SO_REUSEPORT a second server of the same user on this port
            // would silently share its connections instead of failing. A socket
            // without it cannot bind while anyone listens there: probe first.
            let probe = try Socket.listening(on: address, reusePort: false)
            probe.close()
        }
        let first = try Socket.listening(on: address, reusePort: perLoop)
        running.listeners.append(first)
        running.address = try first.localAddress()
        for index in 0..<configuration.threadCount {
            var listener = first
            if perLoop, index > 0 {
                let bound = SocketAddress(host: running.address.host, port: running.address.port)!
                listener = try Socket.listening(on: bound, reusePort: true)
                running.listeners.append(listener)
            }
            let loop = try EventLoop()
            running.loops.append(loop)
            let configuration = configuration, handler = handler, errorResponse = errorResponse
            let loopListener = listener
            let thread = try ThreadHandle.spawn {
                LoopRunner(loop: loop, listener: loopListener, ownsListener: perLoop, configuration: configuration,
                           handler: handler, errorResponse: errorResponse).run()
            }
            running.threads.append(thread)
        }
    }

    /// The port the server listens on (the kernel's pick for port 0); 0 before ``start()``.
    public var boundPort: UInt16 {
        state.withLock { state in
            if case .running(let running) = state { running.address.port } else { 0 }
        }
    }

    /// Stops gracefully: stops accepting, closes idle connections, lets requests
    /// in flight be answered (with `Connection: close`), closes upgraded
    /// connections, then returns. Connections still busy after
    /// ``Configuration/shutdownTimeout`` are closed. Safe to call more than once
    /// and from any thread but a loop thread.
    public func stop() {
        let running = state.withLock { state -> Running? in
            guard case .running(let running) = state else {
                state = .stopped
                return nil
            }
            state = .stopped
            return running
        }
        if let running { shutDown(running) }
    }

    private func shutDown(_ running: Running) {
        for loop in running.loops { loop.post(.stop) }
        for thread in running.threads where thread.id != ThreadHandle.currentID { thread.join() }
        // A loop closes its own listener when it takes the stop; close the rest.
        let closedByLoops = running.listenersOwnedByLoops ? running.threads.count : 0
        for listener in running.listeners.dropFirst(closedByLoops) { listener.close() }
    }
}
