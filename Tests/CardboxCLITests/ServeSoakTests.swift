import Dispatch
import Foundation
import HTTPTestSupport
import Synchronization
import TestSupport
import Testing

/// The real `cardbox serve` binary through 50,000 changes in one process
/// lifetime (issue 9: the server died after ~15,400 changes and its memory grew
/// with every write): API writes and hand-made files, two WebSocket clients
/// reading every event.
@Suite("cardbox serve over 50,000 changes")
struct ServeSoakTests {
    static let changes = 50_000
    /// Changes made before the first memory reading: enough to fill the default
    /// 10,000-event replay buffer and every cache, so what follows must be flat.
    static let warmUp = 10_000
    static let patchedContacts = 20

    @Test func staysUpWithFlatMemoryAndDeliversEveryEventInOrder() throws {
        let folder = SoakFolder()
        defer { folder.remove() }
        for index in 0..<Self.patchedContacts {
            try folder.write("soak-\(index).vcf", sampleCard(fn: "Soak \(index)"))
        }
        let server = try ServeCommandTests.RunningServer(["--dir", folder.path])
        #expect(server.port != 0, "no listening line in: \(server.log)")
        let readers = try (0..<2).map { _ in try EventReader(port: server.port, expecting: Self.changes) }
        let http = try HTTPTestClient(port: server.port)
        var plan = SoakPlan()
        var residentAfterWarmUp = 0
        for step in 0..<Self.changes {
            switch plan.next(step) {
            case .patch(let id, let note):
                try expectStatus(200, http, "PATCH", "/api/v1/contacts/\(id)", #"{"notes": "\#(note)"}"#)
            case .create:
                let response = try send(http, "POST", "/api/v1/contacts", #"{"display_name": "Soak Created \#(step)"}"#)
                #expect(response.status == 201)
                plan.created(try #require(response.headers["Location"]?.split(separator: "/").last.map(String.init)))
            case .softDelete(let id):
                try expectStatus(200, http, "DELETE", "/api/v1/contacts/\(id)", nil)
            case .deletePermanently(let id):
                try expectStatus(204, http, "DELETE", "/api/v1/contacts/\(id)?permanent=true", nil)
            case .writeFile(let name):
                try folder.write(name, sampleCard(fn: "Hand \(name)"))
            case .removeFile(let name):
                try folder.removeFile(name)
            }
            if step + 1 == Self.warmUp { residentAfterWarmUp = try residentKiB(server.process.processIdentifier) }
            // Flow control: the readers stay within a few thousand events (a few MiB,
            // under the 4 MiB backlog at which the server drops a slow client).
            if step % 1000 == 999 { for reader in readers { reader.waitUntilReceived(step - 3000) } }
        }
        for reader in readers {
            let tally = reader.finish()
            #expect(tally.failure == nil, "\(tally.failure ?? "")")
            #expect(tally.outOfOrder == 0, "events out of order or missing")
            #expect(tally.count == Self.changes, "events received")
            #expect(tally.apiEvents == plan.apiChanges)
            #expect(tally.fileEvents == plan.fileChanges)
        }
        // Nothing more was queued: the next event is that of the next change.
        try expectStatus(201, http, "POST", "/api/v1/contacts", #"{"display_name": "Soak End"}"#)
        for reader in readers {
            let next = try #require(try reader.client.nextText())
            #expect(next.hasPrefix(#"{"seq":\#(Self.changes + 1),"#) && next.contains(#""display_name":"Soak End""#))
        }
        let residentAtEnd = try residentKiB(server.process.processIdentifier)
        #expect(try send(http, "GET", "/api/v1/status", nil).status == 200)
        #expect(server.process.isRunning)
        let growth = residentAtEnd - residentAfterWarmUp
        #expect(growth < 30 * 1024, "resident memory grew by \(growth) KiB from \(residentAfterWarmUp) KiB over \(Self.changes - Self.warmUp) changes")
        #expect(server.stop(SIGTERM) == 0)
    }

    private func send(_ http: HTTPTestClient, _ method: String, _ target: String, _ body: String?) throws -> WireResponse {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\n"
        let bytes = Array((body ?? "").utf8)
        if body != nil { head += "Content-Type: application/json\r\nContent-Length: \(bytes.count)\r\n" }
        try http.send(Array((head + "\r\n").utf8) + bytes)
        return try http.readResponse()
    }

    private func expectStatus(_ status: Int, _ http: HTTPTestClient, _ method: String, _ target: String, _ body: String?,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let response = try send(http, method, target, body)
        #expect(response.status == status, "\(method) \(target): \(response.text)", sourceLocation: sourceLocation)
    }

    /// VmRSS of a process, from /proc/PID/status.
    private func residentKiB(_ pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        return try #require(Int(line.filter(\.isNumber)))
    }
}

/// Which change comes next: mostly PATCHes of a few contacts, and in every
/// round of ten a POST, a soft delete, a permanent delete, a hand-made file
/// and the removal of an older one — so the folder stays the same size and
/// every change is exactly one event.
struct SoakPlan {
    enum Change {
        case patch(id: String, note: String)
        case create
        case softDelete(String)
        case deletePermanently(String)
        case writeFile(String)
        case removeFile(String)
    }

    private var live: [String] = []
    private var trash: [String] = []
    private var handFiles: [String] = []
    private var removedFiles = 0
    private(set) var apiChanges = 0
    private(set) var fileChanges = 0

    mutating func created(_ id: String) { live.append(id) }

    mutating func next(_ step: Int) -> Change {
        let change: Change
        switch step % 10 {
        case 1:
            change = .create
        case 3 where !live.isEmpty:
            let id = live.removeFirst()
            trash.append(id)
            change = .softDelete(id)
        case 5 where !trash.isEmpty:
            change = .deletePermanently(trash.removeFirst())
        case 7:
            let name = "hand-\(step).vcf"
            handFiles.append(name)
            change = .writeFile(name)
        case 9 where handFiles.count - removedFiles > 500:
            // Files written long ago: their creation has been seen by the watcher.
            removedFiles += 1
            change = .removeFile(handFiles[removedFiles - 1])
        default:
            change = .patch(id: "soak-\(step % ServeSoakTests.patchedContacts)", note: "change \(step)")
        }
        switch change {
        case .writeFile, .removeFile: fileChanges += 1
        default: apiChanges += 1
        }
        return change
    }
}

/// A folder for the soak run. On tmpfs (`/dev/shm`) when there is one, so the
/// run measures the server rather than the disk's `fsync` (4 ms each on a VM).
final class SoakFolder {
    let path: String

    init() {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()
        path = base + "cardbox-soak-" + UUID().uuidString.lowercased()
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
    }

    func removeFile(_ name: String) throws {
        try FileManager.default.removeItem(atPath: path + "/" + name)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// One WebSocket client of `/api/v1/events` reading the expected number of
/// events on its own thread, checking that `seq` goes up by one each time.
final class EventReader: @unchecked Sendable {
    // @unchecked: `client` is used by the reading thread until `finish()` returns,
    // then by the caller; `tally` is a Mutex; `received` is guarded by `progress`.
    struct Tally: Sendable {
        var count = 0
        var lastSeq = 0
        var outOfOrder = 0
        var apiEvents = 0
        var fileEvents = 0
        var failure: String?
    }

    let client: WebSocketTestClient
    private let tally = Mutex(Tally())
    private let done = DispatchSemaphore(value: 0)
    /// Signalled at each event; guards `received` (Int.max once reading stopped).
    private let progress = NSCondition()
    private var received = 0

    init(port: UInt16, expecting expected: Int) throws {
        client = try WebSocketTestClient(port: port, target: "/api/v1/events")
        guard client.handshake.status == 101 else {
            throw HTTPTestClientError(description: "handshake answered \(client.handshake.status)")
        }
        Thread.detachNewThread { [self] in
            read(expected)
            progress.lock()
            received = .max
            progress.broadcast()
            progress.unlock()
            done.signal()
        }
    }

    private func read(_ expected: Int) {
        do {
            for _ in 0..<expected {
                guard let text = try client.nextText() else {
                    tally.withLock { $0.failure = "the event stream ended" }
                    return
                }
                let seq = Int(text.dropFirst(#"{"seq":"#.count).prefix { $0.isNumber }) ?? -1
                tally.withLock { tally in
                    tally.count += 1
                    if seq != tally.lastSeq + 1 { tally.outOfOrder += 1 }
                    tally.lastSeq = seq
                    if text.contains(#""origin":"api""#) { tally.apiEvents += 1 }
                    if text.contains(#""origin":"file""#) { tally.fileEvents += 1 }
                }
                progress.lock()
                received += 1
                progress.broadcast()
                progress.unlock()
            }
        } catch {
            tally.withLock { $0.failure = "reading events failed: \(error)" }
        }
    }

    /// Waits until `count` events have arrived or reading stopped (at most 30 s: a safety net).
    func waitUntilReceived(_ count: Int) {
        let deadline = Date(timeIntervalSinceNow: 30)
        progress.lock()
        defer { progress.unlock() }
        while received < count && progress.wait(until: deadline) {}
    }

    /// Waits for the reading thread (at most a minute: a safety net) and returns what it saw.
    func finish() -> Tally {
        if done.wait(timeout: .now() + 60) == .timedOut {
            client.http.abort()
            tally.withLock { $0.failure = $0.failure ?? "the events stopped coming" }
        }
        return tally.withLock { $0 }
    }
}
