import Platform
import VCard

/// What the index knows about one contact file: the contact, how to recognise
/// the file's current bytes, and the keys queries use, all computed once.
public final class IndexEntry: Sendable {
    public let contact: Contact
    /// The file name when it is not `<id>.vcf` (a hand-added `Name.VCF`); nil saves memory in the common case.
    private let unusualFileName: String?
    public let file: FileFingerprint
    /// The `UID` when it is not `urn:uuid:<id>`, the form Cardbox writes; nil saves memory in the common case.
    let unusualUID: String?
    private let hasUID: Bool

    /// Folded `display_name`, the default sort key.
    let displayKey: [UInt8]
    /// Folded `company`, nil when there is none (sorted last).
    let companyKey: [UInt8]?
    /// `created_at` and `updated_at` in seconds, the time sort keys.
    let createdSeconds: Int64
    let updatedSeconds: Int64

    public init(contact: Contact, fileName: String, file: FileFingerprint, uid: String?) {
        self.contact = contact
        unusualFileName = fileName == contact.id + ".vcf" ? nil : fileName
        self.file = file
        hasUID = uid != nil
        unusualUID = uid == "urn:uuid:" + contact.id ? nil : uid
        displayKey = TextFolding.fold(contact.displayName)
        companyKey = contact.company.map(TextFolding.fold)
        createdSeconds = contact.createdAt.secondsSince1970
        updatedSeconds = contact.updatedAt.secondsSince1970
    }

    /// The texts full-text search looks in: folded display name, company, names,
    /// emails and notes (separated by 0x00), and the digits of every phone number.
    /// Computed when the entry enters the index; the index keeps them contiguous.
    public func searchKeys() -> SearchKeys {
        // The folded display name and company are already at hand as sort keys.
        var text = displayKey
        text.append(0)
        if let companyKey {
            text += companyKey
            text.append(0)
        }
        // Notes last: they are the longest field and the least searched, and
        // verifying a long term stops at its first match (see ``NeedleScan``).
        for part in [contact.firstName, contact.lastName] + contact.emails.map(\.address) + [contact.notes] {
            guard let part else { continue }
            TextFolding.append(part, to: &text)
            text.append(0)
        }
        var digits: [UInt8] = []
        for phone in contact.phones {
            digits += TextFolding.digits(phone.number)
            digits.append(0)
        }
        return SearchKeys(text: text, digits: digits)
    }

    /// The file's name in the folder (`<id>.vcf`, or whatever a hand-added file is called).
    public var fileName: String { unusualFileName ?? contact.id + ".vcf" }

    /// The card's `UID` value, for the duplicate-UID warning.
    public var uid: String? { hasUID ? unusualUID ?? "urn:uuid:" + contact.id : nil }

    /// Lower-cased tags, the keys of the index's tag sets (tags compare case-insensitively).
    var foldedTags: Set<String> { Set(contact.tags.map { $0.lowercased() }) }

    /// The contact's id (its file name without `.vcf`).
    public var id: String { contact.id }

    /// The strong ETag of the file's bytes (SPEC §2.3).
    public var etag: String { file.etag }
}

/// Identifies a file's exact content as it was last read or written: cheap
/// `stat` facts first (vdirsyncer's mtime+inode), then a hash of the raw bytes.
public struct FileFingerprint: Sendable, Equatable {
    public let size: Int
    public let modificationTimeNanoseconds: Int64
    public let inode: UInt64
    public let contentHash: UInt64

    public init(status: FileStatus, bytes: [UInt8]) {
        size = status.size
        modificationTimeNanoseconds = status.modificationTimeNanoseconds
        inode = status.inode
        contentHash = ContentHash.of(bytes)
    }

    /// True when `stat` says nothing changed (same size, mtime and inode).
    public func statusMatches(_ status: FileStatus) -> Bool {
        status.size == size && status.modificationTimeNanoseconds == modificationTimeNanoseconds && status.inode == inode
    }

    /// A strong ETag derived from the bytes only (not mtime), so it never flaps.
    public var etag: String {
        let hex = String(contentHash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }
}

/// A fast 64-bit hash of file bytes (FNV-1a over 8-byte words, then mixed),
/// used for ETags and to recognise Cardbox's own writes. Not cryptographic.
public enum ContentHash {
    public static func of(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                hash = (hash ^ word) &* 0x0000_0100_0000_01B3
                hash ^= hash >> 29
                offset += 8
            }
            while offset < raw.count {
                hash = (hash ^ UInt64(raw[offset])) &* 0x0000_0100_0000_01B3
                offset += 1
            }
        }
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        return hash
    }
}

/// The full-text keys of one contact (see ``IndexEntry/searchKeys()``).
public struct SearchKeys: Sendable {
    public let text: [UInt8]
    public let digits: [UInt8]
}
