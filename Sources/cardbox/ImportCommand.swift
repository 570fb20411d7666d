import CardboxAPI
import ContactStore
import Platform

/// `cardbox import FILE.vcf… [--dir DIR] [--replace]`: splits multi-card exports
/// into one file per card (SPEC §5).
///
/// Every input file is read before anything is written, so a mistyped path
/// imports nothing (exit 2). Then each card gets its own file (see
/// ``CardImporter``), written atomically, which is safe while `cardbox serve`
/// watches the folder. The report goes to stdout: one line per card that was
/// replaced, skipped or failed, as `FILE:LINE: card N (UID): what`, then the totals.
/// Exit 0 when no card failed (skipped duplicates are not failures), 1 when some did.
enum ImportCommand: Command {
    static let name = "import"
    static let summary = "Import vCard files (any number of cards, vCard 2.1/3.0/4.0): one file per card."
    static let usage = "cardbox import FILE.vcf… [--dir DIR] [--replace]"
    static let options = [
        SharedOptions.directory,
        CommandLineOptions.Option(name: "replace", valueName: nil,
                                  help: "A card whose UID is already in the folder replaces that contact (default: skip it)."),
    ]
    static let examples = [
        "cardbox import ~/Downloads/contacts.vcf",
        "cardbox import google.vcf iphone.vcf --dir ~/contacts",
        "cardbox import --replace backup.vcf      # overwrite contacts with the same UID",
        "cardbox export --dir old | cardbox import - --dir new    # '-' reads stdin",
    ]

    static func run(_ options: CommandLineOptions) throws -> Int32 {
        guard !options.positionals.isEmpty else { throw UsageError("no files to import (usage: \(usage))") }
        let inputs = try options.positionals.map(readInput)
        let directory = SharedOptions.directory(options)
        try SharedOptions.prepareFolder(directory)
        let report: ImportReport
        do {
            report = try FolderImport.run(inputs, into: directory, replace: options.flag("replace"))
        } catch {
            throw UsageError("cannot read folder \(directory): \(error)")
        }
        var text = ""
        for outcome in report.outcomes {
            guard let line = describe(outcome) else { continue }
            text += line + "\n"
        }
        let replaced = report.replaced > 0 ? " (\(report.replaced) replaced)" : ""
        text += "imported \(report.imported + report.replaced)\(replaced), skipped \(report.skipped), failed \(report.failed) into \(directory)\n"
        try? FileDescriptor(rawValue: 1).writeAll(Array(text.utf8))
        return report.failed == 0 ? 0 : 1
    }

    /// One report line for cards that were not simply imported.
    static func describe(_ outcome: ImportOutcome) -> String? {
        var place = "\(outcome.file):\(outcome.line)"
        if let number = outcome.number { place += ": card \(number)" }
        if let uid = outcome.uid { place += " (UID \(uid))" }
        switch outcome.result {
        case .imported: return nil
        case .replaced(let fileName): return "\(place): replaced \(fileName)"
        case .skipped(let reason): return "\(place): skipped: \(reason)"
        case .failed(let reason): return "\(place): failed: \(reason)"
        }
    }

    /// Reads one input file, or stdin for `-`; a path that cannot be read is a usage mistake.
    static func readInput(_ path: String) throws -> FolderImport.Input {
        if path == "-" {
            do {
                return FolderImport.Input(name: "(stdin)", bytes: try FileDescriptor(rawValue: 0).readToEnd())
            } catch {
                throw UsageError("cannot read standard input: \(error)")
            }
        }
        if (try? FileSystem.status(path))?.isDirectory == true { throw UsageError("\(path) is a folder, not a vCard file") }
        do {
            return FolderImport.Input(name: path, bytes: try FileSystem.readFile(path).bytes)
        } catch {
            throw UsageError("cannot read \(path): \(error)")
        }
    }
}
