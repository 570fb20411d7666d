import Platform

extension LoopRunner {
    /// Stores a handler's answer in its slot; it is written once the answers
    /// before it are. Answers for connections that are gone are dropped.
    func fill(_ connection: HTTPConnection?, sequence: UInt64, with response: HTTPResponse) {
        guard let connection, connection.mode == .http else { return }
        for index in connection.slots.indices {
            guard case .response(var pending) = connection.slots[index], pending.sequence == sequence else { continue }
            pending.response = response
            connection.slots[index] = .response(pending)
            connection.heldBytes += response.body.count
            markDirty(connection)
            return
        }
    }

    /// Writes what is ready, closes what is finished, and resumes parsing
    /// requests that waited for room.
    func service(_ connection: HTTPConnection) {
        guard !connection.isClosed else { return }
        if connection.mode == .http { serializeReadySlots(connection) }
        flush(connection)
        guard !connection.isClosed else { return }
        // Answers held back by the output bound go out once the output drained.
        if connection.mode == .http, connection.pendingOutput == 0, connection.slots.first?.isReady == true {
            markDirty(connection)
        }
        if connection.mode == .http {
            if connection.parser.bufferedCount > 0, canParse(connection) { parseRequests(connection) }
            refreshDeadline(connection, progress: false)
        }
        updateInterest(connection)
    }

    /// Serializes the slots at the front of the queue whose answers are known,
    /// as long as the queued output stays within ``HTTPServer/Configuration/maximumQueuedOutput``
    /// (or is empty: one answer larger than the bound still goes out). The
    /// others wait in their slots until the client reads.
    private func serializeReadySlots(_ connection: HTTPConnection) {
        let epochSeconds = Int(WallClock.secondsSince1970())
        while let slot = connection.slots.first,
              connection.pendingOutput == 0 || connection.pendingOutput + slot.bodySize <= maximumQueuedOutput {
            switch slot {
            case .continueInterim:
                connection.output.append(contentsOf: HTTPResponseSerializer.continueResponse)
                connection.slots.removeFirst()
            case .error(let response):
                serializer.serialize(response, isHead: false, version: .http1_1, keepAlive: false,
                                     epochSeconds: epochSeconds, into: &connection.output)
                connection.slots.removeAll()
                connection.heldBytes = 0
                connection.closeAfterOutput = true
            case .response(let pending):
                guard var response = pending.response else { return }
                connection.slots.removeFirst()
                connection.pendingRequests -= 1
                connection.heldBytes -= pending.requestBytes + response.body.count
                let switching = response.status == 101
                if switching, response.upgrade == nil || !pending.isUpgrade {
                    response = errorResponse(500, "101 without an upgrade request and callback")
                }
                let isLast = connection.slots.isEmpty
                let keepAlive = pending.keepAlive && !(connection.closeAfterOutput && isLast)
                    && !response.headers.containsToken("close", for: "Connection")
                serializer.serialize(response, isHead: pending.isHead, version: pending.version, keepAlive: keepAlive,
                                     epochSeconds: epochSeconds, into: &connection.output)
                if response.status == 101, let upgrade = response.upgrade {
                    switchProtocols(connection, upgrade: upgrade)
                    return
                }
                if pending.isUpgrade { connection.awaitingUpgrade = false }
                if !keepAlive {
                    // Nothing after a `Connection: close` response is answered.
                    connection.closeAfterOutput = true
                    connection.pendingRequests -= connection.slots.count { if case .response = $0 { true } else { false } }
                    connection.slots.removeAll()
                    connection.heldBytes = 0
                }
            }
        }
    }

    /// After the 101 is queued: stop HTTP and hand the connection to the upgrade
    /// callback, with any bytes that arrived after the upgrade request.
    private func switchProtocols(_ connection: HTTPConnection, upgrade: @Sendable (UpgradedConnection) -> any UpgradedConnectionDelegate) {
        connection.mode = .upgraded
        connection.slots.removeAll()
        connection.pendingRequests = 0
        connection.heldBytes = 0
        connection.deadline = 0
        connection.uncountedOutput = connection.pendingOutput
        let upgraded = UpgradedConnection(loop: loop, id: connection.id)
        connection.upgraded = upgraded
        let delegate = upgrade(upgraded)
        connection.delegate = delegate
        let early = connection.parser.takeBufferedBytes()
        if !early.isEmpty { delegate.connection(upgraded, didReceive: early[...]) }
        if stopping { closeUpgraded(connection) }
    }

    /// Sends queued output until the socket would block.
    func flush(_ connection: HTTPConnection) {
        while connection.pendingOutput > 0 {
            do {
                switch try connection.socket.send(connection.output, from: connection.outputOffset) {
                case .processed(let count):
                    connection.outputOffset += count
                    connection.writeWaitStart = now
                    if let upgraded = connection.upgraded {
                        let uncounted = min(count, connection.uncountedOutput)
                        connection.uncountedOutput -= uncounted
                        upgraded.didFlush(count - uncounted)
                    }
                case .wouldBlock:
                    compactOutput(connection)
                    return
                }
            } catch {
                close(connection)
                return
            }
        }
        if connection.output.capacity > 256 * 1024 {
            connection.output = []
        } else {
            connection.output.removeAll(keepingCapacity: true)
        }
        connection.outputOffset = 0
        connection.writeWaitStart = 0
        if connection.closeAfterOutput, connection.slots.isEmpty { finish(connection) }
    }

    private func compactOutput(_ connection: HTTPConnection) {
        if connection.outputOffset >= 64 * 1024, connection.outputOffset * 2 >= connection.output.count {
            connection.output.removeFirst(connection.outputOffset)
            connection.outputOffset = 0
        }
    }

    /// All output is written and no more will come. An HTTP connection shuts its
    /// write side and lingers, reading and discarding, so a client still sending
    /// (a rejected 10 MB body) reads our answer rather than a reset (RFC 9112 §9.6).
    private func finish(_ connection: HTTPConnection) {
        if connection.mode == .upgraded || connection.peerClosed {
            close(connection)
            return
        }
        try? connection.socket.shutdown(.write)
        connection.mode = .lingering
        setDeadline(connection, now + lingerTimeout)
        updateInterest(connection)
    }

    func writeUpgraded(_ connection: HTTPConnection?, bytes: [UInt8]) {
        guard let connection, connection.mode == .upgraded, let upgraded = connection.upgraded else { return }
        guard !connection.closeAfterOutput else {
            upgraded.didFlush(bytes.count)
            return
        }
        connection.output.append(contentsOf: bytes)
        if connection.pendingOutput > maximumUpgradedBacklog {
            close(connection)
            return
        }
        markDirty(connection)
    }

    func closeUpgraded(_ connection: HTTPConnection?) {
        guard let connection, connection.mode == .upgraded, !connection.closeAfterOutput else { return }
        connection.closeAfterOutput = true
        setDeadline(connection, now + lingerTimeout)
        markDirty(connection)
    }

    /// Registers with epoll for what the connection can use now: reading when it
    /// may take more input, writing while output is queued.
    func updateInterest(_ connection: HTTPConnection) {
        guard !connection.isClosed else { return }
        var wanted: Epoll.Events = []
        let readable = switch connection.mode {
        case .lingering: true
        case .upgraded: !connection.closeAfterOutput && !connection.peerClosed
        case .http: !connection.peerClosed && canParse(connection)
        }
        if readable { wanted.insert(.readable) }
        if connection.pendingOutput > 0 { wanted.insert(.writable) }
        guard wanted != connection.registered else { return }
        do {
            try loop.epoll.modify(connection.socket.fileDescriptor, events: wanted, data: connection.id)
            connection.registered = wanted
        } catch {
            close(connection)
        }
    }

    /// Closes the socket and forgets the connection; an upgraded connection's
    /// delegate hears about it.
    func close(_ connection: HTTPConnection) {
        guard !connection.isClosed else { return }
        connection.isClosed = true
        connections[connection.id] = nil
        connection.socket.close()
        if let upgraded = connection.upgraded {
            upgraded.markClosed()
            upgraded.didFlush(max(0, connection.pendingOutput - connection.uncountedOutput))
            connection.delegate?.connectionDidClose(upgraded)
            connection.delegate = nil
            connection.upgraded = nil
        }
    }
}
