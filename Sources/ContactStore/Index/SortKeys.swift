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
        let order: Int
        switch field {
        case .displayName:
            order = displayKeys.withBytes(a) { x in displayKeys.withBytes(b) { y in ByteSearch.compare(x, y) } }
        case .company:
            let x = companyCode[Int(a)], y = companyCode[Int(b)]
            order = x == y ? 0 : ByteSearch.compare(x < 0 ? [] : companies[Int(x)], y < 0 ? [] : companies[Int(y)])
        case .createdAt: order = Self.compareNumbers(created[Int(a)], created[Int(b)])
        case .updatedAt: order = Self.compareNumbers(updated[Int(a)], updated[Int(b)])
        }
        return order != 0 ? order : compareIDs(a, b)
    }

    /// Compares the ids of two slots by their UTF-8 bytes.
    func compareIDs(_ a: Int32, _ b: Int32) -> Int {
        ids.withBytes(a) { x in ids.withBytes(b) { y in ByteSearch.compare(x, y) } }
    }

    /// The first eight bytes of the slot's key (or of its id, for a slot without
    /// a key), as an integer whose order is the key's order; equal prefixes are
    /// then ordered by ``compare(_:_:by:)``.
    func prefix(_ slot: Int32, _ field: SortField) -> UInt64 {
        guard hasKey(slot, field) else { return ids.withBytes(slot) { Self.prefix($0) } }
        switch field {
        case .displayName: return displayKeys.withBytes(slot) { Self.prefix($0) }
        case .company: return companies[Int(companyCode[Int(slot)])].withUnsafeBufferPointer { Self.prefix($0) }
        case .createdAt: return Self.timePrefix(created[Int(slot)])
        case .updatedAt: return Self.timePrefix(updated[Int(slot)])
        }
    }

    /// Bytes held (for the memory breakdown).
    var byteCount: Int {
        ids.byteCount + displayKeys.byteCount + companyCode.capacity * 4 + created.capacity * 16
            + companies.reduce(0) { $0 + $1.capacity + 48 }
    }

    /// The first eight bytes, big-endian, so integer order equals byte order.
    private static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<8 { value = value << 8 | UInt64(index < bytes.count ? bytes[index] : 0) }
        return value
    }

    /// Seconds in the top 40 bits (offset so that order is kept for dates before 1970).
    private static func timePrefix(_ seconds: Int64) -> UInt64 {
        let clamped = min(max(seconds, -(1 << 39)), (1 << 39) - 1)
        return UInt64(clamped + (1 << 39)) << 24
    }

    private static func compareNumbers(_ a: Int64, _ b: Int64) -> Int {
        a < b ? -1 : (a > b ? 1 : 0)
    }
}
