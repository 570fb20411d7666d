import Platform
import VCard

/// What happened to one card (or unreadable part) of an import file.
public struct ImportOutcome: Sendable, Equatable {
    public enum Result: Sendable, Equatable {
        case imported(fileName: String)
        case replaced(fileName: String)
        case skipped(reason: String)
        case failed(reason: String)
    }

    /// The import file as given on the command line.
    public let file: String
    /// The card's number in the file (from 1); nil for text outside any card.
    public let number: Int?
    /// The line of the import file where the card (or the problem) is.
    public let line: Int
    /// The card's UID, as written (nil when the card could not be read).
    public let uid: String?
    public let result: Result
}

/// The outcomes of a whole import, in the order of the files and cards.
public struct ImportReport: Sendable {
    public var outcomes: [ImportOutcome] = []

    /// Cards written to new files.
    public var imported: Int { outcomes.filter { if case .imported = $0.result { true } else { false } }.count }
    /// Cards written over an existing contact with the same UID (`--replace`).
    public var replaced: Int { outcomes.filter { if case .replaced = $0.result { true } else { false } }.count }
    public var skipped: Int { outcomes.filter { if case .skipped = $0.result { true } else { false } }.count }
    public var failed: Int { outcomes.filter { if case .failed = $0.result { true } else { false } }.count }
}

/// `cardbox import` against a folder: reads the folder's UIDs and names, plans
/// every card with ``CardImporter`` and writes each one atomically and durably
/// with ``AtomicFileWriter`` (SPEC §1.1), so a server watching the folder sees
/// complete files only, each as one file event.
public enum FolderImport {
    /// One file to import: the name shown in the report and its bytes.
    public struct Input: Sendable {
        public let name: String
        public let bytes: [UInt8]

        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    /// Imports every card of `inputs` into `directory` (which must exist).
    /// - Throws: ``Errno`` when the folder cannot be listed; per-card write
    ///   failures are reported as outcomes instead.
    public static func run(_ inputs: [Input], into directory: String, replace: Bool) throws(Errno) -> ImportReport {
        let existing: [(fileName: String, uid: String?)] = FolderScanner.scan(try FolderListing.read(directory), directory: directory, unreadable: { name, _ in
            (name, nil)
        }, transform: { file in
            switch CardFile.classify(file.bytes) {
            case .contact(let card), .group(let card): return (file.name, card.first(named: "UID")?.value)
            case .problem: return (file.name, nil)
            }
        })
        let otherNames = try FileSystem.listDirectory(directory).map(\.name)
        var importer = CardImporter(existing: existing, otherNames: otherNames, replace: replace)
        let writer = AtomicFileWriter(directory: directory)
        var report = ImportReport()
        for input in inputs {
            for part in CardSplitter.split(input.bytes) {
                switch part {
                case .failure(let number, let line, let reason):
                    report.outcomes.append(ImportOutcome(file: input.name, number: number, line: line, uid: nil,
                                                         result: .failed(reason: reason)))
                case .card(let card, let number, let line):
                    let plan = importer.plan(card)
                    let result = write(plan, with: writer)
                    report.outcomes.append(ImportOutcome(file: input.name, number: number, line: line, uid: plan.uid, result: result))
                }
            }
        }
        return report
    }

    private static func write(_ plan: CardImporter.Plan, with writer: AtomicFileWriter) -> ImportOutcome.Result {
        guard case .write(let fileName, let replacing) = plan.decision else {
            if case .skip(let reason) = plan.decision { return .skipped(reason: reason) }
            return .skipped(reason: "")
        }
        let bytes = plan.card.serializedFresh()
        // Never write a file the folder would then report as a problem.
        if case .problem(let line, let reason) = CardFile.classify(bytes) {
            return .failed(reason: "the converted card does not read back (line \(line): \(reason))")
        }
        do {
            _ = try writer.write(bytes, to: fileName)
        } catch {
            return .failed(reason: "cannot write \(fileName): \(error)")
        }
        return replacing ? .replaced(fileName: fileName) : .imported(fileName: fileName)
    }
}
