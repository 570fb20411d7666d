import ContactStore
import Platform
import VCard

/// `cardbox-bench parse --dir DIR [--rounds N]`: reads every `.vcf` of a folder
/// into memory, then parses all of them on one core and reports files/s and MB/s
/// of vCard text (the issue #2 target is at least 100 MB/s in a release build).
enum ParseBenchmark {
    static func run(_ arguments: [String]) throws {
        let directory = try Bench.requiredDirectory(arguments)
        let rounds = Int(Bench.option("rounds", in: arguments) ?? "3") ?? 3
        var files: [[UInt8]] = []
        let dummyStatus = try FileSystem.status(directory)
        let readSeconds = try Bench.time {
            for file in try FolderListing.read(directory).contactFiles {
                files.append(try FileSystem.readFile(directory + "/" + file.readName).bytes)
            }
        }
        let totalBytes = files.reduce(0) { $0 + $1.count }
        let megabytes = Double(totalBytes) / 1_000_000
        print("read \(files.count) files, \(Bench.format(megabytes)) MB in \(Bench.format(readSeconds, decimals: 2)) s")

        var best = Double.infinity
        var properties = 0
        var failures = 0
        for round in 1...rounds {
            properties = 0
            failures = 0
            let seconds = Bench.time {
                for bytes in files {
                    if let cards = try? VCardReader.read(bytes) {
                        properties += cards.reduce(0) { $0 + $1.properties.count }
                    } else {
                        failures += 1
                    }
                }
            }
            best = min(best, seconds)
            print("round \(round): \(Bench.format(seconds, decimals: 3)) s, "
                  + "\(Bench.format(Double(files.count) / seconds, decimals: 0)) files/s, "
                  + "\(Bench.format(megabytes / seconds)) MB/s")
        }
        var bestMapping = Double.infinity
        for _ in 1...rounds {
            bestMapping = min(bestMapping, Bench.time {
                for (offset, bytes) in files.enumerated() {
                    if case .contact(let card) = CardFile.classify(bytes) {
                        let entry = IndexEntry(contact: Contact(card: card, id: String(offset), fileModified: VCardTimestamp(secondsSince1970: 0)),
                                               fileName: String(offset) + ".vcf", file: FileFingerprint(status: dummyStatus, bytes: bytes),
                                               uid: nil)
                        _ = entry.searchKeys()
                    }
                }
            })
        }
        print("parse + map to indexed contacts (one core, best of \(rounds)): \(Bench.format(Double(files.count) / bestMapping, decimals: 0)) files/s, "
              + "\(Bench.format(bestMapping * 1e6 / Double(max(1, files.count)), decimals: 1)) µs per file")
        print("parse (one core, best of \(rounds)): \(Bench.format(Double(files.count) / best, decimals: 0)) files/s, "
              + "\(Bench.format(megabytes / best)) MB/s, \(properties) properties, \(failures) unreadable files")
    }
}
