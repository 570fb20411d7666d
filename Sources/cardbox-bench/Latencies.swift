/// Latency samples in milliseconds and the figures the benchmarks report from them.
struct Latencies {
    private(set) var samples: [Double] = []

    init(capacity: Int = 0) {
        samples.reserveCapacity(capacity)
    }

    mutating func add(milliseconds: Double) {
        samples.append(milliseconds)
    }

    /// Times `body` and keeps its duration.
    mutating func measure(_ body: () throws -> Void) rethrows {
        samples.append(try Bench.time(body) * 1000)
    }

    var count: Int { samples.count }
    var p50: Double { Bench.percentile(samples.sorted(), 50) }
    var p99: Double { Bench.percentile(samples.sorted(), 99) }
    var max: Double { samples.max() ?? 0 }

    /// `p50 0.012 ms, p99 0.034 ms, max 0.100 ms`.
    func summary(decimals: Int = 3) -> String {
        let sorted = samples.sorted()
        return "p50 \(Bench.format(Bench.percentile(sorted, 50), decimals: decimals)) ms, "
            + "p99 \(Bench.format(Bench.percentile(sorted, 99), decimals: decimals)) ms, "
            + "max \(Bench.format(sorted.last ?? 0, decimals: decimals)) ms"
    }
}
