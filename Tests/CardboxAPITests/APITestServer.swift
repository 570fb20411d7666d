import CardboxAPI
import ContactStore
import Foundation
import HTTPServer
import HTTPTestSupport
import JSON

/// A Cardbox API server on an ephemeral loopback port over a temporary folder.
final class APITestServer: @unchecked Sendable {
    let directory: String
    let store: ContactStore
    let server: HTTPServer

    let api: CardboxAPI
    /// The folder watcher, when the server was started with `watch: true`.
    let watcher: FolderWatcher?

    init(files: [String: String] = [:], security: SecurityPolicy = SecurityPolicy(), eventBuffer: Int = 10_000,
         webSocket: WebSocketConnectionState.Configuration = .init(), watch: Bool = false, loading: Bool = false,
         configure: (inout HTTPServer.Configuration) -> Void = { _ in }) throws {
        directory = NSTemporaryDirectory() + "cardbox-api-" + UUID().uuidString.lowercased()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, text) in files { _ = FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(text.utf8)) }
        let events = EventHub(capacity: eventBuffer)
        let duplicates = DuplicateFinder()
        store = ContactStore(directory: directory, changes: StoreChangeFanOut([events, duplicates]))
        try store.load()
        let api = CardboxAPI(store: store, events: events, duplicates: duplicates, security: security, webSocket: webSocket,
                             loading: loading)
        self.api = api
        watcher = watch ? FolderWatcher(store: store) : nil
        try watcher?.start()
        var configuration = HTTPServer.Configuration(port: 0, threadCount: 2)
        configure(&configuration)
        server = HTTPServer(configuration: configuration, errorResponse: APIError.protocolErrorResponse) { request, responder in
            api.handle(request, responder)
        }
        try server.start()
    }

    deinit {
        server.stop()
        watcher?.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    var port: UInt16 { server.boundPort }

    /// Sends one request on a fresh connection and reads the response.
    func request(_ method: String, _ target: String, headers: [String: String] = [:], body: String? = nil,
                 contentType: String? = "application/json") throws -> WireResponse {
        let client = try HTTPTestClient(port: port)
        var head = "\(method) \(target) HTTP/1.1\r\n"
        if headers["Host"] == nil { head += "Host: localhost:\(port)\r\n" }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        let bodyBytes = Array((body ?? "").utf8)
        if body != nil {
            if let contentType, headers["Content-Type"] == nil { head += "Content-Type: \(contentType)\r\n" }
            head += "Content-Length: \(bodyBytes.count)\r\n"
        }
        try client.send(Array((head + "\r\n").utf8) + bodyBytes)
        return try client.readResponse(head: method == "HEAD")
    }

    func get(_ target: String, headers: [String: String] = [:]) throws -> WireResponse {
        try request("GET", target, headers: headers)
    }

    /// Creates a contact through the API and returns its JSON object.
    @discardableResult
    func create(_ body: String) throws -> JSONObject {
        let response = try request("POST", "/api/v1/contacts", body: body)
        guard response.status == 201 else { throw HTTPTestClientError(description: "create answered \(response.status): \(response.text)") }
        return try response.data()
    }
}

extension WireResponse {
    var json: JSONValue { (try? JSONParser.parse(body)) ?? .null }

    /// The `data` object of a single-record envelope.
    func data() throws -> JSONObject {
        guard let data = json.objectValue?["data"]?.objectValue else {
            throw HTTPTestClientError(description: "no data object in \(text)")
        }
        return data
    }

    /// The `error.code` of an error envelope.
    var errorCode: String? { json.objectValue?["error"]?.objectValue?["code"]?.stringValue }

    var errorFields: [String] {
        json.objectValue?["error"]?.objectValue?["details"]?.arrayValue?.compactMap { $0.objectValue?["field"]?.stringValue } ?? []
    }
}
