import Platform

/// `cardbox-bench`: the benchmarks behind the figures in README and SPEC §6.
/// Build with `swift build -c release` and run `.build/release/cardbox-bench COMMAND --dir DIR`.
let arguments = Array(CommandLine.arguments.dropFirst())
let benchmarks: [String: ([String]) throws -> Void] = [
    "parse": ParseBenchmark.run,
    "store": StoreBenchmark.run,
    "http": HTTPBenchmark.run,
    "events": EventsBenchmark.run,
    "write-loop": WriteLoop.run,
    "duplicates": DuplicatesBenchmark.run,
]

guard let name = arguments.first, let benchmark = benchmarks[name] else {
    print("usage: cardbox-bench (\(benchmarks.keys.sorted().joined(separator: "|"))) --dir DIR")
    CurrentProcess.exit(2)
}
do {
    try benchmark(Array(arguments.dropFirst()))
} catch {
    print("cardbox-bench \(name): \(error)")
    CurrentProcess.exit(1)
}
