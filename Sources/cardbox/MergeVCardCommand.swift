import Foundation
import VCard

/// `cardbox merge-vcard BASE OURS THEIRS`: the git merge driver for `.vcf` files
/// (SPEC §9). Git calls it as `cardbox merge-vcard %O %A %B`; it merges the three
/// cards property by property (see ``VCardMerge``), writes the one merged card
/// into OURS (`%A`) and exits 0.
///
/// When a side is not exactly one readable card, nothing is written: the
/// command exits 1 with one line on stderr, git reports the file as conflicted
/// and leaves OURS's own card in it (never conflict markers) for the user to resolve.
enum MergeVCardCommand: Command {
    static let name = "merge-vcard"
    static let summary = "Merge three versions of a contact card (the git merge driver; see 'cardbox git-setup')."
    static let usage = "cardbox merge-vcard BASE OURS THEIRS"
    static let options: [CommandLineOptions.Option] = []
    static let examples = [
        "git config merge.vcard.driver \"cardbox merge-vcard %O %A %B\"    # what 'cardbox git-setup' registers",
        "cardbox merge-vcard base.vcf mine.vcf theirs.vcf              # merges into mine.vcf",
    ]

    /// A side that is not one card: exit 1, OURS untouched.
    struct MergeFailure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(_ options: CommandLineOptions) throws -> Int32 {
        guard options.positionals.count == 3 else {
            throw UsageError("needs exactly three files, BASE OURS THEIRS (usage: \(usage))")
        }
        let paths = options.positionals
        let (base, ours, theirs) = (try read(paths[0]), try read(paths[1]), try read(paths[2]))
        let merged: [UInt8]
        do {
            merged = try VCardMerge.merge(base: base, ours: ours, theirs: theirs)
        } catch {
            let path = [VCardMergeError.Side.base: paths[0], .ours: paths[1], .theirs: paths[2]][error.side] ?? ""
            throw MergeFailure(description: "cannot merge: \(error.side.rawValue) \(path):\(error.line): \(error.reason); "
                               + "\(paths[1]) left as it was")
        }
        guard merged != ours else { return 0 }
        do {
            try Data(merged).write(to: URL(fileURLWithPath: paths[1]))
        } catch {
            throw MergeFailure(description: "cannot write \(paths[1]): \(error.localizedDescription)")
        }
        return 0
    }

    /// The bytes of one input; a file that cannot be read is a usage mistake (exit 2).
    private static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError("cannot read \(path)") }
        return Array(data)
    }
}
