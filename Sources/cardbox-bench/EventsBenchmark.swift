import CardboxAPI
import ContactStore
import Dispatch
import Foundation
import HTTPServer
import HTTPTestSupport
import Platform
import Synchronization

/// `cardbox-bench events [--dir DIR] [--changes N] [--clients N]`: the event
/// latencies of SPEC §6 on the real server with the folder watcher running:
/// API write → event and file write → event (p50/p99 over N changes), and
/// fan-out of one event to N WebSocket clients (time until the last has it).
/// Targets: API → event p99 < 5 ms, file → event p99 < 100 ms, 1,000 clients.
/// Without `--dir` it works in a fresh temporary folder.
enum EventsBenchmark {
    static func run(_ arguments: [String]) throws {
        let changes = Int(Bench.option("changes", in: arguments) ?? "1000") ?? 1000
        let clients = Int(Bench.option("clients", in: arguments) ?? "1000") ?? 1000
        let directory = Bench.option("dir", in: arguments) ?? (NSTemporaryDirectory() + "cardbox-events-" + UUID().uuidString.lowercased())
        try FileSystem.makeDirectory(directory)
        let folder = ServedFolder(directory: directory)
        let store = folder.store
        let watcher = FolderWatcher(store: store)
        try watcher.start()
        defer { watcher.stop() }
        try store.load()
        let server = try folder.serve()
        defer { server.stop() }
        let port = server.boundPort
        let listener = try WebSocketTestClient(port: port, target: "/api/v1/events")
        guard listener.handshake.status == 101 else { throw Bench.Failure(description: "no WebSocket: \(listener.handshake.status)") }

        // API write → event, over one keep-alive HTTP connection.
        let http = try HTTPTestClient(port: port)
        let body = Array(#"{"display_name": "Bench Event", "emails": [{"address": "e@example.com"}]}"#.utf8)
        var apiLatencies: [Double] = []
        var ids: [String] = []
        for _ in 0..<changes {
            let started = WallClock.monotonicNanoseconds()
            try http.send(Array("POST /api/v1/contacts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
            guard let event = try listener.nextText() else { throw Bench.Failure(description: "event stream ended") }
            apiLatencies.append(Double(WallClock.monotonicNanoseconds() - started) / 1e6)
            let response = try http.readResponse()
            if let location = response.headers["Location"] { ids.append(String(location.split(separator: "/").last ?? "")) }
            _ = event
        }
        report("API write → event", apiLatencies)
        _ = watcher.waitUntilIdle(timeout: .seconds(10))

        // File write → event: rewrite a contact's file by hand (temp file + rename, as editors do).
        var fileLatencies: [Double] = []
        for index in 0..<changes {
            let id = ids[index % ids.count]
            let path = directory + "/" + id + ".vcf"
            let text = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:\(id)\r\nFN:Edited \(index)\r\nEND:VCARD\r\n"
            let started = WallClock.monotonicNanoseconds()
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            guard try listener.nextText() != nil else { throw Bench.Failure(description: "event stream ended") }
            fileLatencies.append(Double(WallClock.monotonicNanoseconds() - started) / 1e6)
        }
        report("file write → event", fileLatencies)

        // Fan-out: N clients, one event, time until the last one has read it.
        var fans: [WebSocketTestClient] = []
        for _ in 0..<clients {
            let client = try WebSocketTestClient(port: port, target: "/api/v1/events")
            guard client.handshake.status == 101 else { throw Bench.Failure(description: "client handshake \(client.handshake.status)") }
            fans.append(client)
        }
        let readers = 20
        let received = Atomic<Int>(0)
        let lastArrival = Atomic<UInt64>(0)
        let started = WallClock.monotonicNanoseconds()
        try http.send(Array("POST /api/v1/contacts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
        let groups = (0..<readers).map { reader in fans.indices.filter { $0 % readers == reader }.map { fans[$0] } }
        let boxes = groups.map(ClientGroup.init)
        DispatchQueue.concurrentPerform(iterations: readers) { reader in
            for client in boxes[reader].clients where (try? client.nextText()) != nil {
                received.add(1, ordering: .relaxed)
                _ = lastArrival.max(WallClock.monotonicNanoseconds(), ordering: .relaxed)
            }
        }
        _ = try http.readResponse()
        let fanOut = Double(lastArrival.load(ordering: .relaxed) - started) / 1e6
        print("fan-out: \(received.load(ordering: .relaxed))/\(clients) clients got the event; the last after \(Bench.format(fanOut, decimals: 2)) ms")
        for id in ids { _ = try? store.deletePermanently(id: id) }
        if Bench.option("dir", in: arguments) == nil { try? FileManager.default.removeItem(atPath: directory) }
    }

    static func report(_ name: String, _ samples: [Double]) {
        let sorted = samples.sorted()
        print("\(name) (\(samples.count) changes): p50 \(Bench.format(Bench.percentile(sorted, 50), decimals: 2)) ms, "
              + "p99 \(Bench.format(Bench.percentile(sorted, 99), decimals: 2)) ms, max \(Bench.format(sorted.last ?? 0, decimals: 2)) ms")
    }
}

/// Clients read by one thread (the test client is not Sendable; each group is touched by one thread only).
final class ClientGroup: @unchecked Sendable {
    let clients: [WebSocketTestClient]
    init(_ clients: [WebSocketTestClient]) { self.clients = clients }
}
