import Platform

extension LoopRunner {
    /// Reads what the socket has (one `recv` per readiness event; epoll is
    /// level-triggered, so more is reported on the next wait, and other
    /// connections get their turn in between).
    func read(_ connection: HTTPConnection) {
        let count: Int
        do {
            switch try connection.socket.receive(into: &scratch) {
            case .wouldBlock: return
            case .processed(let received): count = received
            }
        } catch {
            close(connection)
            return
        }
        guard count > 0 else {
            peerClosed(connection)
            return
        }
        switch connection.mode {
        case .lingering:
            return
        case .upgraded:
            if let upgraded = connection.upgraded, let delegate = connection.delegate {
                delegate.connection(upgraded, didReceive: scratch[0..<count])
            }
        case .http:
            connection.parser.feed(scratch[0..<count])
            parseRequests(connection)
            refreshDeadline(connection, progress: true)
            updateInterest(connection)
        }
    }

    private func peerClosed(_ connection: HTTPConnection) {
        connection.peerClosed = true
        switch connection.mode {
        case .lingering, .upgraded:
            close(connection)
        case .http:
            // A half-closed client (`printf … | nc`) may still read the answers
            // to the requests it sent; a partial request can never complete.
            if connection.slots.isEmpty, connection.pendingOutput == 0 {
                close(connection)
            } else {
                connection.closeAfterOutput = true
                updateInterest(connection)
            }
        }
    }

    /// Whether the connection may take another request from its parser now:
    /// not while it has ``HTTPServer/Configuration/maximumPipelinedRequests``
    /// unanswered, nor while what it holds (request bodies, answers, queued
    /// output) passes ``HTTPServer/Configuration/maximumQueuedOutput``, so a
    /// client that pipelines without reading cannot grow our memory. Reading
    /// stops with parsing (see `updateInterest`), and both resume as it drains.
    func canParse(_ connection: HTTPConnection) -> Bool {
        connection.mode == .http && !connection.closeAfterOutput && !connection.awaitingUpgrade
            && connection.pendingRequests < maximumPipelinedRequests
            && connection.pendingOutput + connection.heldBytes < maximumQueuedOutput
    }

    /// Dispatches every complete request buffered, in order, while the
    /// connection has room for more.
    func parseRequests(_ connection: HTTPConnection) {
        while canParse(connection) {
            let event: HTTPRequestParser.Event?
            do {
                event = try connection.parser.next()
            } catch {
                // Malformed: answer (in turn, after earlier responses) and close.
                connection.slots.append(.error(errorResponse(error.status, error.message)))
                connection.closeAfterOutput = true
                markDirty(connection)
                return
            }
            switch event {
            case nil:
                return
            case .continueExpected:
                connection.slots.append(.continueInterim)
                markDirty(connection)
            case .request(let request):
                dispatch(request, on: connection)
                // A handler that answers at once (an in-memory read) has posted its
                // answer: take it now, so the bound above counts it before the next
                // pipelined request is dispatched.
                for message in loop.takeMessages() { receive(message) }
            }
        }
    }

    private func dispatch(_ request: HTTPRequest, on connection: HTTPConnection) {
        let sequence = connection.nextSequence
        connection.nextSequence += 1
        let keepAlive = request.keepAlive && !stopping
        let isUpgrade = request.isUpgradeRequest
        connection.slots.append(.response(HTTPConnection.Pending(
            sequence: sequence, isHead: request.method == .head, version: request.version,
            keepAlive: keepAlive, isUpgrade: isUpgrade, requestBytes: request.body.count, response: nil)))
        connection.pendingRequests += 1
        connection.heldBytes += request.body.count
        // The next body, if any, gets its own time (see `refreshDeadline`).
        connection.bodyDeadline = 0
        if !keepAlive { connection.closeAfterOutput = true }
        // Bytes after an upgrade request may already belong to the new protocol.
        if isUpgrade { connection.awaitingUpgrade = true }
        handler(request, HTTPResponder(loop: loop, connection: connection.id, sequence: sequence))
    }
}
