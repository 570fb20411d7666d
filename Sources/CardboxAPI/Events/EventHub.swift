import ContactStore
import JSON
import Platform
import Synchronization
import VCard

/// The one ordered event stream of the process (SPEC §3): numbers each change,
/// encodes its JSON once, keeps the last `capacity` events for `?since=`
/// replays, and hands every event to every subscriber.
///
/// `publish` is called by the store's change handler, in the store's order
/// (under its writer lock), so `seq` follows the order of the changes.
public final class EventHub: Sendable {
    /// One numbered event, its JSON text already encoded.
    public struct Event: Sendable {
        public let seq: UInt64
        public let type: StoreChange.Kind
        public let json: [UInt8]
    }

    /// Something that receives events (a WebSocket connection).
    public protocol Subscriber: AnyObject, Sendable {
        /// Called with each event's JSON (or a resync notice), in order. Must not block.
        func receive(_ json: [UInt8])
    }

    private struct State {
        var nextSeq: UInt64 = 1
        var buffer: [Event] = []
        var start = 0  // index of the oldest event in the ring
        var subscribers: [ObjectIdentifier: (subscriber: any Subscriber, types: Set<StoreChange.Kind>?)] = [:]
    }

    public let capacity: Int
    private let state = Mutex(State())

    public init(capacity: Int = 10_000) {
        self.capacity = max(1, capacity)
    }

    /// The sequence number of the last event, 0 before the first.
    public var lastSeq: UInt64 { state.withLock { $0.nextSeq - 1 } }

    /// Numbers `change`, keeps it, and delivers it to every subscriber.
    ///
    /// Delivery happens outside the hub's lock (a subscriber may unsubscribe while
    /// receiving); publishes come one at a time from the store, so every
    /// subscriber still sees events in `seq` order.
    @discardableResult
    public func publish(_ change: StoreChange) -> Event {
        let (event, receivers) = state.withLock { state in
            let seq = state.nextSeq
            state.nextSeq += 1
            let event = Event(seq: seq, type: change.kind, json: Self.json(change, seq: seq))
            if state.buffer.count < capacity {
                state.buffer.append(event)
            } else {
                state.buffer[state.start] = event
                state.start = (state.start + 1) % capacity
            }
            let receivers = state.subscribers.values.filter { $0.types?.contains(change.kind) ?? true }.map(\.subscriber)
            return (event, receivers)
        }
        for receiver in receivers { receiver.receive(event.json) }
        return event
    }

    /// Subscribes `subscriber` to live events and, in the same step (so nothing is
    /// missed or doubled), first replays the buffered events after `since`, or a
    /// `{"type":"resync"}` notice if some of them have already left the buffer.
    public func subscribe(_ subscriber: any Subscriber, since: UInt64?, types: Set<StoreChange.Kind>?) {
        state.withLock { state in
            if let since {
                let last = state.nextSeq - 1
                let oldest = state.buffer.isEmpty ? state.nextSeq : state.buffer[state.start].seq
                if since > last || since < oldest - 1 {
                    subscriber.receive(Array(#"{"type":"resync"}"#.utf8))
                } else {
                    for offset in 0..<state.buffer.count {
                        let event = state.buffer[(state.start + offset) % state.buffer.count]
                        if event.seq > since, types?.contains(event.type) ?? true { subscriber.receive(event.json) }
                    }
                }
            }
            state.subscribers[ObjectIdentifier(subscriber)] = (subscriber, types)
        }
    }

    public func unsubscribe(_ subscriber: any Subscriber) {
        _ = state.withLock { $0.subscribers.removeValue(forKey: ObjectIdentifier(subscriber)) }
    }

    /// `{"seq", "type", "id", "at", "origin", "data"}` and, for deletes, `"permanent"`.
    static func json(_ change: StoreChange, seq: UInt64) -> [UInt8] {
        var writer = JSONWriter(capacity: 900)
        writer.raw("{\"seq\":")
        writer.integer(Int(seq))
        writer.raw(",\"type\":")
        writer.string(change.kind.rawValue)
        writer.raw(",\"id\":")
        writer.string(change.contact.id)
        writer.raw(",\"at\":")
        writer.string(VCardTimestamp(secondsSince1970: WallClock.secondsSince1970()).rfc3339)
        writer.raw(",\"origin\":")
        writer.string(change.origin.rawValue)
        if change.kind == .deleted {
            writer.raw(",\"permanent\":")
            writer.bool(change.permanent)
        }
        writer.raw(",\"data\":")
        ContactJSON.write(change.contact, to: &writer)
        writer.raw("}")
        return writer.bytes
    }
}
