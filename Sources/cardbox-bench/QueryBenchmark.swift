import ContactStore
import Foundation
import HTTPTestSupport
import JSON

/// `cardbox-bench query --dir DIR [--runs N] [--http]`: the list/search figures
/// of SPEC §6. Loads the folder as `cardbox serve` does, then runs every shape of
/// ``QueryMix`` N times (default 200), round-robin so machine noise spreads
/// evenly, and prints per shape p50/p99/max and the matches (`total`), then
/// the whole mix's p50/p99. With `--http` it then starts the real server on a
/// free port and measures the same query strings again as
/// `GET /api/v1/contacts?…` over one keep-alive connection (client time:
/// request out, whole response in). The folder is only read.
enum QueryBenchmark {
    /// One shape as measured: the offset possibly lowered (``QueryMix/effectiveOffset(requested:total:limit:)``).
    struct PreparedShape {
        let shape: QueryShape
        let query: ContactQuery
        let total: Int
        /// The shape's first query, in ms: cold, before any kept search result (the index keeps verified long terms).
        let first: Double
    }

    static func run(_ arguments: [String]) throws {
        let directory = try Bench.requiredDirectory(arguments)
        let runs = Int(Bench.option("runs", in: arguments) ?? "200") ?? 200
        print("load average at start: \(Bench.loadAverage())")
        let folder = ServedFolder(directory: directory)
        let loadSeconds = try Bench.time { try folder.store.load() }
        let status = folder.store.status()
        print("load: \(status.contacts) live + \(status.deleted) deleted contacts in \(Bench.format(loadSeconds, decimals: 2)) s; "
              + "resident memory \(Bench.format(Bench.residentMemoryMiB())) MiB (peak \(Bench.format(Bench.peakResidentMemoryMiB())) MiB)")
        Bench.printMemoryBreakdown(folder.store)
        let shapes = try prepare(QueryMix.shapes, in: folder.store)

        var inProcess = shapes.map { _ in Latencies(capacity: runs) }
        for _ in 0..<runs {
            for (index, prepared) in shapes.enumerated() {
                inProcess[index].measure { _ = folder.store.query(prepared.query) }
            }
        }
        print("\nin-process (ContactStore.query, limit 20, \(runs) runs per shape):")
        printTable(shapes, inProcess)

        if arguments.contains("--http") {
            let server = try folder.serve()
            defer { server.stop() }
            let client = try HTTPTestClient(port: server.boundPort)
            for prepared in shapes {
                let answered = try total(of: get(prepared, client))
                guard answered == prepared.total else {
                    throw Bench.Failure(description: "\(prepared.shape.name): total \(answered) over HTTP, \(prepared.total) in-process")
                }
            }
            var overHTTP = shapes.map { _ in Latencies(capacity: runs) }
            for _ in 0..<runs {
                for (index, prepared) in shapes.enumerated() {
                    try overHTTP[index].measure { try get(prepared, client) }
                }
            }
            print("\nHTTP keep-alive (GET /api/v1/contacts?…, one connection, \(runs) runs per shape):")
            printTable(shapes, overHTTP)
            print("resident memory while serving: \(Bench.format(Bench.residentMemoryMiB())) MiB "
                  + "(peak \(Bench.format(Bench.peakResidentMemoryMiB())) MiB)")
        }
        print("load average at end: \(Bench.loadAverage())")
    }

    /// Each shape parsed, its offset lowered where it has fewer matches, its total taken (and the query warmed).
    static func prepare(_ shapes: [QueryShape], in store: ContactStore) throws -> [PreparedShape] {
        try shapes.map { shape in
            var query = try shape.contactQuery()
            var counting = query
            counting.offset = 0
            var total = 0
            let first = Bench.time { total = store.query(counting).total } * 1000
            let offset = QueryMix.effectiveOffset(requested: query.offset, total: total, limit: query.limit)
            guard offset != query.offset else { return PreparedShape(shape: shape, query: query, total: total, first: first) }
            query.offset = offset
            return PreparedShape(shape: shape.with(offset: offset), query: query, total: total, first: first)
        }
    }

    /// Sends the shape's `GET /contacts` and reads the whole answer, which must be a 200.
    @discardableResult
    static func get(_ prepared: PreparedShape, _ client: HTTPTestClient) throws -> WireResponse {
        try client.send("GET /api/v1/contacts?\(prepared.shape.encoded) HTTP/1.1\r\nHost: localhost\r\n\r\n")
        let response = try client.readResponse()
        guard response.status == 200 else {
            throw Bench.Failure(description: "\(prepared.shape.name): status \(response.status): \(response.text)")
        }
        return response
    }

    /// The `meta.total` of a list answer.
    static func total(of response: WireResponse) throws -> Int {
        guard case .number(let text)? = try JSONParser.parse(response.body).objectValue?["meta"]?.objectValue?["total"],
              let total = Int(text) else {
            throw Bench.Failure(description: "no meta.total in \(response.text.prefix(200))")
        }
        return total
    }

    static func printTable(_ shapes: [PreparedShape], _ latencies: [Latencies]) {
        let width = shapes.map(\.shape.name.count).max() ?? 0
        func column(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        func milliseconds(_ value: Double) -> String { String(format: "%.3f", value) }
        print(column("shape", width) + column("first ms", 10) + column("p50 ms", 10) + column("p99 ms", 10) + column("max ms", 10)
              + column("total", 10) + "  query")
        var all = Latencies()
        for (prepared, times) in zip(shapes, latencies) {
            print(column(prepared.shape.name, width) + column(milliseconds(prepared.first), 10)
                  + column(milliseconds(times.p50), 10) + column(milliseconds(times.p99), 10)
                  + column(milliseconds(times.max), 10) + column(String(prepared.total), 10) + "  " + prepared.shape.text)
            for sample in times.samples { all.add(milliseconds: sample) }
        }
        print("whole mix (\(shapes.count) shapes, \(all.count) queries): \(all.summary()); "
              + "first queries (cold, in-process, before the timed runs): max \(milliseconds(shapes.map(\.first).max() ?? 0)) ms")
    }
}
