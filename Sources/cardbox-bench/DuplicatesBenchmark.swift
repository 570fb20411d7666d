import CardboxAPI
import ContactStore
import JSON
import Platform

/// `cardbox-bench duplicates --dir DIR [--runs N] [--updates N]`: the time of
/// the first `GET /duplicates` over a loaded folder (a fresh finder each run,
/// median of N runs; SPEC §6: 100k < 1 s, 1M < 10 s), then the time of the
/// next call after one changed contact (incremental, p50/p99 over `--updates`
/// creates, which are permanently deleted again at the end).
enum DuplicatesBenchmark {
    static func run(_ arguments: [String]) throws {
        let directory = try Bench.requiredDirectory(arguments)
        let runs = Int(Bench.option("runs", in: arguments) ?? "5") ?? 5
        let updates = Int(Bench.option("updates", in: arguments) ?? "100") ?? 100
        var finders = (0..<max(1, runs)).map { _ in DuplicateFinder() }
        let store = ContactStore(directory: directory, changes: StoreChangeFanOut(finders))
        let loadSeconds = try Bench.time { try store.load() }
        let status = store.status()
        print("load: \(status.contacts) live contacts in \(Bench.format(loadSeconds, decimals: 2)) s")

        var firstCalls: [Double] = []
        var groups: [DuplicateGroup] = []
        for finder in finders {
            firstCalls.append(Bench.time { groups = finder.groups(in: store) })
        }
        firstCalls.sort()
        let largest = groups.map(\.ids.count).max() ?? 0
        print("first call: median \(Bench.format(Bench.percentile(firstCalls, 50), decimals: 3)) s "
              + "(min \(Bench.format(firstCalls[0], decimals: 3)), max \(Bench.format(firstCalls.last!, decimals: 3)), \(firstCalls.count) runs); "
              + "\(groups.count) groups, largest \(largest), \(groups.reduce(0) { $0 + $1.ids.count }) contacts grouped")

        let finder = finders[0]
        finders = []
        var created: [String] = []
        var samples: [Double] = []
        for index in 0..<updates {
            let body = try JSONParser.parse(#"{"display_name": "Bench Person \#(index % 10)", "emails": [{"address": "bench\#(index % 10)@example.com"}]}"#)
            created.append(try store.create(ContactInput.creation(body)).entry.id)
            samples.append(Bench.time { _ = finder.groups(in: store) } * 1000)
        }
        samples.sort()
        print("next call after one change (\(updates) creates): p50 \(Bench.format(Bench.percentile(samples, 50), decimals: 3)) ms, "
              + "p99 \(Bench.format(Bench.percentile(samples, 99), decimals: 3)) ms")
        for id in created { try store.deletePermanently(id: id) }
    }
}
