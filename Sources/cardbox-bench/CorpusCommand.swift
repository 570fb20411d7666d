import Foundation

/// `cardbox-bench corpus --count N [--seed S] --out DIR [--photo-fraction F] [--deleted-fraction F]`:
/// writes N generated contacts (see ``CorpusGenerator``) as `<uuid>.vcf` files
/// into DIR, which must be missing or empty, so the folders the benchmarks
/// measure are made by the project and comparable between runs and machines.
enum CorpusCommand {
    /// What was written, for the summary line and for tests.
    struct Summary: Equatable {
        var cards = 0
        var deleted = 0
        var bytes = 0
        var versions: [String: Int] = [:]
    }

    static func run(_ arguments: [String]) throws {
        guard let countText = Bench.option("count", in: arguments), let count = Int(countText), count >= 0 else {
            throw Bench.Failure(description: "--count N (a whole number ≥ 0) is required")
        }
        guard let directory = Bench.option("out", in: arguments) else { throw Bench.Failure(description: "--out DIR is required") }
        let seedText = Bench.option("seed", in: arguments) ?? "42"
        guard let seed = UInt64(seedText) else { throw Bench.Failure(description: "--seed must be a whole number 0…2⁶⁴−1, not \(seedText)") }
        let photoFraction = try fraction("photo-fraction", default: 0.02, in: arguments)
        let deletedFraction = try fraction("deleted-fraction", default: 0.10, in: arguments)
        let summary = try write(count: count, seed: seed, photoFraction: photoFraction, deletedFraction: deletedFraction, to: directory)
        let average = summary.cards == 0 ? 0 : summary.bytes / summary.cards
        let versions = ["4.0", "3.0", "2.1"].map { "\(summary.versions[$0] ?? 0) \($0)" }.joined(separator: ", ")
        print("wrote \(summary.cards) cards (\(versions); \(summary.deleted) soft-deleted) to \(directory): "
              + "\(summary.bytes) bytes, \(average) B/card")
    }

    /// Generates the cards and writes one file per card into `directory`.
    static func write(count: Int, seed: UInt64, photoFraction: Double = 0.02, deletedFraction: Double = 0.10,
                      to directory: String) throws -> Summary {
        let files = FileManager.default
        if let existing = try? files.contentsOfDirectory(atPath: directory), !existing.isEmpty {
            throw Bench.Failure(description: "\(directory) is not empty: give a new or empty folder")
        }
        try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var generator = CorpusGenerator(seed: seed, photoFraction: photoFraction, deletedFraction: deletedFraction)
        var summary = Summary()
        for _ in 0..<count {
            let card = generator.next()
            let bytes = Array(card.text.utf8)
            try writeFile(directory + "/" + card.id + ".vcf", bytes)
            summary.cards += 1
            summary.bytes += bytes.count
            summary.versions[card.version.rawValue, default: 0] += 1
            if card.isDeleted { summary.deleted += 1 }
        }
        return summary
    }

    /// Writes a file without syncing it (a corpus is scratch data: `Data.write`
    /// syncs every file, which makes 100,000 files take minutes instead of seconds).
    private static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        guard let stream = OutputStream(toFileAtPath: path, append: false) else {
            throw Bench.Failure(description: "cannot create \(path)")
        }
        stream.open()
        defer { stream.close() }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { stream.write($0, maxLength: buffer.count) } ?? 0
            }
            guard count > 0 else {
                throw Bench.Failure(description: "cannot write \(path): \(stream.streamError.map { "\($0)" } ?? "no progress")")
            }
            written += count
        }
    }

    private static func fraction(_ name: String, default value: Double, in arguments: [String]) throws -> Double {
        guard let text = Bench.option(name, in: arguments) else { return value }
        guard let fraction = Double(text), (0...1).contains(fraction) else {
            throw Bench.Failure(description: "--\(name) must be a number between 0 and 1, not \(text)")
        }
        return fraction
    }
}
