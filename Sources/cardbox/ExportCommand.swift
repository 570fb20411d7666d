import CardboxAPI
import ContactStore
import Platform

/// `cardbox export [--dir DIR] [--include-deleted]`: every contact as one vCard
/// 4.0 stream on stdout, in display-name order (SPEC §5; see ``CardExporter``).
/// Problem files and groups are not contacts and are left out; the count goes to stderr.
enum ExportCommand: Command {
    static let name = "export"
    static let summary = "Write every contact as one vCard 4.0 stream to stdout, in display-name order."
    static let usage = "cardbox export [--dir DIR] [--include-deleted]"
    static let options = [
        SharedOptions.directory,
        CommandLineOptions.Option(name: "include-deleted", valueName: nil, help: "Also export soft-deleted contacts (the trash)."),
    ]
    static let examples = [
        "cardbox export > contacts.vcf",
        "cardbox export --dir ~/contacts --include-deleted > backup.vcf",
        "cardbox export --dir old | cardbox import - --dir new",
    ]

    /// Bytes gathered before each write to stdout.
    static let bufferSize = 256 * 1024

    static func run(_ options: CommandLineOptions) throws -> Int32 {
        guard options.positionals.isEmpty else { throw UsageError("export takes no arguments, got \(options.positionals[0])") }
        let directory = SharedOptions.directory(options)
        try SharedOptions.prepareFolder(directory)
        let store = ContactStore(directory: directory)
        do {
            try store.load()
        } catch {
            throw UsageError("cannot read folder \(directory): \(error)")
        }
        let stdout = FileDescriptor.standardOutput
        var buffer: [UInt8] = []
        buffer.reserveCapacity(bufferSize)
        var writeFailed = false
        let summary = CardExporter.run(store: store, includeDeleted: options.flag("include-deleted")) { card in
            buffer.append(contentsOf: card)
            guard buffer.count >= bufferSize else { return true }
            do {
                try stdout.writeAll(buffer)
            } catch {
                writeFailed = true
                return false
            }
            buffer.removeAll(keepingCapacity: true)
            return true
        }
        if !writeFailed {
            do { try stdout.writeAll(buffer) } catch { writeFailed = true }
        }
        for (file, reason) in summary.skipped { StandardError.write("cardbox export: skipped \(directory)/\(file): \(reason)") }
        let status = store.status()
        var line = "exported \(summary.exported) contacts from \(directory)"
        if !status.problems.isEmpty { line += "; \(status.problems.count) problem files left out (cardbox check lists them)" }
        StandardError.write(line)
        if writeFailed {
            StandardError.write("cardbox export: cannot write to standard output")
            return 1
        }
        return summary.skipped.isEmpty ? 0 : 1
    }
}
