import Platform
import VCard

/// One contact file as the index knows it: the contact (packed), how to
/// recognise the file's current bytes, and its UID. Made when a file is read,
/// and again from the index's columns whenever a reader asks for an entry: the
/// index itself keeps no object per contact.
public final class IndexEntry: Sendable {
    /// The contact's id (its file name without `.vcf`).
    public let id: String
    /// Every other field of the contact, packed (see ``ContactRecord``).
    let record: [UInt8]
    /// The file name when it is not `<id>.vcf` (a hand-added `Name.VCF`).
    let unusualFileName: String?
    public let file: FileFingerprint
    /// The `UID` when it is not `urn:uuid:<id>`, the form Cardbox writes.
    let unusualUID: String?
    let hasUID: Bool
    /// True when soft-deleted (in the trash).
    public let isDeleted: Bool
    /// The contact's `source`, for the source filter.
    let source: String
    /// `created_at` and `updated_at` in seconds, the time sort keys.
    let createdSeconds: Int64
    let updatedSeconds: Int64

    public convenience init(contact: Contact, fileName: String, file: FileFingerprint, uid: String?) {
        self.init(id: contact.id, record: ContactRecord.encode(contact),
                  unusualFileName: Self.isJoined(contact.id, between: "", and: ".vcf", equalTo: fileName) ? nil : fileName, file: file,
                  unusualUID: uid.map { Self.isJoined(contact.id, between: "urn:uuid:", and: "", equalTo: $0) } == true ? nil : uid,
                  hasUID: uid != nil, isDeleted: contact.isDeleted,
                  source: contact.source, createdSeconds: contact.createdAt.secondsSince1970,
                  updatedSeconds: contact.updatedAt.secondsSince1970)
    }

    init(id: String, record: [UInt8], unusualFileName: String?, file: FileFingerprint, unusualUID: String?, hasUID: Bool,
         isDeleted: Bool, source: String, createdSeconds: Int64, updatedSeconds: Int64) {
        self.id = id
        self.record = record
        self.unusualFileName = unusualFileName
        self.file = file
        self.unusualUID = unusualUID
        self.hasUID = hasUID
        self.isDeleted = isDeleted
        self.source = source
        self.createdSeconds = createdSeconds
        self.updatedSeconds = updatedSeconds
    }

    /// `text == prefix + id + suffix`, without building the joined string: equal
    /// bytes are equal strings, and ASCII strings are equal only when their bytes are.
    private static func isJoined(_ id: String, between prefix: StaticString, and suffix: StaticString, equalTo text: String) -> Bool {
        var id = id, text = text
        let sameBytes = text.withUTF8 { text in
            id.withUTF8 { id in
                let prefix = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
                let suffix = UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
                guard text.count == prefix.count + id.count + suffix.count else { return false }
                return text[..<prefix.count].elementsEqual(prefix)
                    && text[prefix.count..<(prefix.count + id.count)].elementsEqual(id)
                    && text[(prefix.count + id.count)...].elementsEqual(suffix)
            }
        }
        if sameBytes { return true }
        if id.utf8.allSatisfy({ $0 < 0x80 }) && text.utf8.allSatisfy({ $0 < 0x80 }) { return false }
        return text == prefix.description + id + suffix.description
    }

    /// The contact, unpacked from the record (about a microsecond: call it once per use).
    public var contact: Contact { ContactRecord.decode(record, id: id) }

    /// The keys the index files this entry under (see ``searchKeys(of:)``).
    public func searchKeys() -> SearchKeys {
        searchKeys(of: contact)
    }

    /// The keys the index files this entry's `contact` under: the sort keys,
    /// the texts full-text search looks in — folded display name, company,
    /// names, emails and notes, separated by 0x00 — the digits of every phone
    /// number, and the lower-cased tags. Computed when the entry enters the
    /// index (in parallel at load, where the contact is at hand).
    public func searchKeys(of contact: Contact) -> SearchKeys {
        let displayKey = TextFolding.fold(contact.displayName)
        let companyKey = contact.company.map(TextFolding.fold)
        var text = displayKey
        text.append(0)
        if let companyKey {
            text += companyKey
            text.append(0)
        }
        func add(_ part: String?) {
            guard let part else { return }
            TextFolding.append(part, to: &text)
            text.append(0)
        }
        add(contact.firstName)
        add(contact.lastName)
        for email in contact.emails { add(email.address) }
        // Notes last: they are the longest field and the least searched, and
        // verifying a long term stops at its first match (see ``NeedleScan``).
        add(contact.notes)
        var digits: [UInt8] = []
        for phone in contact.phones {
            digits.append(contentsOf: phone.number.utf8.lazy.filter { $0 >= 0x30 && $0 <= 0x39 })
            digits.append(0)
        }
        return SearchKeys(displayKey: displayKey, companyKey: companyKey, text: text, digits: digits,
                          tags: Self.foldedTags(contact.tags))
    }

    /// The file's name in the folder (`<id>.vcf`, or whatever a hand-added file is called).
    public var fileName: String { unusualFileName ?? contact.id + ".vcf" }

    /// The card's `UID` value, for the duplicate-UID warning.
    public var uid: String? { hasUID ? unusualUID ?? "urn:uuid:" + contact.id : nil }

    /// Lower-cased tags, the keys of the index's tag sets (tags compare case-insensitively).
    static func foldedTags(_ tags: [String]) -> Set<String> { Set(tags.map { $0.lowercased() }) }

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

/// The keys the index files one contact under (see ``IndexEntry/searchKeys(of:)``).
public struct SearchKeys: Sendable {
    /// Folded `display_name`, the default sort key.
    let displayKey: [UInt8]
    /// Folded `company`, nil when there is none (sorted last).
    let companyKey: [UInt8]?
    public let text: [UInt8]
    public let digits: [UInt8]
    /// Lower-cased tags, the keys of the index's tag sets (tags compare case-insensitively).
    let tags: Set<String>
}
