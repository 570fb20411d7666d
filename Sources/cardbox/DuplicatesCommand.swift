import CardboxAPI
import ContactStore
import Platform

/// `cardbox duplicates [--dir DIR] [--default-country C]`: prints the likely
/// duplicate groups of a folder, strongest first, with the reasons (SPEC §5, §10).
enum DuplicatesCommand: Command {
    static let name = "duplicates"
    static let summary = "List groups of contacts that are likely the same person, with the reasons."
    static let usage = "cardbox duplicates [--dir DIR] [--default-country C]"
    static let options = [SharedOptions.directory, defaultCountryOption]
    static let examples = ["cardbox duplicates", "cardbox duplicates --dir ~/contacts --default-country ES"]

    /// `--default-country`: the calling code for phone numbers written without one.
    static let defaultCountryOption = CommandLineOptions.Option(
        name: "default-country", valueName: "C",
        help: "Country of phone numbers written without a calling code: an ISO code (ES, DE, US…) or +NN.")

    /// The country from `--default-country`/`CARDBOX_DEFAULT_COUNTRY`, nil when not given.
    static func defaultCountry(_ options: CommandLineOptions) throws -> CallingCountry? {
        guard let text = options.value("default-country") else { return nil }
        guard let country = CallingCountry.named(text) else {
            let known = CallingCountry.all.map(\.isoCode).joined(separator: ", ")
            throw UsageError("--default-country must be one of \(known) or a calling code like +34, not '\(text)'")
        }
        return country
    }

    static func run(_ options: CommandLineOptions) throws -> Int32 {
        guard options.positionals.isEmpty else { throw UsageError("duplicates takes no arguments, got \(options.positionals[0])") }
        let directory = SharedOptions.directory(options)
        let finder = DuplicateFinder(defaultCountry: try defaultCountry(options))
        let store = ContactStore(directory: directory)
        do {
            try store.load()
        } catch {
            throw UsageError("cannot read folder \(directory): \(error)")
        }
        let groups = finder.groups(in: store)
        for group in groups {
            print("score \(group.scoreText): \(group.reasons.joined(separator: ", "))")
            for id in group.ids {
                let entry = store.entry(id)
                print("  \(entry?.fileName ?? id + ".vcf")  \(entry?.contact.displayName ?? "")")
            }
        }
        StandardError.write("\(groups.count) groups of likely duplicates among \(store.status().contacts) contacts in \(directory)")
        return 0
    }
}
