import CardboxAPI
import ContactStore
import HTTPServer

/// A folder wired as `cardbox serve` wires it: the store sends every change to
/// the event hub and the duplicate finder, and the API answers over all three.
/// Benchmarks measure through it, so load time, memory and write latency
/// include what serving costs (an event encoded per write, duplicate keys
/// kept up to date). The HTTP server starts only for benchmarks that go over
/// a socket.
final class ServedFolder: Sendable {
    let store: ContactStore
    let events: EventHub
    let duplicates: DuplicateFinder
    let api: CardboxAPI

    init(directory: String) {
        events = EventHub()
        duplicates = DuplicateFinder()
        store = ContactStore(directory: directory, changes: StoreChangeFanOut([events, duplicates]))
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
