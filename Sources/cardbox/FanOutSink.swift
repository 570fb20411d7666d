import ContactStore

/// Hands every change of the store to several sinks in turn: under `--git`,
/// the event hub (events first, so a client sees them before any commit) and
/// the committer.
struct FanOutSink: StoreChangeSink {
    let sinks: [any StoreChangeSink]

    func publish(_ change: StoreChange) {
        for sink in sinks { sink.publish(change) }
    }
}
