import ContactStore
import JSON
import Platform
import Synchronization
import VCard

/// The one ordered event stream of the process (SPEC §3): numbers each change,
/// encodes its JSON once, keeps the last `capacity` events for `?since=`
/// replays, and hands every event to every subscriber.
///
/// It is the store's ``StoreChangeSink``: `cardbox serve` passes it to the
/// ``ContactStore`` it creates, which calls ``publish(_:)`` in the order of the
/// changes, outside its writer lock, so `seq` follows the order of the changes.
public final class EventHub: StoreChangeSink {
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
    /// Held by the one publisher at a time: numbering, keeping and delivering
    /// happen in one order even if two threads were to publish at once.
    private let publishing = Mutex<Void>(())

    public init(capacity: Int = 10_000) {
        self.capacity = max(1, capacity)
    }

    /// The sequence number of the last event, 0 before the first.
    public var lastSeq: UInt64 { state.withLock { $0.nextSeq - 1 } }

    /// Numbers `change`, keeps it, and delivers it to every subscriber.
    ///
    /// The JSON is encoded and the event delivered outside the lock that
    /// ``subscribe(_:since:types:)`` takes (a subscriber may unsubscribe while
    /// receiving), so a new client never waits for an encoding; publishes are
    /// one at a time, so every subscriber sees events in `seq` order.
    public func publish(_ change: StoreChange) {
        publishing.withLock { _ in
            let seq = state.withLock { $0.nextSeq }
            let event = Event(seq: seq, type: change.kind, json: Self.json(change, seq: seq))
            let receivers = state.withLock { state in
                state.nextSeq = seq + 1
                if state.buffer.count < capacity {
                    state.buffer.append(event)
                } else {
                    state.buffer[state.start] = event
                    state.start = (state.start + 1) % capacity
                }
                return state.subscribers.values.filter { $0.types?.contains(change.kind) ?? true }.map(\.subscriber)
            }
            for receiver in receivers { receiver.receive(event.json) }
        }
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
