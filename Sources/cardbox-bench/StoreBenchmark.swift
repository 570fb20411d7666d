import CardboxAPI
import ContactStore
import Foundation
import HTTPTestSupport
import JSON

/// `cardbox-bench store --dir DIR [--writes N] [--http] [--list-size N]`: the memory,
/// write and first-start figures of SPEC §6. Loads the folder as `cardbox
/// serve` does and prints the load time and resident memory (VmRSS after the
/// load, VmHWM the peak while loading); then the latency of N creates, N
/// patches of one field of existing contacts, N soft deletes and N permanent
/// deletes (default 200 each; fsync and the change event included, as an API
/// write has them; see ``WriteLatencies``), with `--http` then the same over
/// the API; then one PATCH of a list of N emails (default 20,000).
///
/// It writes into DIR: give it a copy of a corpus. What it creates is deleted
/// permanently again, but the patched contacts keep their new `job_title`.
/// Query latency is `cardbox-bench query`.
enum StoreBenchmark {
    static func run(_ arguments: [String]) throws {
        let directory = try Bench.requiredDirectory(arguments)
        let writes = Int(Bench.option("writes", in: arguments) ?? "200") ?? 200
        print("load average at start: \(Bench.loadAverage())")
        let memoryBefore = Bench.residentMemoryMiB()
        let hasState = FileManager.default.fileExists(atPath: directory + "/.cardbox")
        let folder = ServedFolder(directory: directory)
        let store = folder.store
        let loadSeconds = try Bench.time { try store.load() }
        let status = store.status()
        print("load: \(status.contacts + status.deleted) contacts (\(status.deleted) deleted, \(status.problems.count) problems) "
              + "in \(Bench.format(loadSeconds, decimals: 2)) s (\(hasState ? "restart: .cardbox/ state present" : "first start: no .cardbox/ state")); "
              + "resident memory \(Bench.format(Bench.residentMemoryMiB())) MiB, peak \(Bench.format(Bench.peakResidentMemoryMiB())) MiB "
              + "(\(Bench.format(memoryBefore)) MiB before loading)")
        Bench.printMemoryBreakdown(store)
        try measureWrites(folder, count: writes, http: arguments.contains("--http"))
        try listPatch(store, size: Int(Bench.option("list-size", in: arguments) ?? "20000") ?? 20_000)
        print("load average at end: \(Bench.loadAverage())")
    }

    /// The write sequence in-process, then (with `--http`) over the API, each
    /// patching the first `count` contacts by creation time (spread over the folder).
    static func measureWrites(_ folder: ServedFolder, count: Int, http: Bool) throws {
        var oldest = ContactQuery()
        oldest.sort = .createdAt
        oldest.limit = count
        let existing = folder.store.query(oldest).entries.map(\.id)
        try WriteLatencies(WriteLatencies.inProcess(folder.store), count: count, existing: existing)
            .printed("writes in-process (ContactStore, fsync and change event included), one at a time:")
        guard http else { return }
        let server = try folder.serve()
        defer { server.stop() }
        let client = try HTTPTestClient(port: server.boundPort)
        try WriteLatencies(WriteLatencies.overHTTP(client), count: count, existing: existing)
            .printed("writes over HTTP keep-alive (request out → answer in), one at a time:")
    }

    /// One PATCH that reverses a contact's list of `size` emails and replaces
    /// every tenth one: the list matching of the writer, which must stay linear
    /// (issue 9: quadratic, 13–20 s for 20,000 emails under the writer lock).
    static func listPatch(_ store: ContactStore, size: Int) throws {
        func emails(_ addresses: [String]) -> String {
            "[" + addresses.map { #"{"address": "\#($0)"}"# }.joined(separator: ",") + "]"
        }
        let addresses = (0..<size).map { "person\($0)@example.com" }
        let body = try JSONParser.parse(#"{"display_name": "Bench List", "emails": \#(emails(addresses))}"#)
        let id = try store.create(ContactInput.creation(body)).entry.id
        var changed = Array(addresses.reversed())
        for index in stride(from: 0, to: changed.count, by: 10) { changed[index] = "new\(index)@example.org" }
        let patch = try ContactInput.update(JSONParser.parse(#"{"emails": \#(emails(changed))}"#))
        let seconds = try Bench.time { _ = try store.update(id: id, patch) }
        print("one PATCH of a list of \(size) emails (reversed, every tenth replaced): \(Bench.format(seconds * 1000, decimals: 1)) ms")
        try store.deletePermanently(id: id)
    }
}
