import CardboxAPI
import ContactStore
import GitFolder
import HTTPServer

/// A folder wired as `cardbox serve` wires it (``ServedStore``): the store
/// sends every change to the event hub, the duplicate finder and, with a
/// committer (`--git`), to git; the API answers over them.
/// Benchmarks measure through it, so load time, memory and write latency
/// include what serving costs (an event encoded per write, duplicate keys
/// kept up to date). The HTTP server starts only for benchmarks that go over
/// a socket.
final class ServedFolder: Sendable {
    let store: ContactStore
    let events: EventHub
    let duplicates: DuplicateFinder
    let committer: GitCommitter?
    let api: CardboxAPI

    init(directory: String, committer: GitCommitter? = nil) {
        let served = ServedStore(directory: directory, committer: committer)
        store = served.store
        events = served.events
        duplicates = served.duplicates
        self.committer = committer
        api = CardboxAPI(store: store, events: events, duplicates: duplicates)
    }

    /// Starts the real HTTP server on 127.0.0.1 (`port` 0 lets the kernel pick
    /// one: read ``HTTPServer/boundPort``). The caller stops it.
    func serve(port: UInt16 = 0) throws -> HTTPServer {
        let api = api
        let server = HTTPServer(configuration: HTTPServer.Configuration(port: port), errorResponse: APIError.protocolErrorResponse) {
            api.handle($0, $1)
        }
        try server.start()
        return server
    }
}
