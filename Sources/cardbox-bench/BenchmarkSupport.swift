import Glibc

/// Helpers shared by the benchmarks: argument lookup, timing, memory, formatting.
enum Bench {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The value after `--name` in `arguments`.
    static func option(_ name: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    static func requiredDirectory(_ arguments: [String]) throws -> String {
        guard let directory = option("dir", in: arguments) else { throw Failure(description: "--dir DIR is required") }
        return directory
    }

    /// Seconds taken by `body`.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let elapsed = try clock.measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// The process's resident memory in MiB, from /proc/self/status (VmRSS).
    static func residentMemoryMiB() -> Double {
        guard let file = fopen("/proc/self/status", "r") else { return 0 }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, 256, file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("VmRSS:") {
                let digits = text.filter { $0.isNumber }
                return (Double(digits) ?? 0) / 1024
            }
        }
        return 0
    }

    /// Writes straight to standard output (no buffering), so a parent reading a pipe sees it at once.
    static func writeUnbuffered(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
    }

    static func format(_ value: Double, decimals: Int = 1) -> String {
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        let rounded = (value * factor).rounded() / factor
        return String(rounded)
    }

    /// The p-th percentile (0...100) of sorted samples.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let index = min(sorted.count - 1, Int((p / 100) * Double(sorted.count - 1) + 0.5))
        return sorted[index]
    }
}
