/// A ``StoreChangeSink`` that hands every change to several sinks in turn, in
/// the order given: `cardbox serve` feeds both the event hub and the
/// ``DuplicateFinder`` from one store.
public struct StoreChangeFanOut: StoreChangeSink {
    public let sinks: [any StoreChangeSink]

    public init(_ sinks: [any StoreChangeSink]) {
        self.sinks = sinks
    }

    public func publish(_ change: StoreChange) {
        for sink in sinks { sink.publish(change) }
    }
}
