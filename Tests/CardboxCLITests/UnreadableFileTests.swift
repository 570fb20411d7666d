import Foundation
import HTTPTestSupport
import TestSupport
import Testing

/// The real server facing files it cannot read right now (issue 9): out of
/// descriptors, or denied permission. Such a file is retried, never taken for
/// deleted, and picked up once it can be read.
@Suite("cardbox serve with files it cannot read now")
struct UnreadableFileTests {
    /// The descriptor limit the server runs with (`ulimit -n`).
    static let descriptorLimit = 64
    /// The user the permission test serves as (`nobody`), so a mode-000 file is unreadable to it.
    static let unprivilegedUser = 65534

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

    /// Runs the server with at most ``descriptorLimit`` open descriptors.
    static let descriptorLimitLauncher = ["/bin/sh", "-c", "ulimit -n \(descriptorLimit) && exec \"$0\" \"$@\""]

    /// Opens connections, each answered (so held by the server), until the
    /// server holds every descriptor it may; returns them (close them to free descriptors).
    static func exhaustDescriptors(of server: ServeCommandTests.RunningServer) throws -> [HTTPTestClient] {
        var held: [HTTPTestClient] = []
        while server.openDescriptors(below: descriptorLimit) < descriptorLimit {
            let client = try HTTPTestClient(port: server.port)
            #expect(try get(client, "/api/v1/status").status == 200)
            held.append(client)
            try #require(held.count < 1_000, "the server never ran out of descriptors")
        }
        return held
    }

    @Test func filesThatCannotBeOpenedAreRetriedNeverDeleted() throws {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        folder.write("existing.vcf", sampleCard(fn: "Ana", uid: "urn:uuid:existing", extra: ["REV:20260101T000000Z"]))
        let server = try ServeCommandTests.RunningServer(["--dir", folder.path], launcher: Self.descriptorLimitLauncher)
        defer { _ = server.stop() }
        try #require(server.port != 0, "no listening line in: \(server.log)")
        let control = try HTTPTestClient(port: server.port)
        #expect(try Self.get(control, "/api/v1/contacts/existing").status == 200)
        var held = try Self.exhaustDescriptors(of: server)

        // A hand edit and a new file while the server cannot open anything.
        folder.write("existing.vcf", sampleCard(fn: "Ana Edited", uid: "urn:uuid:existing", extra: ["REV:20260102T000000Z"]))
        folder.write("new.vcf", sampleCard(fn: "Bea", uid: "urn:uuid:new"))
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
        try Self.expectEditAndNewFileReadOnceFreed(&held, control)
        let after = try Self.get(control, "/api/v1/status").text
        #expect(after.contains(#""contacts":2"#))
        #expect(after.contains(#""problems":[]"#))

        try Self.expectEventsSinceStart(server.port, control, updated: "existing", created: "new")
    }

    /// The folder moved away and back while the server is out of descriptors:
    /// the rescan that follows its return cannot list it, so it changes nothing
    /// and is retried; once descriptors free up, it finds the edit and the new file.
    @Test func aRescanThatCannotListTheFolderIsRetriedNeverDeletes() throws {
        let parent = TemporaryFolder(prefix: "cardbox-cli-test-")
        let path = parent.sub("contacts"), away = parent.sub("away")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        parent.write("contacts/existing.vcf", sampleCard(fn: "Ana", uid: "urn:uuid:existing", extra: ["REV:20260101T000000Z"]))
        let server = try ServeCommandTests.RunningServer(["--dir", path], launcher: Self.descriptorLimitLauncher)
        defer { _ = server.stop() }
        try #require(server.port != 0, "no listening line in: \(server.log)")
        let control = try HTTPTestClient(port: server.port)
        var held = try Self.exhaustDescriptors(of: server)

        #expect(rename(path, away) == 0)
        #expect(try Self.eventually { try Self.get(control, "/api/v1/status").text.contains(#""watching":false"#) })
        parent.write("away/existing.vcf", sampleCard(fn: "Ana Edited", uid: "urn:uuid:existing", extra: ["REV:20260102T000000Z"]))
        parent.write("away/new.vcf", sampleCard(fn: "Bea", uid: "urn:uuid:new"))
        #expect(rename(away, path) == 0)
        #expect(try Self.eventually { try Self.get(control, "/api/v1/status").text.contains(#""watching":true"#) })
        // A write waits for the store's writer, which the rescan holds: after it, the rescan has run.
        try control.send("PATCH /api/v1/contacts/none HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
        _ = try control.readResponse()
        let existing = try Self.get(control, "/api/v1/contacts/existing")
        #expect(existing.status == 200)
        #expect(existing.text.contains(#""display_name":"Ana""#))

        try Self.expectEditAndNewFileReadOnceFreed(&held, control)
        try Self.expectEventsSinceStart(server.port, control, updated: "existing", created: "new")
    }

    /// Closes the connections that held the server's descriptors, then waits
    /// until the edit of `existing.vcf` and the new `new.vcf` are served.
    static func expectEditAndNewFileReadOnceFreed(_ held: inout [HTTPTestClient], _ control: HTTPTestClient) throws {
        for client in held { client.abort() }
        held = []
        let pickedUp = try eventually {
            try get(control, "/api/v1/contacts/existing").text.contains(#""display_name":"Ana Edited""#)
                && get(control, "/api/v1/contacts/new").status == 200
        }
        #expect(pickedUp)
    }

    /// Every event since the server started is exactly `updated`'s update and
    /// `created`'s creation (origin `file`), never a delete: a change made
    /// through the API right after them is the next event.
    static func expectEventsSinceStart(_ port: UInt16, _ control: HTTPTestClient, updated: String, created: String) throws {
        let events = try WebSocketTestClient(port: port, target: "/api/v1/events?since=0")
        #expect(events.handshake.status == 101)
        var received: [String] = []
        for _ in 0..<2 { received.append(try #require(try events.nextText())) }
        try control.send("DELETE /api/v1/contacts/\(created) HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(try control.readResponse().status == 200)
        received.append(try #require(try events.nextText()))
        #expect(received[0].contains(#""type":"contact.updated""#) && received[0].contains(#""id":"\#(updated)""#))
        #expect(received[1].contains(#""type":"contact.created""#) && received[1].contains(#""id":"\#(created)""#))
        #expect(received[2].contains(#""type":"contact.deleted""#) && received[2].contains(#""origin":"api""#))
        #expect(received.prefix(2).allSatisfy { $0.contains(#""origin":"file""#) })
    }

    /// As `nobody`, a file of mode 000 cannot be opened (`EACCES`): one that
    /// was unreadable at load and a contact made unreadable, then edited, are
    /// listed as problems, keep what was known, and are read once readable again.
    @Test(.enabled(if: getuid() == 0, "serving as another user takes root"))
    func filesThatCannotBeReadForPermissionAreRetriedNeverDeleted() throws {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        #expect(chown(folder.path, uid_t(Self.unprivilegedUser), gid_t(Self.unprivilegedUser)) == 0)
        folder.write("existing.vcf", sampleCard(fn: "Ana", uid: "urn:uuid:existing", extra: ["REV:20260101T000000Z"]))
        folder.write("locked.vcf", sampleCard(fn: "Cy", uid: "urn:uuid:locked"))
        #expect(chmod(folder.sub("locked.vcf"), 0) == 0)
        let user = String(Self.unprivilegedUser)
        let server = try ServeCommandTests.RunningServer(["--dir", folder.path], launcher: ["/usr/bin/setpriv", "--reuid=" + user, "--regid=" + user, "--clear-groups"])
        defer { _ = server.stop() }
        try #require(server.port != 0, "no listening line in: \(server.log)")
        let control = try HTTPTestClient(port: server.port)
        let loaded = try Self.get(control, "/api/v1/status").text
        #expect(loaded.contains(#""contacts":1"#))
        #expect(loaded.contains(#""file":"locked.vcf""#) && loaded.contains("Permission denied"))

        // Made unreadable, then edited (root writes regardless of the mode).
        #expect(chmod(folder.sub("existing.vcf"), 0) == 0)
        let handle = try #require(FileHandle(forWritingAtPath: folder.sub("existing.vcf")))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(sampleCard(fn: "Ana Edited", uid: "urn:uuid:existing", extra: ["REV:20260102T000000Z"]).utf8))
        try handle.close()
        #expect(try Self.eventually { try Self.get(control, "/api/v1/status").text.contains(#""file":"existing.vcf""#) })
        let existing = try Self.get(control, "/api/v1/contacts/existing")
        #expect(existing.status == 200)
        #expect(existing.text.contains(#""display_name":"Ana""#))
        #expect(try Self.get(control, "/api/v1/contacts/locked").status == 404)

        // Readable again: no event announces it (a mode change is not watched); the retries find it.
        #expect(chmod(folder.sub("existing.vcf"), 0o644) == 0)
        #expect(chmod(folder.sub("locked.vcf"), 0o644) == 0)
        let pickedUp = try Self.eventually {
            try Self.get(control, "/api/v1/contacts/existing").text.contains(#""display_name":"Ana Edited""#)
                && Self.get(control, "/api/v1/contacts/locked").status == 200
        }
        #expect(pickedUp)
        #expect(try Self.get(control, "/api/v1/status").text.contains(#""problems":[]"#))
        try Self.expectEventsSinceStart(server.port, control, updated: "existing", created: "locked")
    }
}

extension ServeCommandTests.RunningServer {
    /// How many of the descriptor numbers below `limit` the server holds now
    /// (a descriptor it inherited with a higher number takes no slot of its limit).
    func openDescriptors(below limit: Int) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process.processIdentifier)/fd")) ?? []
        return names.compactMap { Int($0) }.filter { $0 < limit }.count
    }
}
