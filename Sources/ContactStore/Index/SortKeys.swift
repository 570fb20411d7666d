import Platform

/// The keys `GET /contacts` sorts by, one column per key (SPEC §2.3): the
/// folded display name, the interned folded company, the two times, and the
/// id that breaks ties. ``SortOrder`` compares slots through these columns,
/// never through the contacts themselves.
struct SortKeys: Sendable {
    private(set) var ids = SlotBytes()
    private var displayKeys = SlotBytes()
    private(set) var companyCode: [Int32] = []
    private(set) var companies: [[UInt8]] = []
    private var companyCodes: [[UInt8]: Int32] = [:]
    private var created: [Int64] = []
    private var updated: [Int64] = []

    mutating func reserveCapacity(_ count: Int, idBytes: Int, displayBytes: Int) {
        ids.reserveCapacity(slots: count, bytes: idBytes)
        displayKeys.reserveCapacity(slots: count, bytes: displayBytes)
        companyCode.reserveCapacity(count)
        created.reserveCapacity(count)
        updated.reserveCapacity(count)
    }

    /// Sets slot `slot`'s keys.
    mutating func set(_ slot: Int32, id: String, displayKey: [UInt8], companyKey: [UInt8]?, created createdSeconds: Int64,
                      updated updatedSeconds: Int64) {
        if companyCode.count <= Int(slot) {
            let missing = Int(slot) - companyCode.count + 1
            companyCode.append(contentsOf: repeatElement(-1, count: missing))
            created.append(contentsOf: repeatElement(0, count: missing))
            updated.append(contentsOf: repeatElement(0, count: missing))
        }
        ids.set(slot, id.utf8)
        displayKeys.set(slot, displayKey)
        companyCode[Int(slot)] = companyKey.map { intern($0) } ?? -1
        created[Int(slot)] = createdSeconds
        updated[Int(slot)] = updatedSeconds
    }

    mutating func remove(_ slot: Int32) {
        ids.remove(slot)
        displayKeys.remove(slot)
        companyCode[Int(slot)] = -1
    }

    /// The id of slot `slot`.
    func id(_ slot: Int32) -> String {
        ids.string(slot)
    }

    /// The `created_at` and `updated_at` seconds of slot `slot`.
    func times(_ slot: Int32) -> (created: Int64, updated: Int64) {
        (created[Int(slot)], updated[Int(slot)])
    }

    /// The code of a folded company name, shared by every slot with that company.
    private mutating func intern(_ key: [UInt8]) -> Int32 {
        if let code = companyCodes[key] { return code }
        let code = Int32(companies.count)
        companies.append(key)
        companyCodes[key] = code
        return code
    }

    /// False only for the company order and a slot without a company (sorted last).
    func hasKey(_ slot: Int32, _ field: SortField) -> Bool {
        field != .company || companyCode[Int(slot)] >= 0
    }

    /// Three-way comparison of two slots by (key, id).
    func compare(_ a: Int32, _ b: Int32, by field: SortField) -> Int {
        let order = compare(a, b, ignoringIDs: field)
        return order != 0 ? order : compareIDs(a, b)
    }

    /// Three-way comparison of the keys alone (no company as empty).
    func compare(_ a: Int32, _ b: Int32, ignoringIDs field: SortField) -> Int {
        switch field {
        case .displayName:
            return displayKeys.withBytes(a) { x in displayKeys.withBytes(b) { y in ByteSearch.compare(x, y) } }
        case .company:
            let x = companyCode[Int(a)], y = companyCode[Int(b)]
            return x == y ? 0 : ByteSearch.compare(x < 0 ? [] : companies[Int(x)], y < 0 ? [] : companies[Int(y)])
        case .createdAt, .updatedAt:
            let x = time(a, field), y = time(b, field)
            return x < y ? -1 : (x > y ? 1 : 0)
        }
    }

    /// Compares the ids of two slots by their UTF-8 bytes.
    func compareIDs(_ a: Int32, _ b: Int32) -> Int {
        ids.withBytes(a) { x in ids.withBytes(b) { y in ByteSearch.compare(x, y) } }
    }

    /// Runs `body` on the slot's key bytes for a text field (display name, company; empty without one).
    func withKeyBytes<R>(_ slot: Int32, _ field: SortField, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if field == .company {
            let code = companyCode[Int(slot)]
            return (code < 0 ? [] : companies[Int(code)]).withUnsafeBufferPointer(body)
        }
        return displayKeys.withBytes(slot, body)
    }

    /// Runs `body` on the slot's id bytes.
    func withIDBytes<R>(_ slot: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        ids.withBytes(slot, body)
    }

    /// The length of the slot's key for a text field; nil for the time fields.
    func keyLength(_ slot: Int32, _ field: SortField) -> Int? {
        field == .createdAt || field == .updatedAt ? nil : withKeyBytes(slot, field) { $0.count }
    }

    /// The length of the slot's id in bytes.
    func idLength(_ slot: Int32) -> Int {
        ids.withBytes(slot) { $0.count }
    }

    /// The slot's `created_at` or `updated_at` seconds.
    func time(_ slot: Int32, _ field: SortField) -> Int64 {
        field == .createdAt ? created[Int(slot)] : updated[Int(slot)]
    }

    /// Bytes held (for the memory breakdown).
    var memoryBytes: Int {
        ids.memoryBytes + displayKeys.memoryBytes + companyCode.count * 4 + created.count * 16
            + companies.reduce(0) { $0 + $1.count + 48 }
    }
}
