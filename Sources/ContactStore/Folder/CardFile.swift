import ByteText
import Foundation
import VCard

/// What one file of the folder holds, decided from its bytes alone (SPEC §1, §1.4).
public enum CardFile: Sendable {
    /// Exactly one card that is a contact.
    case contact(VCard)
    /// A `KIND:group` card (or Apple's `X-ADDRESSBOOKSERVER-KIND:group`): counted, otherwise left alone.
    case group(VCard)
    /// Not one valid contact; never modified by Cardbox.
    case problem(line: Int, reason: String)

    /// Classifies the bytes of a `.vcf` file.
    public static func classify(_ bytes: [UInt8]) -> CardFile {
        let cards: [VCard]
        do {
            cards = try VCardReader.read(bytes)
        } catch {
            return .problem(line: error.line, reason: error.reason)
        }
        guard cards.count == 1, let card = cards.first else {
            return .problem(line: cards[1].beginLine ?? 1,
                            reason: "file holds \(cards.count) cards; one contact per file (cardbox import splits exports)")
        }
        return isGroup(card) ? .group(card) : .contact(card)
    }

    /// True for group cards, which are not contacts.
    public static func isGroup(_ card: VCard) -> Bool {
        for property in card.properties where property.hasName("KIND") || property.hasName("X-ADDRESSBOOKSERVER-KIND") {
            if property.value.trimmingCharacters(in: [" ", "\t"]).lowercased() == "group" { return true }
        }
        return false
    }
}

/// The rule of SPEC §1 for which names in the folder are contact files.
public enum ContactFileName {
    /// True for names ending in `.vcf` (any case) that do not start with `.`.
    /// Editor and sync temporaries (`x.vcf~`, `x.vcf.swp`, `x.vcf8f3kq1`) do not end in `.vcf`.
    public static func isContactFile(_ name: String) -> Bool {
        guard !name.hasPrefix("."), name.utf8.count > 4 else { return false }
        // An all-ASCII name (the usual case) is decided on its last bytes without lower-casing it.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            return name.utf8.suffix(4).elementsEqual(".vcf".utf8) { ASCII.lowercased($0) == $1 }
        }
        return name.lowercased().hasSuffix(".vcf")
    }

    /// The contact id for a file name: the name without `.vcf`.
    public static func id(forFileName name: String) -> String {
        // Without CR (CR LF is the one ASCII pair that forms a single character), the
        // last four characters of an ASCII name are its last four bytes.
        if name.utf8.count >= 4, name.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            return String(Substring(name.utf8.dropLast(4)))
        }
        return String(name.dropLast(4))
    }
}
