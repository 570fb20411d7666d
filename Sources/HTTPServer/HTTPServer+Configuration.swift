import Platform

extension HTTPServer {
    /// Where and how the server listens, and its timeouts.
    public struct Configuration: Sendable {
        /// The listen address: `127.0.0.1`, `::1`, `0.0.0.0`, `::`, `localhost` (= `127.0.0.1`).
        public var host: String
        /// The TCP port; 0 lets the kernel pick one (read it from ``HTTPServer/boundPort``).
        public var port: UInt16
        /// Event-loop threads, each with its own epoll; defaults to one per processor.
        public var threadCount: Int
        /// A request head must be complete this long after the connection opened
        /// or after its first byte arrived on an idle keep-alive connection; a
        /// slower client gets 408 and is cut off. Also the longest pause while a body arrives.
        public var headTimeout: Duration
        /// A request body must be complete this long after its head, however
        /// steadily it trickles in (one byte every few seconds never ends
        /// otherwise); a slower client gets 408 and is cut off. At the default
        /// 30 s a 1 MiB body needs about 35 KB/s.
        public var bodyTimeout: Duration
        /// A connection with output queued that makes no write progress for this
        /// long (its client stopped reading) is closed.
        public var writeTimeout: Duration
        /// An idle keep-alive connection is closed after this long.
        public var idleTimeout: Duration
        /// After an error response the server stops writing and keeps reading and
        /// discarding for at most this long before closing, so that the client
        /// reads the response instead of a connection reset (RFC 9112 §9.6).
        public var lingerTimeout: Duration
        /// ``HTTPServer/stop()`` closes connections still busy after this long.
        public var shutdownTimeout: Duration
        /// Requests of one connection dispatched but not yet answered; parsing
        /// that connection's pipelined requests pauses at this many.
        public var maximumPipelinedRequests: Int
        /// Bytes one HTTP connection may hold before parsing its further pipelined
        /// requests pauses: request bodies being handled, answers not yet written
        /// and queued output. Reading resumes as the client drains its answers, so
        /// a client that pipelines without reading costs about this much memory
        /// (plus one answer), not one answer per request.
        public var maximumQueuedOutput: Int
        /// Bytes an ``UpgradedConnection`` may have queued before the server
        /// aborts it; the WebSocket layer applies its own smaller limit first.
        public var maximumUpgradedBacklog: Int
        /// Listening strategy; see ``ListenerStrategy``.
        var listenerStrategy: ListenerStrategy

        public init(
            host: String = "127.0.0.1",
            port: UInt16 = 8080,
            threadCount: Int = SystemInfo.processorCount,
            headTimeout: Duration = .seconds(10),
            bodyTimeout: Duration = .seconds(30),
            writeTimeout: Duration = .seconds(30),
            idleTimeout: Duration = .seconds(60),
            lingerTimeout: Duration = .seconds(2),
            shutdownTimeout: Duration = .seconds(10),
            maximumPipelinedRequests: Int = 32,
            maximumQueuedOutput: Int = 1024 * 1024,
            maximumUpgradedBacklog: Int = 16 * 1024 * 1024
        ) {
            self.host = host
            self.port = port
            self.threadCount = max(1, threadCount)
            self.headTimeout = headTimeout
            self.bodyTimeout = bodyTimeout
            self.writeTimeout = writeTimeout
            self.idleTimeout = idleTimeout
            self.lingerTimeout = lingerTimeout
            self.shutdownTimeout = shutdownTimeout
            self.maximumPipelinedRequests = max(1, maximumPipelinedRequests)
            self.maximumQueuedOutput = max(1, maximumQueuedOutput)
            self.maximumUpgradedBacklog = maximumUpgradedBacklog
            self.listenerStrategy = .socketPerLoop
        }
    }

    /// How connections reach the loops.
    enum ListenerStrategy: Sendable {
        /// Each loop has its own listening socket on the port (`SO_REUSEPORT`); the
        /// kernel spreads new connections by hash with no shared accept queue.
        case socketPerLoop
        /// One listening socket registered in every loop's epoll with
        /// `EPOLLEXCLUSIVE`; whichever loop wakes accepts.
        case sharedSocket
    }

    /// The default protocol-error response: the Cardbox JSON error envelope
    /// (SPEC §2.1) with the code for `status`.
    public static func defaultErrorResponse(status: Int, message: String) -> HTTPResponse {
        let code = switch status {
        case 400: "BAD_REQUEST"
        case 408: "REQUEST_TIMEOUT"
        case 413: "PAYLOAD_TOO_LARGE"
        case 417: "EXPECTATION_FAILED"
        case 431: "HEADERS_TOO_LARGE"
        case 501: "NOT_IMPLEMENTED"
        case 505: "HTTP_VERSION_NOT_SUPPORTED"
        default: "INTERNAL_ERROR"
        }
        var escaped = ""
        for scalar in message.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case _ where scalar.value < 0x20: escaped += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        let body = #"{"error":{"code":"\#(code)","message":"\#(escaped)"}}"#
        return HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Array(body.utf8))
    }
}

extension Duration {
    /// Whole nanoseconds, saturating at `UInt64.max / 4` for absurdly long durations.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        if seconds > Int64(UInt64.max / 4 / 1_000_000_000) { return UInt64.max / 4 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
