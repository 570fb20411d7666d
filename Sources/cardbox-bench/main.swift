import Platform

/// `cardbox-bench`: the benchmarks behind the figures in README and SPEC §6.
/// Build with `swift build -c release` and run `.build/release/cardbox-bench COMMAND --dir DIR`;
/// `cardbox-bench corpus --count N --seed S --out DIR` makes the folders they measure.
let arguments = Array(CommandLine.arguments.dropFirst())
let benchmarks: [String: ([String]) throws -> Void] = [
    "corpus": CorpusCommand.run,
    "parse": ParseBenchmark.run,
    "store": StoreBenchmark.run,
    "query": QueryBenchmark.run,
    "http": HTTPBenchmark.run,
    "events": EventsBenchmark.run,
    "write-loop": WriteLoop.run,
    "git-history": GitHistoryBenchmark.run,
    "git-writes": GitWritesBenchmark.run,
    "duplicates": DuplicatesBenchmark.run,
]

guard let name = arguments.first, let benchmark = benchmarks[name] else {
    let measuring = benchmarks.keys.filter { $0 != "corpus" }.sorted().joined(separator: "|")
    print("usage: cardbox-bench corpus --count N [--seed S] --out DIR\n       cardbox-bench (\(measuring)) --dir DIR")
    CurrentProcess.exit(2)
}
do {
    try benchmark(Array(arguments.dropFirst()))
} catch {
    print("cardbox-bench \(name): \(error)")
    CurrentProcess.exit(1)
}
