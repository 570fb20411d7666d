import Platform

extension LoopRunner {
    func setDeadline(_ connection: HTTPConnection, _ deadline: UInt64) {
        connection.deadline = deadline
        if deadline != 0 { scheduleTimerScan(at: deadline) }
    }

    func scheduleTimerScan(at time: UInt64) {
        if time < nextTimerScan { nextTimerScan = time }
    }

    /// Sets an HTTP connection's deadline for what it is waiting for:
    /// - the client to read our output: the write timeout, from the last write
    ///   that made progress (reading the client's bytes does not renew it);
    /// - the rest of a request head: the head timeout, from its first byte (or
    ///   from the connection's opening);
    /// - the rest of a body: the head timeout from the last byte received, and
    ///   at most the body timeout from the end of the head;
    /// - nothing (idle keep-alive): the idle timeout;
    /// - a handler: no deadline, the wait is ours.
    func refreshDeadline(_ connection: HTTPConnection, progress: Bool) {
        guard connection.mode == .http, !connection.isClosed else { return }
        if connection.pendingOutput > 0 {
            if connection.writeWaitStart == 0 { connection.writeWaitStart = now }
            setDeadline(connection, connection.writeWaitStart + writeTimeout)
            return
        }
        if connection.parser.isInsideRequest, connection.slots.isEmpty || connection.parser.isReadingBody {
            if !connection.timingRequest {
                connection.timingRequest = true
                setDeadline(connection, now + headTimeout)
            } else if progress, connection.parser.isReadingBody {
                setDeadline(connection, now + headTimeout)
            }
            if connection.parser.isReadingBody {
                if connection.bodyDeadline == 0 { connection.bodyDeadline = now + bodyTimeout }
                if connection.deadline == 0 || connection.bodyDeadline < connection.deadline {
                    setDeadline(connection, connection.bodyDeadline)
                }
            }
            return
        }
        connection.timingRequest = false
        setDeadline(connection, connection.slots.isEmpty && !connection.closeAfterOutput ? now + idleTimeout : 0)
    }

    /// Expires the connections whose deadline passed and finds the next one.
    func scanTimers() {
        var next: UInt64 = .max
        if acceptPausedUntil != 0, now >= acceptPausedUntil {
            acceptPausedUntil = 0
            startListening()
        } else if acceptPausedUntil != 0 {
            next = acceptPausedUntil
        }
        let forceClose = stopping && now >= stopDeadline
        for connection in Array(connections.values) {
            if forceClose {
                close(connection)
                continue
            }
            guard connection.deadline != 0 else { continue }
            if connection.deadline <= now {
                expire(connection)
            }
            if !connection.isClosed, connection.deadline != 0 { next = min(next, connection.deadline) }
        }
        if stopping, !forceClose { next = min(next, stopDeadline) }
        nextTimerScan = next == .max ? .max : max(next, now + Self.timerResolutionNanoseconds)
    }

    private func expire(_ connection: HTTPConnection) {
        switch connection.mode {
        case .http:
            if connection.parser.isInsideRequest, connection.slots.isEmpty, connection.pendingOutput == 0,
               !connection.closeAfterOutput {
                // RFC 9110 §15.5.9: 408 for a request that did not arrive in time.
                connection.slots.append(.error(errorResponse(408, "request not received in time")))
                connection.closeAfterOutput = true
                connection.deadline = now + lingerTimeout
                markDirty(connection)
            } else {
                close(connection)
            }
        case .upgraded, .lingering:
            close(connection)
        }
    }
}
