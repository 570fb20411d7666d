import Platform

extension LoopRunner {
    func startListening() {
        guard !listening, !stopping, !listenerClosed else { return }
        // EPOLLEXCLUSIVE: with one socket shared by every loop, wake only one of
        // them per new connection instead of all (the thundering herd).
        let events: Epoll.Events = ownsListener ? .readable : [.readable, .exclusive]
        if (try? loop.epoll.add(listener.fileDescriptor, events: events, data: Self.listenerTag)) != nil {
            listening = true
        }
    }

    func stopListening() {
        guard listening else { return }
        try? loop.epoll.remove(listener.fileDescriptor)
        listening = false
    }

    func closeOwnedListener() {
        guard ownsListener, !listenerClosed else { return }
        listenerClosed = true
        listener.close()
    }

    /// Accepts pending connections, a bounded batch per wake-up so one loop
    /// cannot starve its existing clients during a connection storm.
    func acceptConnections() {
        guard !stopping else { return }
        for _ in 0..<64 {
            let socket: Socket
            do {
                switch try listener.accept() {
                case .processed(let accepted): socket = accepted
                case .wouldBlock: return
                }
            } catch where error == .connectionAborted || error == .interrupted {
                continue
            } catch where error == .tooManyOpenFiles || error == .tooManyOpenFilesInSystem
                || error == .noBufferSpace || error == .outOfMemory {
                // Out of descriptors: the listener stays readable, so a
                // level-triggered loop would spin. Stop watching it for a moment.
                stopListening()
                acceptPausedUntil = now + Self.acceptPauseNanoseconds
                scheduleTimerScan(at: acceptPausedUntil)
                return
            } catch {
                return
            }
            adopt(socket)
        }
    }

    private func adopt(_ socket: Socket) {
        try? socket.setNoDelay()
        let connection = HTTPConnection(id: nextID, socket: socket)
        nextID += 1
        do {
            try loop.epoll.add(socket.fileDescriptor, events: .readable, data: connection.id)
        } catch {
            socket.close()
            return
        }
        connections[connection.id] = connection
        // The first request head must arrive within the head timeout of the connection.
        setDeadline(connection, now + headTimeout)
    }
}
