import Foundation
import VCard

/// Decides, card by card, what `cardbox import` does (SPEC §5): which file a card
/// goes to, whether it is skipped as a duplicate, and what the written card holds.
/// Pure: it knows the folder only through the names and UIDs it was given, and
/// remembers every decision, so duplicates within one import are caught too.
///
/// ```swift
/// var importer = CardImporter(existing: [("ana.vcf", "urn:uuid:…")], otherNames: [], replace: false)
/// let plan = importer.plan(card)   // .write(fileName:replacing:) or .skip(reason:)
/// ```
public struct CardImporter {
    /// What to do with one card.
    public enum Decision: Sendable, Equatable {
        /// Write the prepared card to `fileName`; `replacing` is true when that file is
        /// an existing contact with the same UID (`--replace`).
        case write(fileName: String, replacing: Bool)
        /// Leave the card out, with a reason for the report.
        case skip(reason: String)
    }

    /// A decision and the card to write (with `X-SOURCE:import` and a UID).
    public struct Plan: Sendable {
        public let decision: Decision
        public let card: VCard
        /// The card's UID as written (added when it had none).
        public let uid: String
    }

    /// The longest UID used as a file name as it is; longer ones get a UUID name.
    public static let maximumNameLength = 100

    private enum Holder {
        case folder(String)
        case thisImport(String)

        var fileName: String {
            switch self {
            case .folder(let name), .thisImport(let name): return name
            }
        }
    }

    private var holders: [String: Holder] = [:]
    private var takenNames: Set<String>
    private let replace: Bool
    private let newUUID: () -> String

    /// - Parameters:
    ///   - existing: the folder's current cards (contacts and groups) with their UIDs.
    ///   - otherNames: every other name in the folder, so a new file never takes one.
    ///   - replace: `--replace`: a card whose UID exists replaces that file instead of being skipped.
    ///   - newUUID: makes new lowercase UUIDs (injected by tests).
    public init(existing: [(fileName: String, uid: String?)], otherNames: [String], replace: Bool,
                newUUID: @escaping () -> String = RandomUUID.make) {
        takenNames = Set(otherNames.map { $0.lowercased() })
        for (fileName, uid) in existing.sorted(by: { $0.fileName < $1.fileName }) {
            takenNames.insert(fileName.lowercased())
            guard let uid, let key = Self.uidKey(uid), holders[key] == nil else { continue }
            holders[key] = .folder(fileName)
        }
        self.replace = replace
        self.newUUID = newUUID
    }

    /// Decides what happens to `card` and records it, so a later card with the same UID is a duplicate.
    public mutating func plan(_ card: VCard) -> Plan {
        let existingUID = card.first(named: "UID").map { $0.value.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let uid = existingUID ?? "urn:uuid:" + newUUID()
        let prepared = Self.prepare(card, addingUID: existingUID == nil ? uid : nil)
        let key = Self.uidKey(uid)
        if let key, let holder = holders[key] {
            guard replace else {
                let reason: String
                switch holder {
                case .folder(let name): reason = "its UID is already in the folder (\(name)); --replace overwrites it"
                case .thisImport(let name): reason = "its UID came earlier in this import (\(name)); --replace keeps the last one"
                }
                return Plan(decision: .skip(reason: reason), card: prepared, uid: uid)
            }
            holders[key] = .thisImport(holder.fileName)
            return Plan(decision: .write(fileName: holder.fileName, replacing: true), card: prepared, uid: uid)
        }
        let fileName = freeFileName(for: uid)
        takenNames.insert(fileName.lowercased())
        if let key { holders[key] = .thisImport(fileName) }
        return Plan(decision: .write(fileName: fileName, replacing: false), card: prepared, uid: uid)
    }

    /// `<uid>.vcf` when the UID (without `urn:uuid:`) is a safe name not taken yet, else `<new uuid>.vcf`.
    private mutating func freeFileName(for uid: String) -> String {
        let stripped = Self.strippingURNPrefix(uid)
        if Self.isSafeFileStem(stripped), !takenNames.contains((stripped + ".vcf").lowercased()) {
            return stripped + ".vcf"
        }
        while true {
            let name = newUUID() + ".vcf"
            if !takenNames.contains(name.lowercased()) { return name }
        }
    }

    // MARK: Pure helpers

    /// True for names made of `A-Z a-z 0-9 . _ -`, not starting with `.`, 1…100 characters:
    /// safe in every file system, URL and shell.
    public static func isSafeFileStem(_ stem: String) -> Bool {
        guard !stem.isEmpty, stem.utf8.count <= maximumNameLength, !stem.hasPrefix(".") else { return false }
        return stem.utf8.allSatisfy { byte in
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2E, 0x5F, 0x2D: return true
            default: return false
            }
        }
    }

    /// The key two UIDs are compared by: without `urn:uuid:` and surrounding
    /// spaces, and lower-cased when it is a UUID (`urn:uuid:ABC…` = `abc…`).
    /// Other UIDs compare exactly. Nil for an empty UID.
    public static func uidKey(_ uid: String) -> String? {
        let stripped = strippingURNPrefix(uid.trimmingCharacters(in: .whitespaces))
        guard !stripped.isEmpty else { return nil }
        return UUID(uuidString: stripped) != nil ? stripped.lowercased() : stripped
    }

    static func strippingURNPrefix(_ uid: String) -> String {
        uid.lowercased().hasPrefix("urn:uuid:") ? String(uid.dropFirst(9)) : uid
    }

    /// The card as `cardbox import` writes it: vCard 2.1 and cards without
    /// `VERSION` converted whole to 4.0; 3.0 and 4.0 kept (a stray
    /// quoted-printable value decoded, since fresh folding would break it);
    /// every `X-SOURCE` set to `import`, or one appended; `UID` added after
    /// `VERSION` when `addingUID` is given. Written fresh, nothing of the source
    /// file (neighbouring cards, a BOM) comes along.
    public static func prepare(_ card: VCard, addingUID: String?) -> VCard {
        var result: VCard
        switch card.version {
        case .v3_0?, .v4_0?:
            result = VCard(properties: card.properties.map(decodingQuotedPrintable))
        case .v2_1?, nil:
            result = card.upgradedToVersion4()
        }
        if let uid = addingUID {
            if let empty = result.indices(named: "UID").first {
                result.properties[empty].value = uid
            } else {
                let position = result.indices(named: "VERSION").first.map { $0 + 1 } ?? 0
                result.properties.insert(VCardProperty(name: "UID", value: uid), at: position)
            }
        }
        let sources = result.indices(named: "X-SOURCE")
        if sources.isEmpty {
            result.properties.append(VCardProperty(name: "X-SOURCE", value: "import"))
        }
        for index in sources { result.properties[index].value = "import" }
        return result
    }

    private static func decodingQuotedPrintable(_ property: VCardProperty) -> VCardProperty {
        guard property.isQuotedPrintable else { return property }
        var decoded = property
        decoded.value = VCardEscaping.escapeLineBreaks(property.decodedValue)
        decoded.parameters.removeAll { parameter in
            parameter.hasName("ENCODING") || parameter.hasName("CHARSET")
                || (parameter.isBare && parameter.values.first?.uppercased() == "QUOTED-PRINTABLE")
        }
        return decoded
    }
}
