import CardboxAPI
import ContactStore
import Foundation
import HTTPServer
import Platform

/// `cardbox-bench http --dir DIR [--port P] [--seconds S] [--connections C]`:
/// serves the folder with the real server (release build) and drives it with
/// `wrk` (keep-alive connections, 2 threads) for `GET /contacts/:id` and
/// `GET /contacts?limit=20`, printing requests/s and latency. Without `wrk` on
/// the PATH it prints the commands to run and serves until interrupted.
/// SPEC §6: at least the requests/s of a Hummingbird 2 server returning the
/// same JSON on the same machine (a separate program, not part of this repository).
enum HTTPBenchmark {
    static func run(_ arguments: [String]) throws {
        let directory = try Bench.requiredDirectory(arguments)
        let port = UInt16(Bench.option("port", in: arguments) ?? "8089") ?? 8089
        let seconds = Int(Bench.option("seconds", in: arguments) ?? "10") ?? 10
        let connections = Int(Bench.option("connections", in: arguments) ?? "64") ?? 64
        TerminationSignals.block()
        let folder = ServedFolder(directory: directory)
        let store = folder.store
        try store.load()
        var first = ContactQuery()
        first.limit = 1
        guard let id = store.query(first).entries.first?.id else { throw Bench.Failure(description: "the folder has no contacts") }
        let server = try folder.serve(port: port)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.boundPort)/api/v1"
        let targets = ["\(base)/contacts/\(id)", "\(base)/contacts?limit=20"]
        let wrkArguments = ["--latency", "-t2", "-c\(connections)", "-d\(seconds)s"]
        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("wrk not found (apt-get install wrk). Serving \(store.status().contacts) contacts; run:")
            for target in targets { print("  wrk \(wrkArguments.joined(separator: " ")) '\(target)'") }
            _ = TerminationSignals.wait()
            return
        }
        for target in targets {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: wrk)
            process.arguments = wrkArguments + [target]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let lines = text.split(separator: "\n")
            let rate = lines.first { $0.hasPrefix("Requests/sec") } ?? "?"
            let p50 = lines.first { $0.contains("50%") }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "?"
            let p99 = lines.first { $0.contains("99%") }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "?"
            print("GET \(target.replacingOccurrences(of: base, with: "/api/v1")): \(rate.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "?") req/s, p50 \(p50), p99 \(p99)")
        }
    }
}
