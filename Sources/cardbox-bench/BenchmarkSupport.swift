import ContactStore
import Platform

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
        processStatusMiB("VmRSS")
    }

    /// The highest resident memory the process has had so far, in MiB (VmHWM).
    static func peakResidentMemoryMiB() -> Double {
        processStatusMiB("VmHWM")
    }

    /// A kB figure of /proc/self/status, in MiB.
    private static func processStatusMiB(_ field: String) -> Double {
        guard let status = try? FileSystem.readFile("/proc/self/status").bytes else { return 0 }
        for line in String(decoding: status, as: UTF8.self).split(separator: "\n") where line.hasPrefix(field + ":") {
            return (Double(line.filter { $0.isNumber }) ?? 0) / 1024
        }
        return 0
    }

    /// The machine's load averages over 1, 5 and 15 minutes (/proc/loadavg), to
    /// print with figures measured on a shared machine.
    static func loadAverage() -> String {
        guard let text = try? FileSystem.readFile("/proc/loadavg").bytes else { return "?" }
        return String(decoding: text, as: UTF8.self).split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// Prints where the index's memory goes, in MiB, and the rest of the resident memory.
    static func printMemoryBreakdown(_ store: ContactStore) {
        let parts = store.memoryBreakdown()
        let indexed = Double(parts.reduce(0) { $0 + $1.bytes }) / 1_048_576
        print("index memory by part (MiB): " + parts.map { "\($0.part) \(format(Double($0.bytes) / 1_048_576))" }.joined(separator: ", ")
              + "; index total \(format(indexed)), the rest of the resident memory \(format(residentMemoryMiB() - indexed))")
    }

    /// Writes straight to standard output (no buffering), so a parent reading a pipe sees it at once.
    static func writeUnbuffered(_ text: String) {
        let bytes = Array(text.utf8)
        try? FileDescriptor.standardOutput.writeAll(bytes)
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
