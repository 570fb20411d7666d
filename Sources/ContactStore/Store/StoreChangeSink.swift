/// Where a ``ContactStore`` sends its changes: in `cardbox serve`, the event hub
/// that numbers them and streams them to WebSocket clients (SPEC §3).
///
/// The store calls ``publish(_:)`` once per change, in the order the changes
/// were made, one call at a time, and never while it holds its writer lock: a
/// sink may take its time (encode JSON, fan out) without holding up the next
/// write. The call returns before the write that made the change returns, so a
/// client that saw the HTTP answer finds the event already numbered.
public protocol StoreChangeSink: Sendable {
    /// Receives one change.
    func publish(_ change: StoreChange)
}
