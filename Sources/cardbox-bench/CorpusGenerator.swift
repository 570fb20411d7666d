/// Deterministic contacts for benchmarks and tests: the same seed and options
/// give the same cards, in the same order, byte for byte.
///
/// About 85% of the cards are vCard 4.0, 10% 3.0 and 5% 2.1; by default 10% are
/// soft-deleted (`X-DELETED-AT`) and 2% carry an embedded photo of 1–2 KiB.
/// Cards average about 580 bytes, so 100,000 of them make a folder of ~58 MB.
struct CorpusGenerator {
    /// One generated card: the person drawn, the version written and the file's text.
    struct Card {
        let person: CorpusPerson
        let version: CorpusCardWriter.Version
        let text: String

        /// The file's name without `.vcf`, which is the contact's id.
        var id: String { person.id }
        var isDeleted: Bool { person.deleted != nil }
    }

    private var random: CorpusRandom
    let photoFraction: Double
    let deletedFraction: Double

    init(seed: UInt64, photoFraction: Double = 0.02, deletedFraction: Double = 0.10) {
        random = CorpusRandom(seed: seed)
        self.photoFraction = photoFraction
        self.deletedFraction = deletedFraction
    }

    mutating func next() -> Card {
        let person = CorpusPerson(&random, photoFraction: photoFraction, deletedFraction: deletedFraction)
        let draw = random.below(100)
        let version: CorpusCardWriter.Version = draw < 85 ? .v4 : draw < 95 ? .v3 : .v21
        return Card(person: person, version: version, text: CorpusCardWriter.card(person, version: version))
    }
}
