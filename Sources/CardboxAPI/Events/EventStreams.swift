import ContactStore
import Dispatch
import HTTPServer
import Platform
import Synchronization

/// The open event streams and the clock that drives their pings: once a second
/// every stream gets a `tick`, and its state machine decides whether a ping is due
/// or a silent peer must go (SPEC §3: a ping every 30 s).
/// `@unchecked Sendable`: `timer` is set once in `init` and only cancelled in
/// `deinit` (dispatch sources are thread-safe); everything else is a Mutex or immutable.
final class EventStreams: @unchecked Sendable {
    let hub: EventHub
    let configuration: WebSocketConnectionState.Configuration
    private let streams = Mutex<[ObjectIdentifier: EventStreamConnection]>([:])
    private let timer: DispatchSourceTimer

    init(hub: EventHub, configuration: WebSocketConnectionState.Configuration) {
        self.hub = hub
        self.configuration = configuration
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "cardbox.events.ticks"))
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            for stream in streams.withLock({ Array($0.values) }) { stream.tick() }
        }
        timer.activate()
    }

    deinit {
        timer.cancel()
    }

    /// A new stream, subscribed (replaying after `since`) before the caller answers 101.
    func open(since: UInt64?, types: Set<StoreChangeKind>?) -> EventStreamConnection {
        let stream = EventStreamConnection(hub: hub, configuration: configuration, clock: Self.now) { [weak self] closed in
            _ = self?.streams.withLock { $0.removeValue(forKey: ObjectIdentifier(closed)) }
        }
        streams.withLock { $0[ObjectIdentifier(stream)] = stream }
        hub.subscribe(stream, since: since, types: types)
        return stream
    }

    var count: Int { streams.withLock { $0.count } }

    /// Closes every stream with 1001 going away (the server is stopping).
    func shutDown() {
        for stream in streams.withLock({ Array($0.values) }) { stream.shutDown() }
    }

    static func now() -> Duration {
        .nanoseconds(Int64(WallClock.monotonicNanoseconds()))
    }
}

/// The kinds of change a stream can be filtered to (`?types=`).
typealias StoreChangeKind = StoreChange.Kind
