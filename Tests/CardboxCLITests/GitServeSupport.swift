import Foundation
import HTTPTestSupport
import JSON

/// `cardbox serve` over a ``GitTestRepository``, spoken to over real sockets.
final class GitServer {
    let repository: GitTestRepository
    let server: ServeCommandTests.RunningServer
    /// The contacts folder, a subfolder of the work tree.
    let folder: String

    init(_ repository: GitTestRepository, folder: String = "contacts", arguments: [String] = []) throws {
        self.repository = repository
        self.folder = folder
        try FileManager.default.createDirectory(atPath: repository.folder.sub(folder), withIntermediateDirectories: true)
        server = try ServeCommandTests.RunningServer(["--dir", repository.folder.sub(folder)] + arguments,
                                                     environment: repository.environment)
    }

    deinit { _ = server.stop() }

    /// One request on a fresh connection.
    func request(_ method: String, _ target: String, body: String? = nil) throws -> WireResponse {
        try Self.request(port: server.port, method, target, body: body)
    }

    /// One request to the server on `port`, on a fresh connection (usable from any thread).
    static func request(port: UInt16, _ method: String, _ target: String, body: String? = nil) throws -> WireResponse {
        let client = try HTTPTestClient(port: port)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\n"
        let bytes = Array((body ?? "").utf8)
        if body != nil { head += "Content-Type: application/json\r\nContent-Length: \(bytes.count)\r\n" }
        try client.send(Array((head + "\r\n").utf8) + bytes)
        return try client.readResponse(head: method == "HEAD")
    }

    /// The `data` of a JSON answer.
    func data(_ response: WireResponse) -> JSONValue { Self.data(response) }

    /// The `data` of a JSON answer.
    static func data(_ response: WireResponse) -> JSONValue {
        (try? JSONParser.parse(response.body))?.objectValue?["data"] ?? .null
    }

    /// Waits until the branch has `count` commits (the committer works after the answer); false after 30 s.
    func waitForCommits(_ count: Int) throws -> Bool {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let found = try repository.git("rev-list", "--count", "HEAD", allowFailure: true)
            if found.status == 0, Int(found.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= count { return true }
            usleep(20_000)
        }
        return false
    }

    /// Reads the server's log until it contains `text`; false if the server's standard error ends first.
    func waitForLog(_ text: String) -> Bool {
        var log = ""
        while !log.contains(text) {
            let data = server.errors.fileHandleForReading.availableData
            if data.isEmpty { return false }
            log += String(decoding: data, as: UTF8.self)
        }
        return true
    }
}
