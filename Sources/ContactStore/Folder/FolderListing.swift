import Platform

/// Every contact file of a folder as ``FolderEntry`` classifies it, with the
/// rule for two files with one id applied: `a.vcf` and `a.VCF` both name the
/// contact `a`, so one of them is the contact and the other a problem. Used by
/// the store's load and rescans and by `cardbox check`, so they always agree.
public struct FolderListing: Sendable {
    /// A contact file, and the name to read it by (its link target, for a link).
    public struct ContactFile: Sendable, Equatable {
        public let name: String
        public let target: String?

        /// The name of the regular file that holds the bytes.
        public var readName: String { target ?? name }
    }

    /// The contact files, at most one per id, in directory order.
    public var contactFiles: [ContactFile] = []
    /// Names that cannot be contacts: bad links, and files whose id another file has.
    public var problems: [FolderReport.Problem] = []
    /// Names that could not be classified right now, and why (retry later).
    public var unreadable: [(name: String, error: Errno)] = []

    /// Lists and classifies `directory`. Throws if the folder itself cannot be listed.
    public static func read(_ directory: String) throws(Errno) -> FolderListing {
        read(directory, entries: try FileSystem.listDirectory(directory))
    }

    /// Classifies `entries`, a listing of `directory` already at hand.
    public static func read(_ directory: String, entries: [FileSystem.Entry]) -> FolderListing {
        var listing = FolderListing()
        var files: [ContactFile] = []
        var needsIDCheck = false
        for entry in entries {
            let kind: FolderEntry
            do {
                kind = try FolderEntry.classify(entry.name, in: directory, type: entry.type)
            } catch {
                listing.unreadable.append((entry.name, error))
                continue
            }
            switch kind {
            case .contactFile(let target):
                if !needsIDCheck, !isPlainName(entry.name) { needsIDCheck = true }
                files.append(ContactFile(name: entry.name, target: target))
            case .problem(let reason):
                listing.problems.append(FolderReport.Problem(file: entry.name, line: 0, reason: reason))
            case .ignored, .missing:
                continue
            }
        }
        guard needsIDCheck else {
            listing.contactFiles = files
            return listing
        }
        var chosen: [String: Int] = [:] // id → index in contactFiles
        chosen.reserveCapacity(files.count)
        var shadowed: [ContactFile] = []
        for file in files {
            let id = ContactFileName.id(forFileName: file.name)
            if let index = chosen[id] {
                if isPreferred(file.name, over: listing.contactFiles[index].name) {
                    shadowed.append(listing.contactFiles[index])
                    listing.contactFiles[index] = file
                } else {
                    shadowed.append(file)
                }
            } else {
                chosen[id] = listing.contactFiles.count
                listing.contactFiles.append(file)
            }
        }
        for file in shadowed {
            listing.problems.append(sameIDProblem(file.name))
        }
        return listing
    }

    /// True for an ASCII name ending in `.vcf` (lower case), the names Cardbox and
    /// vdir tools write. Two such names in one folder never share an id (their ids
    /// differ as bytes, and ASCII strings are equal only when their bytes are), so
    /// a folder of only such names needs no id check: no table of 100k ids.
    static func isPlainName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard bytes.count > 4, bytes.allSatisfy({ $0 < 0x80 }) else { return false }
        return bytes.suffix(4).elementsEqual(".vcf".utf8)
    }

    /// Of two file names with one id, the one that is the contact: the one
    /// spelled `.vcf` in lower case (the form Cardbox and vdir tools write),
    /// else the first in byte order. A total order, so the choice never depends
    /// on directory order or on which file appeared first.
    public static func isPreferred(_ name: String, over other: String) -> Bool {
        let canonical = name.hasSuffix(".vcf"), otherCanonical = other.hasSuffix(".vcf")
        if canonical != otherCanonical { return canonical }
        return name.utf8.lexicographicallyPrecedes(other.utf8)
    }

    /// `names` in the order of ``isPreferred(_:over:)``: the contact of each id first.
    static func inPreferenceOrder(_ names: some Sequence<String>) -> [String] {
        names.map { (name: $0, canonical: $0.hasSuffix(".vcf"), bytes: Array($0.utf8)) }
            .sorted { $0.canonical != $1.canonical ? $0.canonical : $0.bytes.lexicographicallyPrecedes($1.bytes) }
            .map(\.name)
    }

    /// The problem of a file whose id another file has.
    static func sameIDProblem(_ name: String) -> FolderReport.Problem {
        FolderReport.Problem(file: name, line: 0, reason: "another file has the same id \(ContactFileName.id(forFileName: name))")
    }
}
