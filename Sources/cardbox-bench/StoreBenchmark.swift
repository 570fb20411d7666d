import CardboxAPI
import ContactStore
import JSON
import Platform

/// `cardbox-bench store --dir DIR [--queries N] [--creates N] [--list-size N]`:
/// load time and resident memory for a folder, p50/p99 latency of a fixed mix
/// of list, search and filter queries with limit 20, creates per second with
/// fsync (SPEC §6: 100k loaded under 2 s and 250 MB; queries p50 < 2 ms, p99 <
/// 10 ms), and the time of one PATCH of a list of N emails (default 20,000).
/// The contacts it creates are permanently deleted again at the end.
enum StoreBenchmark {
    static func run(_ arguments: [String]) throws {
        let directory = try Bench.requiredDirectory(arguments)
        let queryCount = Int(Bench.option("queries", in: arguments) ?? "2000") ?? 2000
        let createCount = Int(Bench.option("creates", in: arguments) ?? "200") ?? 200
        let memoryBefore = Bench.residentMemoryMiB()
        let store = ContactStore(directory: directory)
        let loadSeconds = try Bench.time { try store.load() }
        let status = store.status()
        print("load: \(status.contacts + status.deleted) contacts (\(status.deleted) deleted, \(status.problems.count) problems) "
              + "in \(Bench.format(loadSeconds, decimals: 2)) s; resident memory \(Bench.format(Bench.residentMemoryMiB())) MiB "
              + "(\(Bench.format(memoryBefore)) MiB before loading)")

        let mix = queryMix()
        var samples: [Double] = []
        samples.reserveCapacity(queryCount)
        var matched = 0
        for index in 0..<queryCount {
            let query = mix[index % mix.count]
            let seconds = Bench.time { matched &+= store.query(query).total }
            samples.append(seconds * 1000)
        }
        if arguments.contains("--per-query") {
            for (index, query) in mix.enumerated() {
                var times: [Double] = []
                for _ in 0..<50 { times.append(Bench.time { _ = store.query(query) } * 1000) }
                times.sort()
                print("  query \(index) (\(query.search.joined(separator: " ")) tags \(query.tags) company \(query.company ?? "-") "
                      + "sort \(query.sort.rawValue)): p50 \(Bench.format(Bench.percentile(times, 50), decimals: 3)) ms, "
                      + "\(store.query(query).total) matches")
            }
        }
        samples.sort()
        print("queries (\(queryCount), mix of \(mix.count) list/search/filter, limit 20): "
              + "p50 \(Bench.format(Bench.percentile(samples, 50), decimals: 3)) ms, "
              + "p99 \(Bench.format(Bench.percentile(samples, 99), decimals: 3)) ms, max \(Bench.format(samples.last ?? 0, decimals: 3)) ms")

        var created: [String] = []
        let body = try JSONParser.parse(#"{"display_name": "Bench Person", "emails": [{"address": "bench@example.com"}], "tags": ["bench"]}"#)
        let patch = try ContactInput.creation(body)
        let createSeconds = try Bench.time {
            for _ in 0..<createCount { created.append(try store.create(patch).entry.id) }
        }
        print("creates with fsync: \(createCount) in \(Bench.format(createSeconds, decimals: 2)) s = "
              + "\(Bench.format(Double(createCount) / createSeconds, decimals: 0)) /s")
        for id in created { try store.deletePermanently(id: id) }
        try listPatch(store, size: Int(Bench.option("list-size", in: arguments) ?? "20000") ?? 20_000)
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

    /// A fixed mix: plain pages in every sort, deep pages, text and phone
    /// searches, tag, company and source filters, the trash.
    static func queryMix() -> [ContactQuery] {
        var queries: [ContactQuery] = []
        func add(_ configure: (inout ContactQuery) -> Void) {
            var query = ContactQuery()
            configure(&query)
            queries.append(query)
        }
        add { _ in }
        add { $0.sort = .createdAt; $0.ascending = false }
        add { $0.sort = .updatedAt }
        add { $0.sort = .company }
        add { $0.offset = 5000 }
        add { $0.setSearch("garcía") }
        add { $0.setSearch("müller anna") }
        add { $0.setSearch("example.org") }
        add { $0.setSearch("612") }
        add { $0.tags = ["vip"] }
        add { $0.tags = ["golf", "work"] }
        add { $0.company = "acme" }
        add { $0.source = "api" }
        add { $0.deleted = .only }
        add { $0.setSearch("zz-no-match") }
        return queries
    }
}
