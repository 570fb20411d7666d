import Platform
import VCard

/// The result of reading a whole folder as `cardbox check` and `/status` report it.
public struct FolderReport: Sendable, Equatable {
    /// A file that is not one valid contact (SPEC §1.4).
    public struct Problem: Sendable, Equatable {
        public let file: String
        public let line: Int
        public let reason: String
    }

    /// Something worth knowing that does not stop a file from being a contact.
    public struct Warning: Sendable, Equatable {
        public let file: String
        public let reason: String
    }

    public var contacts = 0
    public var groups = 0
    public var problems: [Problem] = []
    public var warnings: [Warning] = []
}

/// Reads a folder the way the store does (the same ``FolderListing``) and
/// reports problems and warnings.
public enum FolderCheck {
    /// Checks every contact file of `directory`.
    public static func run(directory: String) throws(Errno) -> FolderReport {
        enum Outcome: Sendable {
            case contact(file: String, uid: String?)
            case group
            case problem(FolderReport.Problem)
        }
        let listing = try FolderListing.read(directory)
        var outcomes: [Outcome] = FolderScanner.scan(listing, directory: directory, unreadable: { name, error -> Outcome? in
            .problem(FolderReport.Problem(file: name, line: 0, reason: "cannot read the file: \(error)"))
        }, transform: { file -> Outcome? in
            switch CardFile.classify(file.bytes) {
            case .contact(let card): return .contact(file: file.name, uid: card.first(named: "UID")?.value)
            case .group: return .group
            case .problem(let line, let reason): return .problem(FolderReport.Problem(file: file.name, line: line, reason: reason))
            }
        })
        outcomes += listing.problems.map { .problem($0) }
        outcomes += listing.unreadable.map { .problem(FolderReport.Problem(file: $0.name, line: 0, reason: "cannot read the file: \($0.error)")) }
        var report = FolderReport()
        var uids: [(uid: String, file: String)] = []
        for outcome in outcomes {
            switch outcome {
            case .contact(let file, let uid):
                report.contacts += 1
                if let uid, !uid.isEmpty { uids.append((uid, file)) }
            case .group:
                report.groups += 1
            case .problem(let problem):
                report.problems.append(problem)
            }
        }
        report.problems.sort { Array($0.file.utf8).lexicographicallyPrecedes(Array($1.file.utf8)) }
        report.warnings = duplicateUIDWarnings(uids)
        return report
    }

    /// One warning per file whose UID another file also has (SPEC §1: both stay contacts).
    public static func duplicateUIDWarnings(_ uids: [(uid: String, file: String)]) -> [FolderReport.Warning] {
        var filesByUID: [String: [String]] = [:]
        for entry in uids { filesByUID[entry.uid, default: []].append(entry.file) }
        var warnings: [FolderReport.Warning] = []
        for entry in uids {
            guard let files = filesByUID[entry.uid], files.count > 1 else { continue }
            let others = files.filter { $0 != entry.file }.joined(separator: ", ")
            warnings.append(FolderReport.Warning(file: entry.file, reason: "duplicate UID \(entry.uid) (also in \(others))"))
        }
        return warnings
    }
}
