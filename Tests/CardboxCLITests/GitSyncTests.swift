import Dispatch
import Foundation
import HTTPTestSupport
import JSON
import Synchronization
import TestSupport
import Testing

/// `cardbox serve --git-sync` (SPEC §9): servers on clones of one bare
/// repository, edited at the same time through the API, converge with no lost
/// edit and no conflict marker, and hear what they pulled as `origin: file` events.
@Suite("cardbox serve --git-sync replicates through a remote")
struct GitSyncTests {
    static let files = [
        "contacts/ann.vcf": sampleText("Ann Lee", extra: ["UID:ann", "EMAIL:ann@example.org", "REV:20260101T000000Z"]),
        "contacts/bo.vcf": sampleText("Bo Chen", extra: ["UID:bo", "REV:20260101T000000Z"]),
        "notes.txt": "shared notes\n",
    ]
    /// The field of Ann's each server edits: the same contact, different fields.
    static let annEdits = [("company", "Acme"), ("job_title", "Engineer"), ("notes", "Met at the fair")]

    /// How many times each server edits its first new contact, 0.1 s apart, while the syncs run.
    static let streamedEdits = 20

    /// What each server did: the contacts it created.
    final class Created: Sendable {
        let ids = Mutex<[Int: [String]]>([:])
        let failures = Mutex<[String]>([])
    }

    @Test(arguments: [2, 3])
    func serversOnClonesOfOneRemoteConvergeWithEveryEdit(count: Int) throws {
        let cluster = try GitSyncCluster(count: count, files: Self.files)
        let created = Created()
        let ports = cluster.servers.map(\.server.port)
        // Every server edits at once: Ann (its own field), Bo (its own custom key), and two new contacts.
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let port = ports[index]
            func request(_ method: String, _ target: String, body: String) throws -> WireResponse {
                try GitServer.request(port: port, method, target, body: body)
            }
            do {
                let (field, value) = Self.annEdits[index]
                var answers = [try request("PATCH", "/api/v1/contacts/ann", body: #"{"\#(field)": "\#(value)"}"#),
                               try request("PATCH", "/api/v1/contacts/bo/custom", body: #"{"from-\#(index)": \#(index)}"#)]
                var ids: [String] = []
                for number in 0..<2 {
                    let answer = try request("POST", "/api/v1/contacts", body: #"{"display_name": "Person \#(index)-\#(number)"}"#)
                    answers.append(answer)
                    ids.append(GitServer.data(answer).objectValue?["id"]?.stringValue ?? "")
                    answers.append(try request("PATCH", "/api/v1/contacts/\(ids[number])", body: #"{"notes": "from server \#(index)"}"#))
                }
                // Then a stream of edits that runs through several sync rounds (their merges hold writes back).
                for edit in 1...Self.streamedEdits {
                    usleep(100_000)
                    answers.append(try request("PATCH", "/api/v1/contacts/\(ids[0])", body: #"{"notes": "from server \#(index), edit \#(edit)"}"#))
                }
                for answer in answers where answer.status >= 300 {
                    created.failures.withLock { $0.append("server \(index): \(answer.status) \(answer.text)") }
                }
                created.ids.withLock { $0[index] = ids }
            } catch {
                created.failures.withLock { $0.append("server \(index): \(error)") }
            }
        }
        #expect(created.failures.withLock { $0 } == [])
        let ids = created.ids.withLock { $0 }

        var missing: String?
        let converged = try GitSyncCluster.eventually {
            missing = try Self.missingEdit(cluster, ids)
            return try cluster.hasConverged() && missing == nil
        }
        if !converged {
            Issue.record("missing: \(missing ?? "nothing")")
            for server in cluster.servers {
                _ = server.server.stop()
                Issue.record("not converged; server log: \(server.server.log)")
            }
        }
        try #require(converged)

        for clone in cluster.clones {
            for name in clone.folder.vcfNames(in: clone.folder.sub("contacts")) {
                let text = clone.folder.text("contacts/" + name)
                #expect(!text.contains("<<<<<<<") && !text.contains(">>>>>>>") && !text.contains("======="), "\(name): \(text)")
            }
            #expect(try clone.git("status", "--porcelain").output == "")
            // The driver was used without `cardbox git-setup`: the attribute went where it is not versioned.
            #expect(!FileManager.default.fileExists(atPath: clone.folder.sub(".gitattributes")))
            #expect(clone.folder.text(".git/info/attributes").contains("*.vcf merge=vcard"))
        }
        // What each server pulled (the others' new contacts, the others' edits of Ann) arrived as file events.
        for (index, server) in cluster.servers.enumerated() {
            let pulled = Set(ids.filter { $0.key != index }.flatMap(\.value) + ["ann"])
            try Self.expectFileEvents(for: pulled, from: server)
        }
    }

    @Test func aMergeThatCannotCompleteIsAbortedReportedAndTheServerKeepsServing() throws {
        // The first clone commits its own notes.txt; the second pushes a different one first.
        let cluster = try GitSyncCluster(count: 2, files: Self.files) { clones in
            try clones[1].commit(["notes.txt": "theirs\n"], message: "Their notes")
            try clones[1].git("push", "-q", "origin", "main")
            try clones[0].commit(["notes.txt": "ours\n"], message: "Our notes")
        }
        let (server, clone) = (cluster.servers[0], cluster.clones[0])
        let ourHead = try clone.git("rev-parse", "HEAD").output
        var status = JSONObject()
        let reported = try GitSyncCluster.eventually {
            status = try cluster.syncStatus(server)
            return status["last_error"]?.stringValue?.contains("aborted") == true
        }
        #expect(reported, "\(status)")
        #expect(status["last_error"]?.stringValue?.contains("notes.txt") == true)
        #expect(status["branch"] == .string("main"))
        #expect(status["last_sync"] == .null)
        // Nothing of the merge is left behind, and the API still writes.
        #expect(!FileManager.default.fileExists(atPath: clone.folder.sub(".git/MERGE_HEAD")))
        #expect(clone.folder.text("notes.txt") == "ours\n")
        #expect(try clone.git("rev-parse", "HEAD").output == ourHead)
        #expect(try server.request("PATCH", "/api/v1/contacts/ann", body: #"{"company": "Acme"}"#).status == 200)
        #expect(try cluster.syncStatus(cluster.servers[1])["last_error"] == .null)

        // A merge the user left unconcluded is theirs: reported, neither aborted nor committed.
        try clone.git("merge", "-q", "origin/main", allowFailure: true)
        let userMerge = try clone.git("rev-parse", "MERGE_HEAD").output
        let waited = try GitSyncCluster.eventually {
            try cluster.syncStatus(server)["last_error"]?.stringValue?.contains("a merge is in progress") == true
        }
        #expect(waited)
        #expect(try clone.git("rev-parse", "MERGE_HEAD").output == userMerge)
    }

    @Test func aCardDeletedForGoodOnOneSideAndEditedOnTheOtherIsKeptWithTheEdit() throws {
        // Each clone deletes for good the card the other edits, in both directions.
        let cluster = try GitSyncCluster(count: 2, files: Self.files) { clones in
            try clones[1].git("rm", "-q", "contacts/ann.vcf")
            try clones[1].commit(["contacts/bo.vcf": sampleText("Bo Chen", extra: ["UID:bo", "NOTE:theirs", "REV:20260102T000000Z"])],
                                 message: "Their edit of Bo, Ann gone")
            try clones[1].git("push", "-q", "origin", "main")
            try clones[0].git("rm", "-q", "contacts/bo.vcf")
            try clones[0].commit(["contacts/ann.vcf": sampleText("Ann Lee", extra: ["UID:ann", "NOTE:ours", "REV:20260102T000000Z"])],
                                 message: "Our edit of Ann, Bo gone")
        }
        let bothKept = try GitSyncCluster.eventually {
            guard try cluster.hasConverged() else { return false }
            for server in cluster.servers {
                let ann = server.data(try server.request("GET", "/api/v1/contacts/ann")).objectValue
                let bo = server.data(try server.request("GET", "/api/v1/contacts/bo")).objectValue
                guard ann?["notes"] == .string("ours"), bo?["notes"] == .string("theirs") else { return false }
            }
            return true
        }
        #expect(bothKept, "\((try? cluster.syncStatus(cluster.servers[0])) ?? JSONObject())")
        #expect(try cluster.clones[0].git("status", "--porcelain").output == "")
    }

    @Test func uncommittedHandEditsInTheWayHoldTheMergeBackUntilCommitted() throws {
        let handEdited = sampleText("Ann Lee", extra: ["UID:ann", "EMAIL:ann@example.org", "NOTE:typed by hand", "REV:20260102T000000Z"])
        let cluster = try GitSyncCluster(count: 2, files: Self.files) { clones in
            try clones[1].commit(["contacts/ann.vcf": sampleText("Ann Lee", extra: ["UID:ann", "EMAIL:ann@example.org",
                                                                                     "TEL:+1 555 0100", "REV:20260103T000000Z"])],
                                 message: "Their phone")
            try clones[1].git("push", "-q", "origin", "main")
            try Data(handEdited.utf8).write(to: URL(fileURLWithPath: clones[0].folder.sub("contacts/ann.vcf")))
        }
        let (server, clone) = (cluster.servers[0], cluster.clones[0])
        var status = JSONObject()
        let reported = try GitSyncCluster.eventually {
            status = try cluster.syncStatus(server)
            return status["last_error"]?.stringValue?.contains("refused") == true
        }
        #expect(reported, "\(status)")
        #expect(status["last_error"]?.stringValue?.contains("contacts/ann.vcf") == true)
        #expect(status["behind"] == .number("1"))
        #expect(clone.folder.text("contacts/ann.vcf") == handEdited)
        // Once the user commits the edit, the next round merges both sides with the driver.
        try clone.git("commit", "-q", "-a", "-m", "My note")
        let merged = try GitSyncCluster.eventually {
            let ann = server.data(try server.request("GET", "/api/v1/contacts/ann")).objectValue
            return try cluster.hasConverged() && ann?["notes"]?.stringValue == "typed by hand"
                && ann?["phones"]?.arrayValue?.count == 1
        }
        #expect(merged, "\((try? cluster.syncStatus(server)) ?? JSONObject())")
    }

    @Test func badIntervalsAndUnknownRemotesAreUsageErrors() throws {
        let repository = try GitTestRepository()
        try FileManager.default.createDirectory(atPath: repository.folder.sub("contacts"), withIntermediateDirectories: true)
        let folder = repository.folder.sub("contacts")
        for interval in ["0", "1.5", "5h", "-1", ""] {
            let result = try repository.cardbox(["serve", "--dir", folder, "--git-sync", "origin", "--git-sync-interval=" + interval])
            #expect(result.status == 2, "--git-sync-interval \(interval)")
            #expect(result.stderr.contains("--git-sync-interval must be whole seconds"))
        }
        let fromEnvironment = try runCardbox(["serve", "--dir", folder],
                                             environment: repository.environment.merging(["CARDBOX_GIT_SYNC": "origin",
                                                                                          "CARDBOX_GIT_SYNC_INTERVAL": "2h"]) { $1 })
        #expect(fromEnvironment.status == 2 && fromEnvironment.stderr.contains("--git-sync-interval"))
        let noRemote = try repository.cardbox(["serve", "--dir", folder, "--git-sync", "origin"])
        #expect(noRemote.status == 2)
        #expect(noRemote.stderr.contains("no remote named 'origin'"))
        let plain = TemporaryFolder(prefix: "cardbox-cli-test-")
        let notARepository = try runCardbox(["serve", "--dir", plain.path, "--git-sync", "origin"], environment: repository.environment)
        #expect(notARepository.status == 2)
        #expect(notARepository.stderr.contains("not in a git work tree"))
    }

    /// What is missing from what every server should serve: Ann with every
    /// server's field, Bo with every server's custom key, every contact
    /// created anywhere with its last notes; nil when nothing is.
    static func missingEdit(_ cluster: GitSyncCluster, _ ids: [Int: [String]]) throws -> String? {
        let count = cluster.servers.count
        for (number, server) in cluster.servers.enumerated() {
            let ann = server.data(try server.request("GET", "/api/v1/contacts/ann")).objectValue
            let bo = server.data(try server.request("GET", "/api/v1/contacts/bo")).objectValue
            for (field, value) in annEdits.prefix(count) where ann?[field]?.stringValue != value {
                return "server \(number): Ann's \(field) is \(ann?[field] ?? .null)"
            }
            let keys = Set(bo?["custom_fields"]?.objectValue?.members.map(\.key) ?? [])
            guard keys == Set((0..<count).map { "from-\($0)" }) else { return "server \(number): Bo's custom keys are \(keys)" }
            for (index, created) in ids {
                for (position, id) in created.enumerated() {
                    let contact = server.data(try server.request("GET", "/api/v1/contacts/\(id)")).objectValue
                    let notes = position == 0 ? "from server \(index), edit \(streamedEdits)" : "from server \(index)"
                    guard contact?["notes"]?.stringValue == notes else {
                        return "server \(number): \(id)'s notes are \(contact?["notes"] ?? .null), not \(notes)"
                    }
                }
            }
            let status = server.data(try server.request("GET", "/api/v1/status")).objectValue
            guard status?["contacts"] == .number(String(2 + 2 * count)) else {
                return "server \(number): \(status?["contacts"] ?? .null) contacts"
            }
        }
        return nil
    }

    /// The server's event log (replayed from the start) holds an `origin: file` event for each of `ids`.
    static func expectFileEvents(for ids: Set<String>, from server: GitServer) throws {
        let events = try WebSocketTestClient(port: server.server.port, target: "/api/v1/events?since=0")
        #expect(events.handshake.status == 101)
        var missing = ids
        while !missing.isEmpty, let text = try events.nextText() {
            let event = try JSONParser.parse(Array(text.utf8)).objectValue
            if event?["origin"] == .string("file"), let id = event?["id"]?.stringValue { missing.remove(id) }
        }
        #expect(missing.isEmpty, "no origin: file event for \(missing)")
    }
}
