import Platform
import Synchronization

/// What other threads ask of a loop: every cross-thread interaction with a
/// connection is one of these messages, so connection state stays confined to
/// its loop thread and needs no lock.
enum LoopMessage: Sendable {
    /// A handler answered request `sequence` of connection `connection`.
    case respond(connection: UInt64, sequence: UInt64, response: HTTPResponse)
    /// A responder was released without answering; the server answers 500.
    case abandoned(connection: UInt64, sequence: UInt64)
    /// Bytes to write on an upgraded connection.
    case write(connection: UInt64, bytes: [UInt8])
    /// Close an upgraded connection once its queued bytes are written.
    case close(connection: UInt64)
    /// Stop accepting and finish (see ``HTTPServer/stop()``).
    case stop
}

/// The thread-safe face of one event loop: its epoll instance, the eventfd that
/// wakes it, and an inbox of ``LoopMessage``s.
///
/// Following swift-subprocess's Linux loop: one thread sits in `epoll_wait`;
/// other threads append to a `Mutex`-guarded inbox and signal the eventfd, but
/// only when the inbox was empty (one wake-up per batch). A message posted
/// from the loop thread itself (a handler answering at once) is not signalled
/// at all: the loop drains its inbox before every wait. The descriptors close
/// when the last reference goes, so a late `post` from a worker thread after
/// shutdown can never write to a reused descriptor number; it is dropped.
final class EventLoop: Sendable {
    let epoll: Epoll
    let wakeup: EventFD
    private let inbox = Mutex<(messages: [LoopMessage], isOpen: Bool)>(([], true))
    private let threadID = Atomic<UInt>(0)

    init() throws(Errno) {
        epoll = try Epoll.create()
        do {
            wakeup = try EventFD.create()
        } catch {
            epoll.close()
            throw error
        }
    }

    deinit {
        wakeup.close()
        epoll.close()
    }

    /// Records the calling thread as the loop thread.
    func markLoopThread() {
        threadID.store(ThreadHandle.currentID, ordering: .releasing)
    }

    /// True on the loop's own thread.
    var isLoopThread: Bool {
        threadID.load(ordering: .acquiring) == ThreadHandle.currentID
    }

    /// Queues a message for the loop thread, waking it if needed.
    func post(_ message: LoopMessage) {
        let wake = inbox.withLock { state -> Bool in
            guard state.isOpen else { return false }
            state.messages.append(message)
            return state.messages.count == 1
        }
        if wake, !isLoopThread { wakeup.signal() }
    }

    /// Takes every queued message (loop thread only).
    func takeMessages() -> [LoopMessage] {
        inbox.withLock { state in
            guard !state.messages.isEmpty else { return [] }
            let messages = state.messages
            state.messages = []
            return messages
        }
    }

    /// Drops every later message (the loop has exited).
    func closeInbox() {
        inbox.withLock { state in
            state.isOpen = false
            state.messages = []
        }
    }
}
