import Foundation
import HTTPTestSupport
import Testing

/// The real server out of file descriptors (issue 9): a file that cannot be
/// opened right now is retried, never taken for deleted.
@Suite("cardbox serve out of descriptors")
struct DescriptorExhaustionTests {
    /// The descriptor limit the server runs with (`ulimit -n`).
    static let descriptorLimit = 64

    /// `cardbox serve` started through `/bin/sh -c 'ulimit -n N; exec …'`, so the
    /// server itself (same process id) runs with the low limit.
    final class LimitedServer {
        let process = Process()
        let errors = Pipe()
        private(set) var log = ""
        private(set) var port: UInt16 = 0

        init(folder: String, descriptorLimit: Int) throws {
            let binary = productsDirectory.appendingPathComponent("cardbox").path
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -n \(descriptorLimit) && exec \"$0\" serve --port 0 --dir \"$1\"", binary, folder]
            process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CARDBOX_") }
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            while port == 0 {
                let data = errors.fileHandleForReading.availableData
                if data.isEmpty { break }
                log += String(decoding: data, as: UTF8.self)
                if let range = log.range(of: "listening on http://127.0.0.1:"),
                   let end = log[range.upperBound...].firstIndex(where: { !$0.isNumber }) {
                    port = UInt16(log[range.upperBound..<end]) ?? 0
                }
            }
        }

        /// How many descriptors the server holds now.
        var openDescriptors: Int {
            ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process.processIdentifier)/fd")) ?? []).count
        }

        func stop() {
            process.terminate()
            process.waitUntilExit()
        }
    }

    static func get(_ client: HTTPTestClient, _ path: String) throws -> WireResponse {
        try client.send("GET \(path) HTTP/1.1\r\nHost: localhost\r\n\r\n")
        return try client.readResponse()
    }

    /// Polls `condition` until it holds or `timeout` passes (the retry runs on the server's clock).
    static func eventually(timeout: Duration = .seconds(20), _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            usleep(20_000)
        }
        return try condition()
    }

    @Test func filesThatCannotBeOpenedAreRetriedNeverDeleted() throws {
        let folder = CLITestFolder()
        folder.write("existing.vcf", card(fn: "Ana", uid: "urn:uuid:existing", extra: ["REV:20260101T000000Z"]))
        let server = try LimitedServer(folder: folder.path, descriptorLimit: Self.descriptorLimit)
        defer { server.stop() }
        try #require(server.port != 0, "no listening line in: \(server.log)")
        let control = try HTTPTestClient(port: server.port)
        #expect(try Self.get(control, "/api/v1/contacts/existing").status == 200)

        // Open connections, each answered (so held by the server), until the server holds every descriptor it may.
        var held: [HTTPTestClient] = []
        while server.openDescriptors < Self.descriptorLimit {
            let client = try HTTPTestClient(port: server.port)
            #expect(try Self.get(client, "/api/v1/status").status == 200)
            held.append(client)
            try #require(held.count < 1_000, "the server never ran out of descriptors")
        }

        // A hand edit and a new file while the server cannot open anything.
        folder.write("existing.vcf", card(fn: "Ana Edited", uid: "urn:uuid:existing", extra: ["REV:20260102T000000Z"]))
        folder.write("new.vcf", card(fn: "Bea", uid: "urn:uuid:new"))
        let bothPending = try Self.eventually {
            let status = try Self.get(control, "/api/v1/status").text
            return status.contains("existing.vcf") && status.contains("new.vcf")
        }
        #expect(bothPending, "the watcher never tried to read the files")
        let status = try Self.get(control, "/api/v1/status").text
        #expect(status.contains(#""contacts":1"#))
        #expect(status.contains("cannot read the file right now"))
        let existing = try Self.get(control, "/api/v1/contacts/existing")
        #expect(existing.status == 200)
        #expect(existing.text.contains(#""display_name":"Ana""#))

        // Descriptors free up: both files are read.
        for client in held { client.abort() }
        held = []
        let pickedUp = try Self.eventually {
            try Self.get(control, "/api/v1/contacts/existing").text.contains(#""display_name":"Ana Edited""#)
                && Self.get(control, "/api/v1/contacts/new").status == 200
        }
        #expect(pickedUp)
        let after = try Self.get(control, "/api/v1/status").text
        #expect(after.contains(#""contacts":2"#))
        #expect(after.contains(#""problems":[]"#))

        // Every event since the start: the edit and the new contact, never a delete.
        let events = try WebSocketTestClient(port: server.port, target: "/api/v1/events?since=0")
        #expect(events.handshake.status == 101)
        var received: [String] = []
        for _ in 0..<2 { received.append(try #require(try events.nextText())) }
        // A change made now is the next event: nothing else came before it.
        try control.send("DELETE /api/v1/contacts/new HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(try control.readResponse().status == 200)
        received.append(try #require(try events.nextText()))
        #expect(received.count == 3)
        #expect(received[0].contains(#""type":"contact.updated""#) && received[0].contains(#""id":"existing""#))
        #expect(received[1].contains(#""type":"contact.created""#) && received[1].contains(#""id":"new""#))
        #expect(received[2].contains(#""type":"contact.deleted""#) && received[2].contains(#""origin":"api""#))
        #expect(received.prefix(2).allSatisfy { $0.contains(#""origin":"file""#) })
    }
}
